"""The rows the name index keeps for a compound: each name under every key the resolver
looks up (see the `names` table in index.py), and each word of each name."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from curate.lookup import names
from curate.records import model
from curate.records.model import Record


def name_rows(file: str, record: Record) -> Iterator[tuple[Any, ...]]:
    """One row per id and alias of a compound, under every key the resolver uses."""
    rid = record.get("id")
    if not isinstance(rid, str):
        return
    aliases = record.get("aliases")
    candidates = (
        [rid, *(a for a in aliases if isinstance(a, str))] if isinstance(aliases, list) else [rid]
    )
    for name in model.uniq(candidates):
        norm = names.normalize(name)
        if norm:
            yield _row(file, rid, name, norm, 0)
    lead = names.lead_word(rid)
    if lead:
        yield _row(file, rid, rid, lead, 1)


def _row(file: str, rid: str, name: str, norm: str, lead: int) -> tuple[Any, ...]:
    compact = names.compact(norm)
    return (file, rid, name, norm, compact, names.fold(compact), " ".join(names.numbers(norm)),
            len(compact), compact[:1], compact[-1:], names.reordered(norm), lead)  # fmt: skip


def word_rows(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[str, str, str, str]]:
    """(word, id, file, name) for each word of each real name: family names and shared words."""
    seen: set[tuple[str, str]] = set()
    for row in rows:
        if row[11]:
            continue
        for word in row[3].split():
            if (word, row[1]) not in seen:
                seen.add((word, row[1]))
                yield (word, row[1], row[0], row[2])
