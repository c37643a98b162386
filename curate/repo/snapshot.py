"""Which record files changed since a mirror last looked: one object per look, and the rule.

Lint's cache and the name index both must notice an edit made in place (no
rename, so the folder's mtime stays) to any of 100,000 files. The only way is
to stat each one, so that is made as cheap as it goes from Python: names
relative to an open folder (no path walk), half the stats in a forked child on
another core, and numbers kept as packed arrays so comparing two snapshots is a
comparison of bytes, block by block.

A `Listing` is one look at the data folders, taken at one clock reading: each
folder's mtime, its record names, and each file's size and mtime. What a mirror
stores is its `Snapshot`, and the next look asks what changed since that. A
file changed within the clock tick of the look could change again with the same
mtime (git calls this "racy"); the snapshot stores such a file with mtime -1, so
the next comparison reads it again. The same rule keeps a folder's mtime: a file
added in the folder's last tick would not move it. The rule is applied here and
nowhere else (`unracy`, by `Listing.snapshot`).
"""

from __future__ import annotations

import os
import stat
import time
from array import array
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from curate.errors import CurateError
from curate.repo import forking

SPLIT_STAT_MIN = 4000  # from this many files in a folder, a second process shares the stats
RACY_NS = 50_000_000  # coarser than the timestamp tick of ext4, xfs, btrfs, tmpfs, APFS
COARSE_RACY_NS = 2_000_000_000  # file systems that keep whole (or even) seconds
NO_FOLDER = -2  # the mtime kept for a folder that does not exist
Folder = tuple[str, bytes, bytes, bytes]  # root-relative folder; names NUL-joined; sizes; mtimes


def record_names(base: Path) -> list[str] | None:
    """The record file names in a folder, sorted; None when there is no such folder."""
    try:
        listed = os.listdir(base)  # plain names: cheaper than scandir's entries
    except (FileNotFoundError, NotADirectoryError):
        return None
    return utf8_names(
        base, sorted([n for n in listed if n.endswith(".yaml") and not n.startswith(".")])
    )


def utf8_names(base: Path, names: list[str]) -> list[str]:
    """The names, refused with one line if one is not UTF-8 (no id could match it)."""
    if all(map(str.isascii, names)):
        return names
    for name in names:
        if not name.isascii():
            try:
                name.encode("utf-8")
            except UnicodeEncodeError:
                shown = ascii(os.fsencode(name))[2:-1]
                raise CurateError(
                    "file name is not UTF-8; rename it ID.yaml (ids are lowercase ASCII)",
                    base / shown,
                ) from None
    return names


def stat_all(base: Path, names: list[str]) -> tuple[array[int], array[int]]:
    """Sizes and mtimes of the named files in one folder."""

    def part(fd: int, start: int, stop: int) -> bytes:
        sizes, mtimes = _stat_part(base, names[start:stop], fd)
        return sizes.tobytes() + mtimes.tobytes()

    sizes, mtimes = array("q"), array("q")
    for (start, stop), raw in _in_two(base, len(names), part):
        half = 8 * (stop - start)
        sizes.frombytes(raw[:half])
        mtimes.frombytes(raw[half:])
    return sizes, mtimes


def changed(base: Path, joined: bytes, sizes: bytes, mtimes: bytes) -> list[int]:
    """Positions of the files whose size or mtime differs from the packed ones.

    `joined` is the names, NUL-separated, as the snapshot keeps them. The question
    asked on every lookup, so it is answered in the stat loop itself rather than by
    building arrays to compare afterwards, and each process splits and unpacks only
    its own half.
    """
    if not joined:
        return []
    # Halved by bytes, near enough by count: each side then splits only its own names.
    cut = joined.find(b"\0", len(joined) // 2)
    cut = len(joined) if cut < 0 else cut
    first = joined.count(b"\0", 0, cut) + 1
    count = joined.count(b"\0") + 1

    def names_in(start: int, stop: int) -> list[bytes]:
        if (start, stop) == (0, count):  # not split: one process does them all
            return joined.split(b"\0")
        raw = joined[:cut] if start == 0 else joined[cut + 1 :]
        return raw.split(b"\0") if raw else []

    def part(fd: int, start: int, stop: int) -> bytes:
        span = names_in(start, stop)
        old = (sizes[8 * start : 8 * stop], mtimes[8 * start : 8 * stop])
        try:
            found = _differing(fd, start, span, *old)
        except OSError:  # a symlink loop, say: its link's numbers stand in (see _stat_one)
            found = _differing(fd, start, span, *old, lambda n, dir_fd: _stat_one(base, n, dir_fd))
        return array("q", found).tobytes()

    out: list[int] = []
    for _span, raw in _in_two(base, count, part, first):
        out.extend(array("q", raw))
    return out


def _differing(
    fd: int,
    first: int,
    names: list[bytes],
    sizes: bytes,
    mtimes: bytes,
    stat: Callable[..., os.stat_result] = os.stat,
) -> list[int]:
    """Positions (from `first`) of the files relative to folder fd whose numbers moved."""
    rows = zip(
        range(first, first + len(names)),
        names,
        array("q", sizes).tolist(),
        array("q", mtimes).tolist(),
        strict=True,
    )
    return [
        i
        for i, name, size, mtime in rows
        if (now := stat(name, dir_fd=fd)).st_mtime_ns != mtime or now.st_size != size
    ]


def _in_two(
    base: Path, count: int, part: Callable[[int, int, int], bytes], half: int | None = None
) -> list[tuple[tuple[int, int], bytes]]:
    """part(fd, start, stop) over [0, count): from `half` on in a forked child when that pays.

    Most of a stat's cost is in the kernel, and another core runs the child's half
    meanwhile. The child hands back bytes through a pipe and leaves without any
    cleanup; a child that fails sends nothing, and the parent does that half
    itself (and so reports any unreadable file).
    """
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if count < SPLIT_STAT_MIN or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
            return [((0, count), part(fd, 0, count))]
        half = count // 2 if half is None else half
        read_end, write_end = os.pipe()
        try:
            pid = forking.fork(keep=(fd, write_end))
        except OSError:  # no process to spare (a limit on processes): all of it here
            os.close(read_end)
            os.close(write_end)
            return [((0, count), part(fd, 0, count))]
        if pid == 0:  # holds only the folder and the pipe's writing end
            try:
                payload = part(fd, half, count)
                with os.fdopen(write_end, "wb") as out:
                    out.write(len(payload).to_bytes(8, "little") + payload)
            finally:
                os._exit(0)
        os.close(write_end)
        try:
            mine = part(fd, 0, half)
        finally:
            with os.fdopen(read_end, "rb") as pipe:
                payload = pipe.read()
            os.waitpid(pid, 0)
        theirs = payload[8:]
        if len(payload) < 8 or int.from_bytes(payload[:8], "little") != len(theirs):
            theirs = part(fd, half, count)
        return [((0, half), mine), ((half, count), theirs)]
    finally:
        os.close(fd)


def unracy(mtimes: array[int], taken_ns: int) -> array[int]:
    """The mtimes to store: -1 for files changed too close to when they were read."""
    if max(mtimes, default=0) < taken_ns - COARSE_RACY_NS:
        return mtimes
    return array("q", [m if settled(m, taken_ns) else -1 for m in mtimes])


def settled(mtime_ns: int, now_ns: int) -> bool:
    """Old enough that a later edit would show in the mtime.

    Whole-second mtimes (FAT, HFS+, some network file systems) get a wider window.
    """
    window = COARSE_RACY_NS if mtime_ns % 1_000_000_000 == 0 else RACY_NS
    return mtime_ns < now_ns - window


def now_ns() -> int:
    return time.time_ns()


def differing(old: bytes, new: array[int]) -> set[int]:
    """Positions where two packed arrays of the same length differ, a block at a time."""
    block = 512
    width = block * new.itemsize
    raw = new.tobytes()
    out: set[int] = set()
    for start in range(0, len(raw), width):
        if old[start : start + width] != raw[start : start + width]:
            first = start // new.itemsize
            before = array(new.typecode, old[start : start + width])
            out.update(first + i for i, v in enumerate(before) if v != new[first + i])
    return out


def _stat_part(base: Path, names: list[str], fd: int) -> tuple[array[int], array[int]]:
    try:
        stats = [os.stat(name, dir_fd=fd) for name in names]
    except OSError:
        stats = [_stat_one(base, name, fd) for name in names]
    return array("q", [s.st_size for s in stats]), array("q", [s.st_mtime_ns for s in stats])


def _stat_one(base: Path, name: str | bytes, fd: int) -> os.stat_result:
    """A file's numbers; for a symlink that leads nowhere (a loop), the link's own.

    Such a file stays in the listing, so the reader names it as unreadable rather
    than every command stopping at the stat.
    """
    try:
        return os.stat(name, dir_fd=fd)
    except OSError:
        pass
    try:
        return os.stat(name, dir_fd=fd, follow_symlinks=False)
    except OSError as exc:
        raise CurateError(f"cannot read: {exc.strerror}", base / os.fsdecode(name)) from None


def folder_stamps(root: Path, folders: Sequence[str]) -> array[int]:
    """Each folder's mtime, which a file added, removed or renamed in it moves."""
    out = array("q")
    for rel in folders:
        try:
            found = os.stat(root / rel)
        except OSError:
            out.append(NO_FOLDER)
            continue
        out.append(found.st_mtime_ns if stat.S_ISDIR(found.st_mode) else NO_FOLDER)
    return out


# What a new look found changed since a stored one. Declared by a call, not a class body:
# this module postpones annotations, so a body's fields would be strings, which typing
# compiles (and a process's first compile() costs a third of a `python -c pass`).
Changes = NamedTuple(  # noqa: UP014 - see above
    "Changes",
    [
        ("moved", list[int]),  # positions (in the new look) of files to read: new, or moved
        ("gone", list[str]),  # root-relative names stored and no longer listed
        ("was", list[int] | None),  # each file's position in the stored look (-1: new); None: same
    ],
)


class Snapshot:
    """A look as a mirror stores it, as plain data: per folder, its root-relative name, its
    record names NUL-joined, and their sizes and mtimes packed; numbers too recent to
    trust are -1, which no later reading equals."""

    __slots__ = ("folders", "stamps")

    def __init__(self, stamps: array[int], folders: Sequence[Folder]) -> None:
        self.stamps, self.folders = stamps, tuple(folders)

    def dump(self) -> tuple[bytes, tuple[Folder, ...]]:
        """What marshal stores."""
        return self.stamps.tobytes(), self.folders

    @classmethod
    def load(cls, value: Any) -> Snapshot | None:
        """A dumped snapshot; None for anything else (damaged, or from another version)."""
        if not (isinstance(value, tuple) and len(value) == 2):
            return None
        stamps, folders = value
        if not (isinstance(stamps, bytes) and isinstance(folders, tuple)):
            return None
        if len(stamps) != 8 * len(folders):  # a stamp for each folder
            return None
        for entry in folders:
            if not (isinstance(entry, tuple) and list(map(type, entry)) == [str, *[bytes] * 3]):
                return None
            count = entry[1].count(b"\0") + 1 if entry[1] else 0
            if len(entry[2]) != 8 * count or len(entry[3]) != 8 * count:
                return None
        return cls(array("q", stamps), folders)

    def count(self) -> int:
        return sum(len(entry[2]) for entry in self.folders) // 8

    def holds(self, root: Path) -> bool:
        """Whether nothing changed since: no folder's mtime moved, and no file's size or mtime.

        The question asked before every lookup: no folder is listed, and the names stay
        bytes, so that os.stat skips encoding each of 100,000 of them.
        """
        if folder_stamps(root, [entry[0] for entry in self.folders]) != self.stamps:
            return False
        return not any(changed(root / rel, *numbers) for rel, *numbers in self.folders)

    def rows(self) -> Iterable[tuple[str, int, int]]:
        """(root-relative name, size, mtime) of each file, in the order of the look."""
        for rel, joined, sizes, mtimes in self.folders:
            names = os.fsdecode(joined).split("\0") if joined else []
            rels = [f"{rel}/{n}" for n in names]
            yield from zip(rels, array("q", sizes), array("q", mtimes), strict=True)


class Listing:
    """One look at some folders of a root, taken at one clock reading.

    First the clock, then each folder's mtime, its record names, and each file's
    size and mtime: whatever is read after the clock is at least as recent as it,
    so the racy rule errs towards reading a file (or listing a folder) again.
    """

    def __init__(self, root: Path, folders: Sequence[str]) -> None:
        self.root, self.folders = root, tuple(folders)
        self.taken = now_ns()
        self.stamps = folder_stamps(root, self.folders)
        self.names: list[list[str]] = []
        self.rels: list[str] = []  # root-relative, every folder's in turn
        self.sizes, self.mtimes = array("q"), array("q")
        for rel in self.folders:
            base = root / rel
            names = record_names(base) or []
            if names:
                sizes, mtimes = stat_all(base, names)
                self.sizes.extend(sizes)
                self.mtimes.extend(mtimes)
            self.names.append(names)
            self.rels.extend([f"{rel}/{n}" for n in names])
        self._joined: list[bytes] | None = None

    def folder_of(self, at: int) -> int:
        """Which of the folders the file at this position is in."""
        for index, names in enumerate(self.names):
            if at < len(names):
                return index
            at -= len(names)
        raise IndexError(at)

    def kept_mtimes(self) -> array[int]:
        """Each file's mtime as a mirror stores it: -1 where it is too recent to trust."""
        return unracy(self.mtimes, self.taken)

    def snapshot(self) -> Snapshot:
        """What a mirror stores of this look, the racy rule applied to files and folders."""
        kept, at, folders = self.kept_mtimes(), 0, []
        for rel, names, joined in zip(self.folders, self.names, self.joined(), strict=True):
            end = at + len(names)
            folders.append((rel, joined, self.sizes[at:end].tobytes(), kept[at:end].tobytes()))
            at = end
        return Snapshot(unracy(self.stamps, self.taken), folders)

    def joined(self) -> list[bytes]:
        if self._joined is None:
            self._joined = [os.fsencode("\0".join(names)) for names in self.names]
        return self._joined

    def since(self, old: Snapshot | Iterable[tuple[str, int, int]] | None) -> Changes:
        """What changed since a mirror stored `old`: a snapshot, or its own rows of
        (root-relative name, size, mtime) as it stored them; None: nothing was stored."""
        if isinstance(old, Snapshot):
            names = list(zip(self.folders, self.joined(), strict=True))
            if [entry[:2] for entry in old.folders] == names:
                # The same names in the same order: two comparisons of packed bytes.
                sizes = b"".join(entry[2] for entry in old.folders)
                mtimes = b"".join(entry[3] for entry in old.folders)
                numbers = differing(sizes, self.sizes) | differing(mtimes, self.mtimes)
                return Changes(sorted(numbers), [], None)
        rows = old.rows() if isinstance(old, Snapshot) else () if old is None else old
        known = {rel: (at, size, mtime) for at, (rel, size, mtime) in enumerate(rows)}
        was: list[int] = []
        moved: list[int] = []
        for at, (rel, size, mtime) in enumerate(
            zip(self.rels, self.sizes, self.mtimes, strict=True)
        ):
            before, old_size, old_mtime = known.pop(rel, (-1, -1, -1))
            was.append(before)
            if old_size != size or old_mtime != mtime:
                moved.append(at)
        return Changes(moved, sorted(known), was)
