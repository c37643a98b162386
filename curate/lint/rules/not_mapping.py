"""A record file must hold one mapping of fields; an empty file, a list or a bare value is not a record."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU004", "not-a-mapping", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    if not doc.parsed or doc.record is not None:
        return
    if doc.data is None:
        yield RULE.problem(
            doc, (1, 1), "empty file: a record needs at least an id", "run `curate new ID`"
        )
    else:
        yield RULE.problem(
            doc, (1, 1), f"record file holds a {type(doc.data).__name__}, not a mapping of fields"
        )
