"""Change detection: stat in one or two processes, packed comparison, racy files."""

from __future__ import annotations

import os
import random
from array import array
from pathlib import Path

import pytest

from curate.errors import CurateError
from curate.repo import snapshot


@pytest.mark.parametrize("size", [0, 1, 511, 512, 513, 5000])
def test_differing_finds_every_changed_position(size: int) -> None:
    rng = random.Random(size)
    old = array("q", (rng.randrange(1 << 40) for _ in range(size)))
    new = array("q", old)
    picks = set(rng.sample(range(size), min(size, 7)))
    for i in picks:
        new[i] += 1
    assert snapshot.differing(old.tobytes(), new) == picks


@pytest.fixture(params=[False, True], ids=["one process", "two processes"])
def split(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether a second process takes half the stats, even of a hundred files."""
    monkeypatch.setattr(snapshot, "SPLIT_STAT_MIN", 1 if request.param else 10**9)
    return bool(request.param)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for n in range(101):
        (tmp_path / f"r{n:03d}.yaml").write_text("x" * n)
    (tmp_path / ".hidden.yaml").write_text("x")
    (tmp_path / "notes.txt").write_text("x")
    return tmp_path


def test_record_names_are_the_sorted_yaml_files(folder: Path) -> None:
    assert snapshot.record_names(folder) == [f"r{n:03d}.yaml" for n in range(101)]
    assert snapshot.record_names(folder / "missing") is None


def test_stat_all_in_one_or_two_processes(folder: Path, split: bool) -> None:
    names = snapshot.record_names(folder) or []
    sizes, mtimes = snapshot.stat_all(folder, names)
    assert list(sizes) == list(range(101))
    assert list(mtimes) == [(folder / n).stat().st_mtime_ns for n in names]


def test_a_link_to_nowhere_keeps_its_own_numbers(folder: Path, split: bool) -> None:
    """A dangling link or a loop stays listed, for its reader to name as unreadable."""
    (folder / "zz.yaml").symlink_to(folder / "nowhere")  # in the child's half
    (folder / "zz_loop.yaml").symlink_to(folder / "zz_loop.yaml")
    names = snapshot.record_names(folder) or []
    sizes, mtimes = snapshot.stat_all(folder, names)
    for name in ("zz.yaml", "zz_loop.yaml"):
        link = (folder / name).lstat()
        at = names.index(name)
        assert (sizes[at], mtimes[at]) == (link.st_size, link.st_mtime_ns)


def test_recent_mtimes_are_stored_as_unknown() -> None:
    now = snapshot.now_ns()
    old = now - 10 * snapshot.RACY_NS
    mtimes = array("q", [old, now - 1, now + 5])
    assert list(snapshot.unracy(mtimes, now)) == [old, -1, -1]
    long_ago = array("q", [now - 2 * snapshot.COARSE_RACY_NS] * 2)
    assert snapshot.unracy(long_ago, now) is long_ago  # nothing recent: stored as it is


def test_changed_names_the_files_whose_numbers_moved(folder: Path, split: bool) -> None:
    names = snapshot.record_names(folder) or []
    sizes, mtimes = snapshot.stat_all(folder, names)
    raw = b"\0".join(os.fsencode(n) for n in names)
    assert snapshot.changed(folder, raw, sizes.tobytes(), mtimes.tobytes()) == []
    (folder / "r003.yaml").write_text("longer than before")
    os.utime(folder / "r090.yaml", ns=(1, 1))
    assert snapshot.changed(folder, raw, sizes.tobytes(), mtimes.tobytes()) == [3, 90]
    (folder / "r099.yaml").unlink()
    with pytest.raises(CurateError, match=r"r099\.yaml: cannot read"):
        snapshot.changed(folder, raw, sizes.tobytes(), mtimes.tobytes())


@pytest.mark.parametrize("lengths", [[1], [2, 1], [90] + [1] * 30, [1] * 30 + [90], [5] * 8])
def test_changed_positions_hold_wherever_the_halves_are_cut(
    tmp_path: Path, lengths: list[int], split: bool
) -> None:
    """The halves are cut by bytes of names, so counts differ: positions must not."""
    names = [f"{i:03d}{'n' * width}.yaml" for i, width in enumerate(lengths)]
    for name in names:
        (tmp_path / name).write_text("old")
    sizes, mtimes = snapshot.stat_all(tmp_path, names)
    joined = b"\0".join(map(os.fsencode, names))
    every = list(range(len(names)))
    for i in every:
        (tmp_path / names[i]).write_text("new, and longer")
    assert snapshot.changed(tmp_path, joined, sizes.tobytes(), mtimes.tobytes()) == every
    moved = every[::3]
    sizes, mtimes = snapshot.stat_all(tmp_path, names)
    for i in moved:
        (tmp_path / names[i]).write_text("the third")
    assert snapshot.changed(tmp_path, joined, sizes.tobytes(), mtimes.tobytes()) == moved


def test_the_second_process_does_its_half(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Were the child to fail, the parent would redo its half: correct, but slow."""
    monkeypatch.setattr(snapshot, "SPLIT_STAT_MIN", 1)
    asked: list[tuple[int, int]] = []

    def part(fd: int, start: int, stop: int) -> bytes:
        asked.append((start, stop))  # recorded in this process only
        return bytes(stop - start)

    spans = snapshot._in_two(folder, 10, part)
    assert asked == [(0, 5)]
    assert spans == [((0, 5), bytes(5)), ((5, 10), bytes(5))]


def test_whole_second_mtimes_get_a_wider_window() -> None:
    now = 1_800_000_000 * 10**9
    mtimes = array("q", [now - 10**9, now - 3 * 10**9, now - 10**9 + 7, now - 10**6])
    assert list(snapshot.unracy(mtimes, now)) == [-1, now - 3 * 10**9, now - 10**9 + 7, -1]


@pytest.mark.usefixtures("no_fork")
def test_without_a_second_process_one_does_it_all(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot, "SPLIT_STAT_MIN", 1)
    names = snapshot.record_names(folder) or []
    sizes, _mtimes = snapshot.stat_all(folder, names)
    assert list(sizes) == list(range(101))
