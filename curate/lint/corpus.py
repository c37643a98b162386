"""What the cross-record rules know about the whole root, kept up to date file by file.

Each file contributes a few rows to shared tables (its id, its name keys, the
sources it cites, its list values). Corpus rules look things up there and report
only on their targets: every record in a full run, the named files in a
pre-commit run. When a file changes, its old rows are taken out and its new rows
put in, so one edited file never costs a pass over the other forty thousand.
"""

from __future__ import annotations

import bisect
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from curate.records import model

if TYPE_CHECKING:
    from curate.lint.document import Document

# The fields corpus rules read; everything else stays out of the cached views.
CORPUS_FIELDS = (
    "id", "aliases", "type", "best_data_tier", "sources", *model.FREE_TEXT_LISTS,
    "doi", "pmid", "journal", "publisher",
)  # fmt: skip
View = tuple[str, Any, list[tuple[str, str, int]]]  # content hash, corpus fields, name keys
Row = tuple[str, str, tuple[Any, ...]]  # table, key, entry


def alias_keys(doc: Document) -> list[tuple[str, str, int]]:
    """(compact key, name as written, alias index or -1 for the id) of a compound's names."""
    record = doc.record
    if record is None or doc.kind != "compound":
        return []
    from curate.lookup import names  # here, as identifiers below: a warm lint reads no record

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
    if kind == "source":  # a source's id is its key in `types`
        yield ("types", rid, (rel, str(record.get("type"))))
        yield from _source_rows(rel, record)
        return
    yield ("ids", rid, (rel,))
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


def _source_rows(rel: str, record: dict[str, Any]) -> Iterator[Row]:
    """A source's identifiers (normalized, so one paper is found however it is written)."""
    from curate.records import identifiers

    doi, pmid, journal = record.get("doi"), record.get("pmid"), record.get("journal")
    if isinstance(doi, str) and identifiers.doi_key(doi):
        yield ("idents", f"doi\0{identifiers.doi_key(doi)}", (rel,))
    if isinstance(pmid, str) and identifiers.pmid_key(pmid):
        yield ("idents", f"pmid\0{identifiers.pmid_key(pmid)}", (rel,))
    if isinstance(journal, str):
        yield ("journals", journal, (rel,))


Buckets = dict[str, list[tuple[Any, ...]]]


SHARDS = 64
_SHARDED = ("ids", "types", "names", "cited", "idents", "journals")
_NAMES = {t: [f"{t}-{n:02d}" for n in range(SHARDS)] for t in _SHARDED}


class StaleIndex(Exception):
    """A stored shard is missing or unreadable: the index must be built again."""


class CorpusIndex:
    """Tables of rows keyed for lookup, kept in shards that load on first use.

    A pre-commit run looks up a few dozen keys; reading only the shards that
    hold them (and writing back only the shards that changed) keeps it from
    paying for the forty thousand others. Plain dicts and lists, so marshal
    can keep them.
    """

    TABLES = (*_SHARDED, "values")
    SHARDS = SHARDS  # per table; `values` is one shard, as drift compares all of them

    def __init__(self, load: Callable[[str], Buckets | None] | None = None) -> None:
        self._load = load
        self.shards: dict[str, Buckets] = {}
        self.dirty: set[str] = set()

    @classmethod
    def shard_names(cls) -> list[str]:
        return ["values"] + [name for t in cls.TABLES[:-1] for name in _NAMES[t]]

    @classmethod
    def shard_of(cls, table: str, key: str) -> str:
        if table == "values":
            return "values"
        return _NAMES[table][zlib.crc32(key.encode()) % cls.SHARDS]

    def shard(self, name: str) -> Buckets:
        found = self.shards.get(name)
        if found is None:
            found = self._load(name) if self._load is not None else {}
            if found is None:
                raise StaleIndex(name)
            self.shards[name] = found
        return found

    def _bucket(self, table: str, key: str, create: bool) -> list[tuple[Any, ...]]:
        name = self.shard_of(table, key)
        buckets = self.shard(name)
        if not create:
            return buckets.get(key, [])
        self.dirty.add(name)
        return buckets.setdefault(key, [])

    def add(self, rel: str, kind: str, view: View) -> None:
        """One file's rows, each bucket kept in path order (the first file owns an id)."""
        for table, key, entry in rows(rel, kind, view):
            bisect.insort(self._bucket(table, key, create=True), entry)

    @classmethod
    def build(cls, views: Iterable[tuple[str, str, View]]) -> CorpusIndex:
        """From every file at once: whole tables first, then each cut into its shards."""
        tables: dict[str, Buckets] = {t: {} for t in cls.TABLES}
        for rel, kind, view in views:
            for table, key, entry in rows(rel, kind, view):
                tables[table].setdefault(key, []).append(entry)
        index = cls()
        for table, buckets in tables.items():
            for bucket in buckets.values():
                bucket.sort()
            if table == "values":
                index.shards["values"] = buckets
                continue
            parts: list[Buckets] = [{} for _ in range(cls.SHARDS)]
            for key, bucket in buckets.items():
                parts[zlib.crc32(key.encode()) % cls.SHARDS][key] = bucket
            index.shards.update(zip(_NAMES[table], parts, strict=True))
        index.dirty = set(index.shards)
        return index

    def remove(self, rel: str, kind: str, view: View) -> None:
        for table, key, entry in rows(rel, kind, view):
            bucket = self._bucket(table, key, create=True)
            if entry in bucket:
                bucket.remove(entry)
            if not bucket:
                self.shard(self.shard_of(table, key)).pop(key, None)

    def get(self, table: str, key: str) -> list[tuple[Any, ...]]:
        return self._bucket(table, key, create=False)

    def keys(self, table: str) -> list[str]:
        """Every key of a table (reads all its shards: for rare questions only)."""
        names = [n for n in self.shard_names() if n == table or n.startswith(f"{table}-")]
        return [key for name in names for key in self.shard(name)]

    def source_type(self, sid: str) -> str | None:
        found = self.get("types", sid)
        return str(found[0][1]) if found else None

    def field_values(self, field: str) -> dict[str, int]:
        """Each value of a free-text field with the number of records using it."""
        prefix = f"{field}\0"
        return {
            k[len(prefix) :]: len(v)
            for k, v in self.shard("values").items()
            if k.startswith(prefix)
        }

    def value_users(self, field: str, value: str) -> list[str]:
        return sorted({str(e[1]) for e in self.get("values", f"{field}\0{value}")})


class Corpus:
    """The index of every record, and the records whose problems are wanted."""

    def __init__(self, index: CorpusIndex, targets: Iterable[Document]) -> None:
        self.index = index
        self.targets = list(targets)

    def of_kind(self, kind: str) -> list[Document]:
        return [d for d in self.targets if d.kind == kind and d.record is not None]
