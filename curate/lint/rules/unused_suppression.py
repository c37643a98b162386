"""A suppression comment that suppresses nothing, or that names no rule it could (warning).

`# curate: ignore[CU205]` at the end of a line hides the problems of those rules
reported on that line; `# curate: ignore-file[CU103, no-sources]` among the
comment lines at the top of a file hides them anywhere in the file. Rules are
named by code, code prefix or name, separated by commas. A comment that hides
nothing is reported, so that suppressions do not outlive the problem they were
for; so is one naming an unknown rule, or an `ignore-file` below the top.
`curate lint --fix` keeps these comments in place.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint import suppress
from curate.lint.context import Context
from curate.lint.problem import WARNING, Problem
from curate.lint.rules import Rule, by_code_or_name

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule(suppress.CODE, "unused-suppression", WARNING, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    for d in suppress.directives(doc.text):
        unknown = [t for t in d.tokens if not by_code_or_name(t)]
        if not d.tokens:
            message, hint = f"`{d.comment}` names no rule", "name the rules: ignore[CU205]"
        elif unknown:
            message = f"unknown rule {unknown[0]!r} in `{d.comment}`"
            hint = "see `curate lint --list-rules`"
        elif d.scope == "ignore-file" and not d.in_header:
            message = f"`{d.comment}` is not among the comment lines at the top of the file"
            hint = "move it to the top"
        else:  # a directive: suppress.apply reads it back, and reports it if unused
            message = suppress.UNUSED.format(scope=d.scope, tokens=", ".join(d.tokens))
            hint = "remove the comment, or the rules it no longer needs"
        yield RULE.problem(doc, (d.line, d.col), message, hint)
