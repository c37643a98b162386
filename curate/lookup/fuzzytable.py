"""The fuzzy stage's candidates: names bucketed by their numbers and first or last letter.

Two sources give the same names in the same order (tests compare them): a lookup
process reads rows from SQLite on demand (`NameRows`), a batch loads the whole table
once (`FuzzyTable`, cached per index generation beside the index).
"""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, overload

from curate.repo import cache


class IndexView(Protocol):
    """What the table needs of the name index (a protocol, so this module never imports it)."""

    root: Path
    db: sqlite3.Connection

    def meta(self, key: str) -> str | None: ...


class NameRows(Sequence[tuple[str, str, str]]):
    """(file, id, name) of names table rows, read when asked for."""

    def __init__(self, db: sqlite3.Connection, rowids: list[int]) -> None:
        self.db, self.rowids = db, rowids

    def __len__(self) -> int:
        return len(self.rowids)

    @overload
    def __getitem__(self, pos: int) -> tuple[str, str, str]: ...

    @overload
    def __getitem__(self, pos: slice) -> list[tuple[str, str, str]]: ...

    def __getitem__(self, pos: int | slice) -> Any:
        if isinstance(pos, slice):
            return [self[i] for i in range(*pos.indices(len(self)))]
        row = self.db.execute(
            "SELECT file, id, name FROM names WHERE rowid = ?", (self.rowids[pos],)
        ).fetchone()
        return (row[0], row[1], row[2])


class Picked(Sequence[tuple[str, str, str]]):
    """The table's (file, id, name) entries at these numbers, looked up when asked for:
    the fuzzy stage reads only those of the few names it shows."""

    def __init__(self, entries: list[Any], refs: list[int]) -> None:
        self.entries, self.refs = entries, refs

    def __len__(self) -> int:
        return len(self.refs)

    @overload
    def __getitem__(self, pos: int) -> tuple[str, str, str]: ...

    @overload
    def __getitem__(self, pos: slice) -> list[tuple[str, str, str]]: ...

    def __getitem__(self, pos: int | slice) -> Any:
        if isinstance(pos, slice):
            return [self.entries[ref] for ref in self.refs[pos]]
        return self.entries[self.refs[pos]]


class FuzzyTable:
    """Names grouped by (numbers, first letter) and by (numbers, last letter).

    One typo cannot change both the first and the last letter, and the numbers
    must agree exactly, so a query looks in two buckets and scores only names
    of a length that could reach the cutoff.
    """

    def __init__(
        self, buckets: dict[str, tuple[list[int], list[str], list[int]]], entries: list[Any]
    ) -> None:
        self.buckets = buckets
        self.entries = entries  # (file, id, name) per name

    @classmethod
    def load(cls, index: IndexView) -> FuzzyTable:

        name = f"fuzzy3-{index.meta('generation') or 0}.marshal"
        raw = cache.read(index.root, name)
        if raw is not None:
            try:
                buckets, entries = marshal.loads(raw)
                return cls(buckets, entries)
            except (EOFError, ValueError, TypeError):
                pass  # damaged: built again below
        table = cls.build(index)
        cache.replace_family(
            index.root, "fuzzy*.marshal", name, marshal.dumps((table.buckets, table.entries))
        )
        return table

    @classmethod
    def build(cls, index: IndexView) -> FuzzyTable:
        rows = index.db.execute(
            "SELECT digits, first, last, len, compact, file, id, name FROM names"
            " ORDER BY len, rowid"
        )
        buckets: dict[str, tuple[list[int], list[str], list[int]]] = {}
        entries: list[Any] = []
        for digits, first, last, length, compact, file, rid, name in rows:
            ref = len(entries)
            entries.append((file, rid, name))
            for key in (f"{digits}\0{first}", f"{digits}\1{last}"):
                lens, keys, refs = buckets.setdefault(key, ([], [], []))
                lens.append(length)
                keys.append(compact)
                refs.append(ref)
        return cls(buckets, entries)

    def candidates(
        self, digits: str, first: str, last: str, lo: int, hi: int
    ) -> tuple[list[str], list[int]]:
        """Keys and entry numbers in both buckets with a length in [lo, hi] (lists are length-sorted)."""
        import bisect

        keys: list[str] = []
        refs: list[int] = []
        for key in (f"{digits}\0{first}", f"{digits}\1{last}"):
            bucket = self.buckets.get(key)
            if bucket is None:
                continue
            lens, names_, ids = bucket
            a, b = bisect.bisect_left(lens, lo), bisect.bisect_right(lens, hi)
            keys.extend(names_[a:b])
            refs.extend(ids[a:b])
        return keys, refs
