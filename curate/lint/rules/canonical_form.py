"""Not in canonical form: what `curate lint --fix` would rewrite (warning, fixable).

Canonical form is the schema comment line (naming the root's `schemas/`, or for a
root without one the copy curate keeps in `.curate/schemas/`, so that editors find
it), fields in the model's order, block lists indented by two, quoting only where
needed, no folding, LF, a final newline. A fix never changes the data, and never drops a comment: suppression
comments (`# curate: ignore[...]`) are kept beside what they suppress, and a file
with other comments is left for you to tidy by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint import suppress
from curate.lint.context import Context
from curate.lint.problem import WARNING, Problem
from curate.lint.rules import Rule
from curate.repo import store

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU103", "canonical-form", WARNING, __doc__ or "", fixable=True)


def canonical_text(doc: Document, ctx: Context) -> str | None:
    """The canonical text for this file, or None when it cannot be made safely."""
    if doc.record is None or doc.duplicate_keys or doc.kind not in ("compound", "source"):
        return None
    ref = ctx.schema_refs[doc.kind]  # type: ignore[index]
    text = store.render_record(doc.record, doc.kind, ref=ref)  # type: ignore[arg-type]
    return suppress.with_comments(doc, text)


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    text = canonical_text(doc, ctx)
    if text is None or text == doc.text:
        return
    old, new = doc.text.splitlines(), text.splitlines()
    line = next(
        (i for i, (a, b) in enumerate(zip(old, new, strict=False), 1) if a != b),
        min(len(old), len(new)) + 1,
    )
    yield RULE.problem(doc, (line, 1), "not in canonical form", "run `curate lint --fix`")
