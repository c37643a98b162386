"""The name index is a cache: a damaged database file is thrown away and built again."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from curate.lookup.index import Index
from tests.conftest import Invoke

COMPOUNDS = 19


def _index_file(root: Path) -> Path:
    Index(root).close()
    return root / ".curate" / "cache" / "index.sqlite"


def _rows(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("SELECT count(*) FROM files WHERE kind = 'compound'").fetchone()[0])
    finally:
        db.close()


def _truncate(path: Path) -> None:
    with path.open("r+b") as f:
        f.truncate(4096)  # the header and first page of a database of several pages


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(os.urandom(100)),
        lambda p: p.write_bytes(b"SQLite format 3\0" + os.urandom(4000)),
        lambda p: p.write_bytes(b""),
        _truncate,
    ],
    ids=["noise", "a header then noise", "empty", "truncated"],
)
def test_a_damaged_index_is_built_again(cli: Invoke, root: Path, damage: object) -> None:
    path = _index_file(root)
    assert path.stat().st_size > 4096
    Index(root).db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage(path)  # type: ignore[operator]
    result = cli(["--root", str(root), "show", "IGF-1", "-f", "json"])
    assert result.exit_code == 0 and '"mecasermin_igf1"' in result.stdout
    assert _rows(path) == COMPOUNDS  # built again on disk, not kept in memory each run


def test_only_no_database_or_a_damaged_one_is_thrown_away(tmp_path: Path) -> None:
    """A busy database (another writer holds it) is left alone."""
    from curate.lookup import index

    busy_file = tmp_path / "busy.sqlite"
    holder = sqlite3.connect(busy_file, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError) as busy:
            sqlite3.connect(busy_file, timeout=0).execute("SELECT * FROM t")
    finally:
        holder.close()
    assert not index._damaged(busy.value)
    noise = tmp_path / "noise.sqlite"
    noise.write_bytes(os.urandom(100))
    with pytest.raises(sqlite3.DatabaseError) as damaged:
        sqlite3.connect(noise).execute("SELECT * FROM sqlite_master")
    assert index._damaged(damaged.value)


def test_an_index_another_command_is_writing_is_a_clear_error(
    cli: Invoke, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curate.lookup import index

    path = _index_file(root)
    monkeypatch.setattr(index, "BUSY_TIMEOUT", 0.0)
    (root / "data" / "compounds" / "extra.yaml").write_text("id: extra\n")  # to be written
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = cli(["--root", str(root), "export", "--no-check"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "another curate command" in result.stderr
    assert "index.sqlite" in result.stderr
    assert _rows(path) == COMPOUNDS  # left as it was
