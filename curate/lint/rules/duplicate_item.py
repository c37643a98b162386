"""The same item twice in one list, ignoring case and spacing ("IGF1" and "igf1 ")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import WARNING, Problem
from curate.lint.rules import Rule

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU104", "duplicate-item", WARNING, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    record = doc.record or {}
    for field, items in record.items():
        if not isinstance(items, list):
            continue
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            key = " ".join(str(item).casefold().split())
            if key in seen:
                yield RULE.problem(
                    doc,
                    doc.at(field, index),
                    f"'{item}' repeats item {seen[key] + 1} of {field}",
                    "remove one of them",
                )
            else:
                seen[key] = index
