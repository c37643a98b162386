"""Shared by the identifier rules: one source's findings of one code, as problems."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.problem import Problem
from curate.records import identifiers

if TYPE_CHECKING:
    from curate.lint.document import Document
    from curate.lint.rules import Rule


def problems(doc: Document, rule: Rule, hint: str | None = None) -> Iterator[Problem]:
    record = doc.record
    if record is None or doc.kind != "source":
        return
    for found in identifiers.findings(record):
        if found.code == rule.code:
            yield rule.problem(doc, doc.at(found.field, found.item), found.message, hint)
