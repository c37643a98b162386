"""Change detection: stat in one or two processes, packed comparison, racy files."""

from __future__ import annotations

import marshal
import os
import random
import shutil
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


LONG_AGO = 1_700_000_000 * 10**9 + 123_456_789  # a fine-grained mtime, settled long before now
FOLDERS = ("data/a", "data/b")


@pytest.fixture
def two_folders(tmp_path: Path) -> Path:
    """Two data folders whose files and folders all settled long ago."""
    for rel, names in zip(FOLDERS, (["x.yaml", "y.yaml", "z.yaml"], ["s.yaml"]), strict=True):
        (tmp_path / rel).mkdir(parents=True)
        for name in names:
            (tmp_path / rel / name).write_text(f"{name}\n")
            os.utime(tmp_path / rel / name, ns=(LONG_AGO, LONG_AGO))
        os.utime(tmp_path / rel, ns=(LONG_AGO, LONG_AGO))
    return tmp_path


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The snapshot's clock, set by the test: a minute after LONG_AGO to begin with."""
    now = [LONG_AGO + 60 * 10**9]
    monkeypatch.setattr(snapshot, "now_ns", lambda: now[0])
    return now


def stored(root: Path) -> snapshot.Snapshot:
    """A look's snapshot, as a mirror reads it back from its cache file."""
    dumped = marshal.loads(marshal.dumps(snapshot.Listing(root, FOLDERS).snapshot().dump()))
    found = snapshot.Snapshot.load(dumped)
    assert found is not None
    return found


@pytest.mark.usefixtures("clock")
def test_a_look_since_its_own_snapshot_finds_nothing(two_folders: Path, split: bool) -> None:
    before = stored(two_folders)
    look = snapshot.Listing(two_folders, FOLDERS)
    assert look.rels == ["data/a/x.yaml", "data/a/y.yaml", "data/a/z.yaml", "data/b/s.yaml"]
    assert look.since(before) == snapshot.Changes([], [], None)
    assert before.holds(two_folders)
    assert [look.folder_of(at) for at in range(4)] == [0, 0, 0, 1]


@pytest.mark.usefixtures("clock")
def test_a_look_names_each_kind_of_change(two_folders: Path) -> None:
    """An edit in place, a file added and one removed: positions are the new look's,
    `was` the stored one's, and the rows a mirror keeps itself say the same."""
    before = stored(two_folders)
    (two_folders / "data/a/y.yaml").write_text("longer than before\n")  # in place
    (two_folders / "data/a/w.yaml").write_text("new\n")
    (two_folders / "data/b/s.yaml").unlink()
    assert not before.holds(two_folders)
    look = snapshot.Listing(two_folders, FOLDERS)
    assert look.rels == ["data/a/w.yaml", "data/a/x.yaml", "data/a/y.yaml", "data/a/z.yaml"]
    expected = snapshot.Changes([0, 2], ["data/b/s.yaml"], [-1, 0, 1, 2])
    assert look.since(before) == expected
    assert look.since(list(before.rows())) == expected
    assert look.since(None) == snapshot.Changes([0, 1, 2, 3], [], [-1, -1, -1, -1])


def test_an_edit_in_place_keeps_the_folder_but_not_the_file(two_folders: Path) -> None:
    """Same names, same folder mtimes: only the file's own numbers tell."""
    before = stored(two_folders)
    path = two_folders / "data/a/z.yaml"
    path.write_text("Z.yaml\n")  # the same size
    os.utime(path, ns=(LONG_AGO + 1, LONG_AGO + 1))
    os.utime(path.parent, ns=(LONG_AGO, LONG_AGO))
    assert not before.holds(two_folders)
    assert snapshot.Listing(two_folders, FOLDERS).since(before) == snapshot.Changes([2], [], None)


def test_a_file_too_recent_to_trust_is_looked_at_again(two_folders: Path, clock: list[int]) -> None:
    """The racy rule, inside the snapshot: a file written in the tick of the look is
    stored as unknown, so the next look reports it even though nothing moved; once
    a look is taken long after, the snapshot trusts it."""
    path = two_folders / "data/a/x.yaml"
    mtime = path.stat().st_mtime_ns
    os.utime(path, ns=(mtime, clock[0] - 1_000_000))  # written 1 ms before the look
    before = stored(two_folders)
    assert snapshot.Listing(two_folders, FOLDERS).since(before).moved == [0]
    assert not before.holds(two_folders)
    clock[0] += 10 * snapshot.COARSE_RACY_NS
    settled = stored(two_folders)
    assert snapshot.Listing(two_folders, FOLDERS).since(settled).moved == []
    assert settled.holds(two_folders)


def test_a_folder_too_recent_to_trust_is_listed_again(two_folders: Path, clock: list[int]) -> None:
    """A folder changed in the tick of the look could gain a file without its mtime moving."""
    os.utime(two_folders / "data/b", ns=(LONG_AGO, clock[0] - 1_000_000))
    before = stored(two_folders)
    assert list(before.stamps) == [LONG_AGO, -1]
    assert not before.holds(two_folders)
    assert snapshot.Listing(two_folders, FOLDERS).since(before).moved == []  # files as they were


@pytest.mark.usefixtures("clock")
def test_a_missing_folder_is_an_empty_one_until_it_appears(two_folders: Path) -> None:
    shutil.rmtree(two_folders / "data/b")
    before = stored(two_folders)
    assert list(before.stamps) == [LONG_AGO, snapshot.NO_FOLDER]
    assert before.holds(two_folders)
    (two_folders / "data/b").mkdir()
    (two_folders / "data/b/t.yaml").write_text("t\n")
    assert not before.holds(two_folders)
    assert snapshot.Listing(two_folders, FOLDERS).since(before).moved == [3]


@pytest.mark.parametrize(
    "damaged",
    [
        None,
        b"bytes",
        (bytes(8), (("data/a", b"x.yaml", bytes(8), bytes(16)),)),  # numbers for two names
        (bytes(8), (("data/a", b"x.yaml\0y.yaml", bytes(16), bytes(16)),), 1),
        (bytes(16), (("data/a", b"", b"", b""),)),  # two stamps, one folder
        (bytes(8), ((b"data/a", b"", b"", b""),)),
    ],
)
def test_anything_but_a_dumped_snapshot_loads_as_none(damaged: object) -> None:
    assert snapshot.Snapshot.load(damaged) is None
