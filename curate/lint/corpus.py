"""What the cross-record rules know about the whole root, kept up to date file by file.

Each file contributes a few rows to shared tables (its id, its name keys, the
sources it cites, its list values). Corpus rules look things up there and report
only on their targets: every record in a full run, the named files in a
pre-commit run. When a file changes, its old rows are taken out and its new rows
put in, so one edited file never costs a pass over the other forty thousand.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from curate import model, names

if TYPE_CHECKING:
    from curate.lint.document import Document

# The fields corpus rules read; everything else stays out of the cached views.
CORPUS_FIELDS = ("id", "aliases", "type", "best_data_tier", "sources", *model.FREE_TEXT_LISTS)
View = tuple[str, Any, list[tuple[str, str, int]]]  # content hash, corpus fields, name keys
Row = tuple[str, str, tuple[Any, ...]]  # table, key, entry


def name_keys(doc: Document) -> list[tuple[str, str, int]]:
    """(compact key, name as written, alias index or -1 for the id) of a compound's names."""
    record = doc.record
    if record is None or doc.kind != "compound":
        return []
    out: list[tuple[str, str, int]] = []
    rid = record.get("id")
    if isinstance(rid, str):
        out.append((names.key_of(rid), rid, -1))
    aliases = record.get("aliases")
    for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
        if isinstance(alias, str) and names.key_of(alias):
            out.append((names.key_of(alias), alias, index))
    return out


def rows(rel: str, kind: str, view: View) -> Iterator[Row]:
    """The rows one file adds to the index."""
    record, keys = view[1], view[2]
    if not isinstance(record, dict):
        return
    rid = record.get("id")
    if not isinstance(rid, str):
        return
    yield ("ids", f"{kind}:{rid}", (rel,))
    if kind == "source":
        yield ("types", rid, (rel, str(record.get("type"))))
        return
    for key, name, index in keys:
        yield ("names", key, (rel, rid, name, index))
    linked = record.get("sources")
    for sid in set(linked) if isinstance(linked, list) else ():
        if isinstance(sid, str):
            yield ("cited", sid, (rel,))
    for field in model.FREE_TEXT_LISTS:
        values = record.get(field)
        for value in set(values) if isinstance(values, list) else ():
            if isinstance(value, str):
                yield ("values", f"{field}\0{value}", (rel, rid))


class Index:
    """Tables of rows keyed for lookup; plain dicts and lists so marshal can keep them."""

    TABLES = ("ids", "types", "names", "cited", "values")

    def __init__(self, tables: dict[str, dict[str, list[tuple[Any, ...]]]] | None = None) -> None:
        self.tables = tables or {t: {} for t in self.TABLES}

    def add(self, rel: str, kind: str, view: View) -> None:
        """One file's rows, each bucket kept in path order (the first file owns an id)."""
        for table, key, entry in rows(rel, kind, view):
            bisect.insort(self.tables[table].setdefault(key, []), entry)

    @classmethod
    def build(cls, views: Iterable[tuple[str, str, View]]) -> Index:
        """From every file at once: append, then sort each bucket a single time."""
        index = cls()
        for rel, kind, view in views:
            for table, key, entry in rows(rel, kind, view):
                index.tables[table].setdefault(key, []).append(entry)
        for buckets in index.tables.values():
            for bucket in buckets.values():
                bucket.sort()
        return index

    def remove(self, rel: str, kind: str, view: View) -> None:
        for table, key, entry in rows(rel, kind, view):
            bucket = self.tables[table].get(key, [])
            if entry in bucket:
                bucket.remove(entry)
            if not bucket:
                self.tables[table].pop(key, None)

    def get(self, table: str, key: str) -> list[tuple[Any, ...]]:
        return self.tables[table].get(key, [])

    def source_type(self, sid: str) -> str | None:
        found = self.get("types", sid)
        return str(found[0][1]) if found else None

    def field_values(self, field: str) -> dict[str, int]:
        """Each value of a free-text field with the number of records using it."""
        prefix = f"{field}\0"
        return {
            k[len(prefix) :]: len(v)
            for k, v in self.tables["values"].items()
            if k.startswith(prefix)
        }

    def value_users(self, field: str, value: str) -> list[str]:
        return sorted({str(e[1]) for e in self.get("values", f"{field}\0{value}")})


class Corpus:
    """The index of every record, and the records whose problems are wanted."""

    def __init__(self, index: Index, targets: Iterable[Document]) -> None:
        self.index = index
        self.targets = list(targets)

    def of_kind(self, kind: str) -> list[Document]:
        return [d for d in self.targets if d.kind == kind and d.record is not None]
