"""Which record files changed since last time: every file's size and mtime, packed.

Lint's cache and the name index both must notice an edit made in place (no
rename, so the folder's mtime stays) to any of 100,000 files. The only way is
to stat each one, so that is made as cheap as it goes from Python: names
relative to an open folder (no path walk), half the stats in a forked child on
another core, and numbers kept as packed arrays so comparing two snapshots is a
comparison of bytes, block by block.

A file changed within the clock tick of the snapshot could change again with
the same mtime (git calls this "racy"); such files are stored with mtime -1,
so the next comparison reads them again. The same rule keeps a folder's mtime
(see the name index's folder stamp): a file added in the folder's last tick
would not move it.
"""

from __future__ import annotations

import os
import time
from array import array
from collections.abc import Callable
from pathlib import Path

from curate.errors import CurateError
from curate.repo import forking

SPLIT_STAT_MIN = 4000  # from this many files in a folder, a second process shares the stats
RACY_NS = 50_000_000  # coarser than the timestamp tick of ext4, xfs, btrfs, tmpfs, APFS
COARSE_RACY_NS = 2_000_000_000  # file systems that keep whole (or even) seconds


def record_names(base: Path) -> list[str] | None:
    """The record file names in a folder, sorted; None when there is no such folder."""
    try:
        listed = os.listdir(base)  # plain names: cheaper than scandir's entries
    except (FileNotFoundError, NotADirectoryError):
        return None
    return sorted([n for n in listed if n.endswith(".yaml") and not n.startswith(".")])


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
        try:
            found = _differing(
                fd, start, span, sizes[8 * start : 8 * stop], mtimes[8 * start : 8 * stop]
            )
        except OSError:
            _stat_part(base, [os.fsdecode(n) for n in span], fd)  # says which file
            raise
        return array("q", found).tobytes()

    out: list[int] = []
    for _span, raw in _in_two(base, count, part, first):
        out.extend(array("q", raw))
    return out


def _differing(fd: int, first: int, names: list[bytes], sizes: bytes, mtimes: bytes) -> list[int]:
    """Positions (from `first`) of the files relative to folder fd whose numbers moved."""
    rows = zip(
        range(first, first + len(names)),
        names,
        array("q", sizes).tolist(),
        array("q", mtimes).tolist(),
        strict=True,
    )
    stat = os.stat
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


def _stat_one(base: Path, name: str, fd: int) -> os.stat_result:
    try:
        return os.stat(name, dir_fd=fd)
    except OSError as exc:
        raise CurateError(f"cannot read: {exc.strerror}", base / name) from None
