"""Ranking records for `curate search`: token-aware scores over names and free text.

Unlike resolution, search is for browsing: a record scores by how well each query
word is found among a field's words, anywhere in the field and with typos
allowed ("autophagi" finds "mTORC / autophagy / nutrient signaling").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from curate.lookup.index import Index
from curate.records.model import Record

# (field, weight): a hit in a name outranks the same hit in a note.
FIELDS = (
    ("id", 1.0),
    ("aliases", 1.0),
    ("targets_mechanism", 0.9),
    ("optimization_domains", 0.9),
    ("broad_outcomes", 0.85),
    ("risk_flags", 0.85),
    ("reading_note", 0.75),
    ("research_basis", 0.75),
    ("limits_risks", 0.75),
)
MIN_SCORE = 70.0


class Filters:
    """Plain class rather than a dataclass: `curate search` cannot afford importing inspect."""

    __slots__ = ("evidence", "outcome", "source_type", "status", "type")

    def __init__(
        self,
        status: str | None = None,
        evidence: str | None = None,
        outcome: str | None = None,
        type: str | None = None,
        source_type: str | None = None,
    ) -> None:
        self.status = status
        self.evidence = evidence
        self.outcome = outcome
        self.type = type
        self.source_type = source_type

    def keep(self, record: Record, source_types: dict[str, str]) -> bool:
        if self.status and record.get("status") != self.status:
            return False
        if self.evidence and record.get("evidence_level") != self.evidence:
            return False
        if self.type and record.get("type") != self.type:
            return False
        if self.outcome:
            wanted = self.outcome.casefold()
            if not any(wanted in str(o).casefold() for o in record.get("broad_outcomes") or []):
                return False
        if self.source_type:
            linked = {
                source_types.get(s) for s in record.get("sources") or [] if isinstance(s, str)
            }
            if self.source_type not in linked:
                return False
        return True


class Hit:
    __slots__ = ("field", "id", "match", "record", "score")

    def __init__(
        self, id: str, score: float, field: str | None, match: str | None, record: Record
    ) -> None:
        self.id = id
        self.score = score
        self.field = field
        self.match = match
        self.record = record

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": round(self.score, 1),
            "field": self.field,
            "match": self.match,
            "evidence_level": self.record.get("evidence_level"),
            "status": self.record.get("status"),
            "type": self.record.get("type"),
        }


def _values(record: Record, field: str) -> Iterable[str]:
    value = record.get(field)
    if isinstance(value, list):
        return (str(v) for v in value)
    return (str(value),) if value is not None else ()


def words(text: str) -> list[str]:
    from rapidfuzz import utils

    return str(utils.default_process(text.replace("_", " "))).split()


def coverage(query_words: list[str], text: str) -> float:
    """How well every query word is found among the text's words (typos allowed)."""
    from rapidfuzz import fuzz, process

    found = words(text)
    if not found or not query_words:
        return 0.0
    best = [process.extractOne(q, found, scorer=fuzz.ratio) for q in query_words]
    return sum(b[1] for b in best if b is not None) / len(query_words)


def best_field(query: str, record: Record) -> tuple[float, str | None, str | None]:
    query_words = words(query)
    best: tuple[float, str | None, str | None] = (0.0, None, None)
    for field, weight in FIELDS:
        for value in _values(record, field):
            score = weight * coverage(query_words, value)
            if score > best[0]:
                best = (score, field, value)
    return best


def search(index: Index, query: str | None, filters: Filters, limit: int | None) -> list[Hit]:
    source_types = {str(s.get("id")): str(s.get("type")) for s in index.records("source")}
    hits = []
    for record in index.records("compound"):
        if not isinstance(record.get("id"), str) or not filters.keep(record, source_types):
            continue
        if not query:
            hits.append(Hit(record["id"], 100.0, None, None, record))
            continue
        score, field, match = best_field(query, record)
        if score >= MIN_SCORE:
            hits.append(Hit(record["id"], score, field, match, record))
    hits.sort(key=lambda h: (-h.score, h.id))
    return hits[:limit] if limit else hits
