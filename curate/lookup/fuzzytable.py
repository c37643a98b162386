"""The fuzzy stage's candidates: names bucketed by their numbers and first or last letter.

Two sources give the same names in the same order (tests compare them): a lookup
process asks SQLite's indexes, a batch loads the whole table once (`FuzzyTable`,
cached per index generation beside the index). Either way the names behind the keys
are read from SQLite by rowid when asked for (`NameRows`): the stage reads only the
few it shows.
"""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, overload

from curate.repo import cache, store


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
        if row is None:  # a rowid of no name: only a damaged or planted table gives one
            raise DamagedTable
        return (row[0], row[1], row[2])


class DamagedTable(Exception):
    """A cached table whose buckets are not what `build` gives (raised where one is used)."""


def _bucket(entry: object) -> tuple[list[Any], list[Any], list[Any]]:
    if type(entry) is not tuple or len(entry) != 3:
        raise DamagedTable
    lens, keys, refs = entry
    if not (type(lens) is type(keys) is type(refs) is list and len(lens) == len(keys) == len(refs)):
        raise DamagedTable
    return lens, keys, refs


class FuzzyTable:
    """Names grouped by (numbers, first letter) and by (numbers, last letter).

    One typo cannot change both the first and the last letter, and the numbers
    must agree exactly, so a query looks in two buckets and scores only names
    of a length that could reach the cutoff.
    """

    def __init__(self, buckets: dict[str, tuple[list[int], list[str], list[int]]]) -> None:
        self.buckets = buckets  # key -> (lengths, compact keys, names table rowids)

    @classmethod
    def load(cls, index: IndexView, *, again: bool = False) -> FuzzyTable:
        """The cached table, or one built and cached (`again`: the cached one was damaged)."""
        # 4: rowids, not (file, id, name) entries: the stage reads only the few it shows.
        name = f"fuzzy4-{index.meta('generation') or 0}.marshal"
        raw = None if again else cache.read(index.root, name)
        if raw is not None:
            try:
                # Hundreds of thousands of lists and strings: the collector would walk them
                # again and again as they arrive (it took twice the load itself).
                with store.gc_paused():
                    buckets = marshal.loads(raw)
                if isinstance(buckets, dict):
                    return cls(buckets)
            except (EOFError, ValueError, TypeError):
                pass  # damaged: built again below
        with store.gc_paused():
            table = cls.build(index)
        cache.replace_family(index.root, "fuzzy*.marshal", name, marshal.dumps(table.buckets))
        return table

    @classmethod
    def build(cls, index: IndexView) -> FuzzyTable:
        rows = index.db.execute(
            "SELECT digits, first, last, len, compact, rowid FROM names ORDER BY len, rowid"
        )
        buckets: dict[str, tuple[list[int], list[str], list[int]]] = {}
        for digits, first, last, length, compact, rowid in rows:
            for key in (f"{digits}\0{first}", f"{digits}\1{last}"):
                lens, keys, refs = buckets.setdefault(key, ([], [], []))
                lens.append(length)
                keys.append(compact)
                refs.append(rowid)
        return cls(buckets)

    def candidates(
        self, digits: str, first: str, last: str, lo: int, hi: int
    ) -> tuple[list[str], list[int]]:
        """Keys and rowids in both buckets with a length in [lo, hi] (lists are length-sorted).

        Each bucket's shape is checked here, where it is used: checking every bucket as
        the table loads would cost half the load. A bucket of another shape (a damaged
        or planted file) raises DamagedTable, and the index builds the table again.
        """
        import bisect

        keys: list[str] = []
        refs: list[int] = []
        for key in (f"{digits}\0{first}", f"{digits}\1{last}"):
            found = self.buckets.get(key)
            if found is None:
                continue
            lens, names_, ids = _bucket(found)
            try:
                a, b = bisect.bisect_left(lens, lo), bisect.bisect_right(lens, hi)
            except TypeError:
                raise DamagedTable from None
            taken, rowids = names_[a:b], ids[a:b]
            if not all(type(k) is str for k in taken) or not all(type(r) is int for r in rowids):
                raise DamagedTable
            keys.extend(taken)
            refs.extend(rowids)
        return keys, refs
