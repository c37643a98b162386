"""What lint remembers between runs: change detection and when the cache is written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from curate.lint import context, engine, state
from curate.lint.corpus import CorpusIndex
from curate.lint.state import scan_folders
from curate.repo import cache, snapshot
from tests.conftest import FIXTURES, Invoke


@pytest.fixture
def collision(tmp_path: Path) -> Path:
    root = tmp_path / "c"
    shutil.copytree(
        FIXTURES / "lint/alias-collision", root, ignore=shutil.ignore_patterns("expected.txt")
    )
    return root


def test_scan_lists_record_files_in_order(collision: Path) -> None:
    (collision / "data/compounds/.hidden.yaml").write_text("x: 1\n")
    (collision / "data/compounds/notes.txt").write_text("x\n")
    rels, sizes, mtimes = scan_folders(collision)
    assert rels == sorted(rels) and all(r.endswith(".yaml") for r in rels)
    assert ".hidden" not in "".join(rels)
    first = collision / rels[0]
    assert (sizes[0], mtimes[0]) == (first.stat().st_size, first.stat().st_mtime_ns)


def test_pre_commit_run_leaves_the_cache_alone_and_stays_right(collision: Path) -> None:
    igf = collision / "data/compounds/igf.yaml"
    assert len(engine.lint(collision).problems) == 2
    cached = collision / ".curate/cache/lint-files.marshal"
    before = cached.read_bytes()
    other = collision / "data/compounds/igf_other.yaml"
    other.write_text(other.read_text().replace("  - IGF-1\n", "  - IGF-3\n"))
    assert engine.lint(collision, [igf]).problems == []
    assert cached.read_bytes() == before  # one changed file: nothing written
    assert engine.lint(collision, [igf]).problems == []  # and the next run sees it again
    assert engine.lint(collision).problems == []
    assert cached.read_bytes() != before  # a full run keeps what it learned


def test_pre_commit_run_with_many_changes_keeps_them(
    collision: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "DEFER_MAX", 0)
    engine.lint(collision)
    cached = collision / ".curate/cache/lint-files.marshal"
    before = cached.read_bytes()
    other = collision / "data/compounds/igf_other.yaml"
    other.write_text(other.read_text().replace("  - IGF-1\n", "  - IGF-3\n"))
    assert engine.lint(collision, [collision / "data/compounds/igf.yaml"]).problems == []
    assert cached.read_bytes() != before
    assert engine.lint(collision).problems == []


def test_an_edit_within_the_clock_tick_is_seen(
    collision: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same size, same mtime: caught because lint's snapshot did not trust so recent a file.

    The clock is the snapshot's hook: the first run looks 1 ms after the file was written.
    """
    other = collision / "data/compounds/igf_other.yaml"
    mtime = other.stat().st_mtime_ns
    monkeypatch.setattr(snapshot, "now_ns", lambda: mtime + 1_000_000)
    assert len(engine.lint(collision).problems) == 2
    other.write_text(other.read_text().replace("  - IGF-1\n", "  - IGF-3\n"))
    os.utime(other, ns=(mtime, mtime))
    monkeypatch.setattr(snapshot, "now_ns", lambda: mtime + 10 * snapshot.COARSE_RACY_NS)
    assert engine.lint(collision).problems == []


@pytest.mark.parametrize("add_file", [False, True])
def test_touched_files_keep_their_problems(tmp_path: Path, add_file: bool) -> None:
    root = tmp_path / "s"
    shutil.copytree(FIXTURES / "lint/schema", root, ignore=shutil.ignore_patterns("expected.txt"))
    first = sorted(engine.lint(root).problems)
    for path in (root / "data/compounds").iterdir():
        os.utime(path, ns=(1, 1))  # new mtimes, same bytes
    if add_file:  # and the listing differs too, which takes the by-name path
        (root / "data/compounds/zz.yaml").write_text("- a list\n")
    again = sorted(p for p in engine.lint(root).problems if "zz.yaml" not in p.path)
    assert again == first


@pytest.mark.parametrize(
    ("kind", "why"),
    [("dangling symlink", "is a symlink to nothing"), ("directory", "is a folder, not a file")],
)
def test_unreadable_record_files_are_named_and_the_rest_checked(
    cli: Invoke, collision: Path, kind: str, why: str
) -> None:
    bad = collision / "data/compounds/bad.yaml"
    if kind == "directory":
        bad.mkdir()
    else:
        bad.symlink_to(collision / "nowhere")
    result = cli(["--root", str(collision), "lint"])
    assert result.exit_code == 1
    assert f"data/compounds/bad.yaml: error CU008 {why}" in result.stdout
    assert "in 3 of 5 file(s)" in result.stderr  # and the others checked


def _index_parts(root: Path) -> dict[str, bytes]:
    packed = cache.Packed.load(root, state.INDEX, _signature(root))
    assert packed is not None
    return {name: packed.raw(name) or b"" for name in packed.spans}


def _signature(root: Path) -> str:
    return context.Context(root).signature()


def test_a_change_rewrites_only_the_index_shards_it_touches(collision: Path) -> None:
    engine.lint(collision)
    before = _index_parts(collision)
    assert sorted(before) == sorted(CorpusIndex.shard_names())
    other = collision / "data/compounds/igf_other.yaml"
    other.write_text(other.read_text().replace("  - IGF-1\n", "  - IGF-3\n"))
    assert engine.lint(collision).problems == []
    after = _index_parts(collision)
    rewritten = {name for name in before if after[name] != before[name]}
    assert rewritten and len(rewritten) < 10


@pytest.mark.parametrize("damage", ["garbled parts", "no index file", "no views file"])
def test_a_damaged_cache_is_built_again(collision: Path, damage: str) -> None:
    first = engine.lint(collision).problems
    if damage == "garbled parts":
        parts = {name: b"garbage" for name in _index_parts(collision)}
        cache.Packed.save(collision, state.INDEX, _signature(collision), parts)
    else:
        name = state.INDEX if damage == "no index file" else state.VIEWS
        (collision / ".curate/cache" / name).unlink()
    other = collision / "data/compounds/igf_other.yaml"
    other.write_text(other.read_text() + "\n")  # a change, so the index is consulted
    igf = collision / "data/compounds/igf.yaml"
    mine = [p for p in first if p.path.endswith("igf.yaml")]
    assert mine and engine.lint(collision, [igf]).problems == mine
    assert engine.lint(collision).problems != []
    assert sorted(_index_parts(collision)) == sorted(CorpusIndex.shard_names())
