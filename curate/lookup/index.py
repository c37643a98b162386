"""The name index: a SQLite mirror of the records, for lookups (and exports) that must not read
100,000 files.

`<root>/.curate/cache/index.sqlite` holds every record (marshalled) with its file's size
and mtime, and every compound name under each resolver key. It is brought up to
date before every use, by the change detection of snapshot.py. The snapshot of the
last look is kept beside the mirror (`index-files.marshal`): when no data folder's
mtime moved (no file added, removed or renamed: git, editors that save by rename,
curate itself) and no file's size or mtime either (an edit in place), nothing is
read. Otherwise the folders are listed again and every file compared with the
numbers the mirror holds, and only changed files are read again.
"""

from __future__ import annotations

import marshal
import os
import sqlite3
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curate import __version__
from curate.errors import CurateError
from curate.records import model
from curate.records.model import Kind, Record
from curate.repo import cache, snapshot, store

if TYPE_CHECKING:
    from curate.lookup import fuzzytable

# namerows, words and fuzzytable are imported where used: reading records out of the
# mirror (`export`, an up-to-date `show`) needs none of the resolver's keys.

FILE = "index.sqlite"
SNAPSHOT = "index-files.marshal"
SKIPPED_SQL = "SELECT error FROM files WHERE error IS NOT NULL ORDER BY file"
BUSY_TIMEOUT = 5.0  # seconds to wait for another command writing the index
FUZZY_TABLE_AFTER = 4  # fuzzy questions in one process before the whole table is loaded
SCHEMA_VERSION = "8"  # 8: records read as YAML 1.2
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS files (
    file TEXT PRIMARY KEY, kind TEXT, id TEXT, size INT, mtime INT, data BLOB, error TEXT);
CREATE INDEX IF NOT EXISTS files_id ON files (kind, id);
-- Only the rare unreadable files: every lookup lists them, and a scan of 100,000 rows
-- of record data to find none would cost a sixth of a warm lookup.
CREATE INDEX IF NOT EXISTS files_error ON files (file) WHERE error IS NOT NULL;
-- lead = 1: the leading word of a record's id, a name only where no other record shares it
-- (checked when asked: `words` knows every record's words).
CREATE TABLE IF NOT EXISTS names (
    file TEXT, id TEXT, name TEXT, norm TEXT, compact TEXT, fold TEXT,
    digits TEXT, len INT, first TEXT, last TEXT, sorted TEXT, lead INT);
CREATE INDEX IF NOT EXISTS names_name ON names (name);
CREATE INDEX IF NOT EXISTS names_norm ON names (norm);
CREATE INDEX IF NOT EXISTS names_compact ON names (compact);
CREATE INDEX IF NOT EXISTS names_fold ON names (fold);
CREATE INDEX IF NOT EXISTS names_first ON names (digits, first, len);
CREATE INDEX IF NOT EXISTS names_last ON names (digits, last, len);
CREATE INDEX IF NOT EXISTS names_file ON names (file);
CREATE INDEX IF NOT EXISTS names_sorted ON names (sorted) WHERE sorted != '';
CREATE TABLE IF NOT EXISTS words (word TEXT, id TEXT, file TEXT, name TEXT);
CREATE INDEX IF NOT EXISTS words_word ON words (word);
CREATE INDEX IF NOT EXISTS words_file ON words (file);
"""


def _connect(root: Path, *, discard: bool = False) -> sqlite3.Connection:
    """The mirror's database. A damaged one is only a cache: it is thrown away and built
    again. Where nothing can be written (a read-only checkout), one in memory."""
    try:
        path = cache.cache_dir(root) / FILE
        if discard:
            _discard(path)
        try:
            db = _open(path)
        except sqlite3.DatabaseError as exc:
            if not _damaged(exc):
                raise
            _discard(path)
            db = _open(path)
    except (OSError, sqlite3.Error):
        db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT)
    try:
        db.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error:
        db.close()
        raise
    return db


def _primary_code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0)) & 0xFF  # the primary code of an extended one


def _damaged(exc: sqlite3.Error) -> bool:
    """Whether SQLite says the file is no database, or a damaged one (not busy, not read-only)."""
    return _primary_code(exc) in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


def _discard(path: Path) -> None:
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        path.with_name(name).unlink(missing_ok=True)


def _stamp(folders: array[int]) -> str:
    """What the mirror was last brought up to date against, as stored in its meta table."""
    return ":".join([__version__, SCHEMA_VERSION, *map(str, folders)])


class Index:
    """An open, up-to-date index of one root."""

    def __init__(self, root: Path, *, refresh: bool = True) -> None:
        self.root = root
        self.db = _connect(root)
        self.skipped: list[str] = []
        self._fuzzy: fuzzytable.FuzzyTable | None = None
        self._fuzzy_asked = 0
        if refresh:
            try:
                self.refresh()
            except sqlite3.DatabaseError as exc:
                if not _damaged(exc):
                    raise
                self.db.close()  # damaged past its first page: found when read
                self.db = _connect(root, discard=True)
                self.refresh()

    def close(self) -> None:
        self.db.close()

    def meta(self, key: str) -> str | None:
        try:
            row = self.db.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    def refresh(self, force: bool = False) -> int:
        """Bring the mirror up to date; returns how many files were read again."""
        try:
            return self._refresh(force)
        except sqlite3.OperationalError as exc:
            if _primary_code(exc) not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                raise
            raise CurateError(
                f"the name index is being written by another curate command (waited "
                f"{BUSY_TIMEOUT:g} s); try again when it is done",
                cache.cache_dir(self.root) / FILE,
            ) from None

    def _refresh(self, force: bool) -> int:
        if not force:
            stored = self._load_snapshot()
            if stored is not None and stored.holds(self.root):
                self._load_skipped()
                return 0
        return self._refresh_all()

    def _refresh_all(self) -> int:
        """Folders changed (or no snapshot): list them, and compare every file with the mirror."""
        if self.meta("schema") != SCHEMA_VERSION:
            self.db.executescript(
                "DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS names; DROP TABLE IF EXISTS meta;"
            )
        self.db.executescript(SCHEMA)
        look = snapshot.Listing(self.root, store.RECORD_FOLDERS)
        changes = look.since(self.db.execute("SELECT file, size, mtime FROM files"))
        kept = look.kept_mtimes()  # as a snapshot keeps them: a file this recent is read next time
        changed = [
            (look.rels[at], model.KINDS[look.folder_of(at)], look.sizes[at], kept[at])
            for at in changes.moved
        ]
        if changed or changes.gone:  # a new generation throws away the caches built on this one
            with store.gc_paused():
                self._write(changed, changes.gone, look.taken)
        saved = look.snapshot()
        self.db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('stamp', ?), ('schema', ?)",
            (_stamp(saved.stamps), SCHEMA_VERSION),
        )
        data = {"generation": self.meta("generation"), "snapshot": saved.dump()}
        # On a read-only root nothing is written: every run compares with the mirror instead.
        cache.write(self.root, SNAPSHOT, marshal.dumps(data))
        self._load_skipped()
        return len(changed)

    def _load_snapshot(self) -> snapshot.Snapshot | None:
        """The look the mirror was last brought up to date against, if it belongs to it."""
        raw = cache.read(self.root, SNAPSHOT)
        try:
            stored = marshal.loads(raw) if raw is not None else None
        except (EOFError, ValueError, TypeError):
            return None
        if not isinstance(stored, dict):
            return None
        found = snapshot.Snapshot.load(stored.get("snapshot"))
        if found is None or tuple(entry[0] for entry in found.folders) != store.RECORD_FOLDERS:
            return None
        if self.meta("stamp") != _stamp(found.stamps):
            return None
        return found if stored.get("generation") == self.meta("generation") else None

    def _write(
        self, changed: list[tuple[str, Kind, int, int]], gone: Iterable[str], taken: int
    ) -> None:
        """Read the changed files again, with the numbers their look kept for them."""
        db = self.db
        db.execute("BEGIN")
        try:
            stale = [*gone, *(rel for rel, *_ in changed)]
            db.executemany("DELETE FROM files WHERE file = ?", ((f,) for f in stale))
            db.executemany("DELETE FROM names WHERE file = ?", ((f,) for f in stale))
            db.executemany("DELETE FROM words WHERE file = ?", ((f,) for f in stale))
            from curate.lookup.namerows import name_rows, word_rows

            files: list[tuple[Any, ...]] = []
            name_list: list[tuple[Any, ...]] = []
            for rel, kind, size, mtime in changed:
                path = self.root / rel
                try:  # a symlink loop too: kept as unreadable, named on every lookup
                    record = store.load_record(path)
                except CurateError as exc:
                    files.append((rel, kind, None, size, mtime, None, str(exc)))
                    continue
                rid = record.get("id") if isinstance(record.get("id"), str) else path.stem
                files.append((rel, kind, rid, size, mtime, marshal.dumps(record), None))
                if kind == "compound":
                    name_list.extend(name_rows(rel, record))
            db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", files)
            db.executemany(
                "INSERT INTO names VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", name_list
            )
            db.executemany("INSERT INTO words VALUES (?, ?, ?, ?)", word_rows(name_list))
            # Caches built from the index (the scan dictionary, the fuzzy table) are keyed by
            # this: a clock reading, not a count, so an index rebuilt from nothing (a new schema,
            # a deleted file) never meets the caches of an earlier one.
            generation = max(int(self.meta("generation") or 0) + 1, taken)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(generation),))
            db.execute("COMMIT")
            self._fuzzy = None
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _load_skipped(self) -> None:
        self.skipped = [
            f"warning: {error} (skipped; run `curate lint`)"
            for (error,) in self.db.execute(SKIPPED_SQL)
        ]

    def fresh(self, files: Iterable[str]) -> bool:
        """Whether these files are as the index last read them."""
        for rel in set(files):
            row = self.db.execute("SELECT size, mtime FROM files WHERE file = ?", (rel,)).fetchone()
            try:
                stat = os.stat(self.root / rel)
            except OSError:
                return False
            if row is None or (row[0], row[1]) != (stat.st_size, stat.st_mtime_ns):
                return False
        return True

    def record(self, kind: Kind, rid: str) -> Record | None:
        row = self.db.execute(
            "SELECT data FROM files WHERE kind = ? AND id = ? AND data IS NOT NULL ORDER BY file LIMIT 1",
            (kind, rid),
        ).fetchone()
        return marshal.loads(row[0]) if row else None

    def stored(self, kind: Kind) -> Iterator[tuple[str, str, Record]]:
        """(file, id, record) of each readable file of a kind, in file order."""
        for rel, rid, data in self.db.execute(
            "SELECT file, id, data FROM files WHERE kind = ? AND data IS NOT NULL ORDER BY file",
            (kind,),
        ):
            yield rel, rid, marshal.loads(data)

    def records(self, kind: Kind) -> Iterator[Record]:
        for (data,) in self.db.execute(
            "SELECT data FROM files WHERE kind = ? AND data IS NOT NULL ORDER BY file", (kind,)
        ):
            yield marshal.loads(data)

    def file_of(self, kind: Kind, rid: str) -> str | None:
        row = self.db.execute(
            "SELECT file FROM files WHERE kind = ? AND id = ? ORDER BY file LIMIT 1", (kind, rid)
        )
        found = row.fetchone()
        return found[0] if found else None

    def names_where(
        self, column: str, value: str, *, leads: bool = False
    ) -> list[tuple[str, str, str]]:
        """(file, id, name) rows whose key column equals value; with `leads`, ids' leading
        words too, where no other record shares the word."""
        assert column in ("name", "norm", "compact", "fold", "sorted")
        # names_sorted is a partial index: SQLite uses it only when told that sorted != ''.
        from curate.lookup import words

        where = f"{column} = ?" + (" AND sorted != ''" if column == "sorted" else "")
        sql = f"SELECT file, id, name, lead FROM names WHERE {where}"
        rows = self.db.execute(sql, (value,)).fetchall()
        return [
            (f, i, n) for f, i, n, lead in rows if not lead or (leads and words.lead_ok(self.db, i))
        ]

    def fuzzy_candidates(
        self, digits: str, first: str, last: str, lo: int, hi: int
    ) -> tuple[list[str], Sequence[tuple[str, str, str]]]:
        """Compact keys, and (file, id, name) for each, that the fuzzy stage scores.

        The first few questions of a process go to SQLite's indexes, fetching the
        names behind a key only when it scores; loading the whole bucketed table
        (tens of MB at 100,000 records) pays only for many questions. Both give the
        same names in the same order.
        """
        from curate.lookup import fuzzytable

        self._fuzzy_asked += 1
        if self._fuzzy is None and self._fuzzy_asked <= FUZZY_TABLE_AFTER:
            rows = self.db.execute(
                "SELECT compact, r FROM ("
                " SELECT 0 AS part, len, rowid AS r, compact FROM names"
                "  WHERE digits = ? AND first = ? AND len BETWEEN ? AND ?"
                " UNION ALL"
                " SELECT 1, len, rowid, compact FROM names"
                "  WHERE digits = ? AND last = ? AND len BETWEEN ? AND ?"
                ") ORDER BY part, len, r",
                (digits, first, lo, hi, digits, last, lo, hi),
            ).fetchall()
            return [row[0] for row in rows], fuzzytable.NameRows(self.db, [row[1] for row in rows])
        try:
            keys, refs = self.fuzzy_table().candidates(digits, first, last, lo, hi)
        except fuzzytable.DamagedTable:
            keys, refs = self.fuzzy_table(again=True).candidates(digits, first, last, lo, hi)
        return keys, fuzzytable.NameRows(self.db, refs)

    def fuzzy_table(self, *, again: bool = False) -> fuzzytable.FuzzyTable:
        """Every name bucketed for the fuzzy stage; cached per index generation (`again`:
        built again, for a cached one found damaged)."""
        if self._fuzzy is None or again:
            from curate.lookup import fuzzytable

            self._fuzzy = fuzzytable.FuzzyTable.load(self, again=again)
        return self._fuzzy

    def all_names(self, *, leads: bool = False) -> list[tuple[str, str, str, str]]:
        """(file, id, name, compact) of every name; with `leads`, the ids' leading words that
        name their record (name = the id, compact = the word's)."""
        rows = self.db.execute(
            "SELECT file, id, name, compact, lead FROM names ORDER BY file, rowid"
        ).fetchall()
        if not leads:
            return [row[:4] for row in rows if not row[4]]
        from curate.lookup import words

        shared = words.shared_leads(self.db)
        return [row[:4] for row in rows if not row[4] or row[3] not in shared]
