"""YAML that does not parse, at the line and column where the parser stopped.

Nothing else can be checked in such a file; fix this first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU001", "yaml-syntax", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    if doc.syntax_error:
        line, col, message = doc.syntax_error
        yield RULE.problem(doc, (line, col), f"YAML syntax error: {message}")
