"""A compound that links no sources at all: nothing backs its evidence level (warning)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import WARNING, Problem
from curate.lint.rules import Rule

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU207", "no-sources", WARNING, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    record = doc.record
    if doc.kind == "compound" and record is not None and not record.get("sources"):
        pos = doc.at("sources") if "sources" in doc.positions else doc.at("id")
        yield RULE.problem(
            doc, pos, "compound links no sources", "link the papers, labels or reviews it rests on"
        )
