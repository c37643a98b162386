"""Shared by the identifier rules: one source's findings of one code, as problems."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from curate.lint.problem import Problem
from curate.records import identifiers

if TYPE_CHECKING:
    from curate.lint.document import Document
    from curate.lint.rules import Rule


# The last record's findings: the identifier rules ask for the same source one after
# another. The record is held, so no other can take its place (and its identity).
_LAST: tuple[Mapping[str, Any] | None, tuple[identifiers.Finding, ...]] = (None, ())


def _findings(record: Mapping[str, Any]) -> tuple[identifiers.Finding, ...]:
    global _LAST
    if _LAST[0] is not record:
        _LAST = (record, tuple(identifiers.findings(record)))
    return _LAST[1]


def problems(doc: Document, rule: Rule, hint: str | None = None) -> Iterator[Problem]:
    record = doc.record
    if record is None or doc.kind != "source":
        return
    for found in _findings(record):
        if found.code == rule.code:
            yield rule.problem(doc, doc.at(found.field, found.item), found.message, hint)
