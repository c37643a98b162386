"""All-or-nothing batches of file writes, safe against crashes, kills and a second writer.

A batch is staged in `<root>/.curate/txn/<name>/`: every new file's bytes are
written and fsynced there first. Only then is `journal.json` written (itself
atomically), listing where each staged file goes. Then the files are renamed
into place, one atomic rename each, and the folder is removed.

Whoever finds a transaction folder later (any curate command does, first thing,
when it finds the root) decides by the journal alone: no journal means the
batch never committed and the folder is deleted; a journal means it committed
and every rename not yet done is done. Renames are idempotent, so a crash
during recovery is recovered the same way. The repository is therefore always
either as before the batch or exactly as after it, once any command has run.

A lock file serialises writers: a second `curate add` waits for the first.

For tests, `CURATE_TEST_CRASH` names a point of this protocol at which the writer
kills itself (SIGKILL, as `kill -9` would): `staged:N` (after N files of its own
are staged), `journal` (just after the commit point) or `renamed:N` (after N
renames). Tests then kill at a chosen point instead of after a sleep.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from curate.errors import CurateError
from curate.repo import forking

TXN = Path(".curate") / "txn"
LOCK = Path(".curate") / "lock"
JOURNAL = "journal.json"
SYNC_EACH_MAX = 64
SPLIT_MIN = 2000  # from this many files, a second process stages half of them
CRASH_ENV = "CURATE_TEST_CRASH"


def _crash_after(point: str) -> int:
    """After how many steps of `point` the test hook kills this writer; -1: never."""
    name, _, steps = os.environ.get(CRASH_ENV, "").partition(":")
    return int(steps or 0) if name == point else -1


def _crash() -> None:
    import signal

    os.kill(os.getpid(), signal.SIGKILL)


def fsync_dir(path: Path) -> None:
    """Make a rename or a new name in the folder durable (a file's own fsync does not)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_raw(path: str, data: bytes) -> None:
    """A new file's bytes, in three system calls (open() adds a few of its own)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


class Busy(CurateError):
    """Another writer holds the lock."""


@contextmanager
def locked(
    root: Path, timeout: float = 60.0, wait_message: bool = True, required: bool = True
) -> Iterator[None]:
    """Hold the root's writer lock; waits up to `timeout` seconds for another writer.

    A reader that merely wants a steady view (`required=False`) goes on without
    the lock where none can be made: on a read-only checkout nobody writes.
    """
    path = root / LOCK
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+b")  # noqa: SIM115 - held for the whole block
    except (FileExistsError, NotADirectoryError):
        why = "is not a folder; curate keeps its lock, journal and caches there: move it away"
        raise CurateError(why, root / ".curate") from None
    except OSError as exc:
        if required:
            raise CurateError(f"cannot take the writer lock: {exc.strerror}", path) from None
        handle = None
    if handle is None:
        yield
        return
    try:
        deadline = time.monotonic() + timeout
        told = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise Busy(
                        f"another curate command has been writing to this root for over {timeout:g}s "
                        f"(lock {path}); try again later"
                    ) from None
                if wait_message and not told:
                    sys.stderr.write(
                        "curate: waiting for another curate command writing to this root...\n"
                    )
                    told = True
                time.sleep(0.05)
        yield
    finally:
        handle.close()


Content = bytes | Callable[[], bytes]  # the bytes, or how to make them (in a stager)


def commit(root: Path, files: Mapping[Path, Content]) -> None:
    """Write every file or none of them (call while holding `locked(root)`).

    Whatever fails before the commit point (a folder that cannot be written, a
    full disk, Ctrl-C) removes what was staged and says so: a batch reported as
    failed is never completed later.
    """
    if not files:
        return
    _check_writable({target.parent for target in files})
    base = root / TXN
    txn = base / f"{time.time_ns()}-{os.getpid()}"
    try:
        base.mkdir(parents=True, exist_ok=True)
        txn.mkdir()
        _stage(root, txn, list(files.items()))
    except BaseException as exc:
        import shutil  # here, as json: `add --dry-run` and every reader take the lock, no more

        shutil.rmtree(txn, ignore_errors=True)
        if isinstance(exc, OSError):
            raise CurateError(
                f"cannot stage the batch: {exc.strerror} (nothing was changed)", exc.filename or txn
            ) from None
        raise
    if _crash_after("journal") == 0:
        _crash()
    try:
        _roll_forward(root, txn)
    except OSError as exc:
        raise CurateError(
            f"the batch is committed but not all in place ({exc.strerror}); the next curate "
            "command that can write here completes it",
            exc.filename2 or exc.filename,
        ) from None


def _check_writable(folders: Iterable[Path]) -> None:
    """Refuse a batch whose files could not be renamed into place, before staging it."""
    for folder in folders:
        while not folder.is_dir() and folder.parent != folder:
            folder = folder.parent  # created by the roll-forward: its parent must take it
        probe = folder / f".curate-probe-{os.getpid()}"
        try:
            os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            os.unlink(probe)
        except OSError as exc:
            raise CurateError(
                f"cannot write into this folder: {exc.strerror} (nothing was changed)", folder
            ) from None


def _stage(root: Path, txn: Path, items: list[tuple[Path, Content]]) -> None:
    """Every file's bytes into the transaction folder, then the journal: the commit point."""
    many = len(items) > SYNC_EACH_MAX
    split = many and len(items) >= SPLIT_MIN and (os.cpu_count() or 1) > 1 and hasattr(os, "fork")
    # Two staging folders when two processes stage: creations in one folder queue.
    names = [f"{int(split and n >= len(items) // 2)}/{n}.yaml" for n in range(len(items))]
    prefix = f"{root}{os.sep}"
    plan = []
    for name, (target, _data) in zip(names, items, strict=True):
        text = str(target)
        rel = text[len(prefix) :] if text.startswith(prefix) else str(target.relative_to(root))
        plan.append({"staged": name, "target": rel.replace(os.sep, "/")})
    for folder in {name.split("/")[0] for name in names}:
        (txn / folder).mkdir()
    if split:
        _stage_in_two(txn, names, [data for _target, data in items])
    else:
        crash = _crash_after("staged")
        for n, (name, (_target, data)) in enumerate(zip(names, items, strict=True)):
            if n == crash:
                _crash()
            if many:
                _write_raw(f"{txn}{os.sep}{name}", _bytes(data))
            else:
                _write_synced(txn / name, _bytes(data))
    if many:
        os.sync()  # one flush of everything staged costs less than thousands of fsyncs
    for folder in {name.split("/")[0] for name in names}:
        fsync_dir(txn / folder)
    fsync_dir(txn)
    import json

    tmp = txn / f"{JOURNAL}.tmp"
    _write_synced(tmp, json.dumps({"files": plan}).encode())
    os.replace(tmp, txn / JOURNAL)  # the commit point
    fsync_dir(txn)


def _bytes(data: Content) -> bytes:
    return data() if callable(data) else data


def _stage_in_two(txn: Path, names: list[str], contents: list[Content]) -> None:
    """Render and write the staged files, half of them in a forked child.

    Creating a file is mostly kernel work (on some file systems a slow search
    for a free inode), and rendering is CPU: both run on a second core. The
    journal is written only after the child reports success, so a failed or
    killed child leaves an uncommitted batch, which is rolled back.
    """
    half = len(names) // 2
    try:
        pid = forking.fork()
    except OSError:  # no process to spare (a limit on processes): all of it here
        for name, data in zip(names, contents, strict=True):
            _write_raw(f"{txn}{os.sep}{name}", _bytes(data))
        return
    if pid == 0:  # the child: write its half, report by exit status (an errno), no cleanup
        status = 1
        try:
            for n in range(half, len(names)):
                if forking.parent_gone():
                    break  # the command was killed: its batch is rolled back, stop adding to it
                _write_raw(f"{txn}{os.sep}{names[n]}", _bytes(contents[n]))
            else:
                status = 0
        except OSError as exc:
            status = exc.errno if exc.errno and exc.errno < 256 else 1
        finally:
            os._exit(status)
    crash = _crash_after("staged")
    try:
        for n in range(half):
            if n == crash:
                _crash()
            _write_raw(f"{txn}{os.sep}{names[n]}", _bytes(contents[n]))
    finally:
        _pid, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code > 1:  # the child's errno: said as if this process had met it
        raise OSError(code, os.strerror(code), str(txn))
    if code != 0:
        raise CurateError("could not write the batch's files (nothing was changed)", txn)


def _roll_forward(root: Path, txn: Path) -> None:
    import json
    import shutil

    plan = json.loads((txn / JOURNAL).read_text(encoding="utf-8"))["files"]
    targets = [(f"{txn}{os.sep}{e['staged']}", f"{root}{os.sep}{e['target']}") for e in plan]
    folders = {os.path.dirname(target) for _staged, target in targets}
    for folder in folders:
        os.makedirs(folder, exist_ok=True)
    crash = _crash_after("renamed")
    for n, (staged, target) in enumerate(targets):
        if n == crash:
            _crash()
        # Idempotent: a file renamed by an earlier, interrupted roll-forward is gone.
        with contextlib.suppress(FileNotFoundError):
            os.replace(staged, target)
    for folder in folders:
        fsync_dir(Path(folder))
    shutil.rmtree(txn)


def pending(root: Path) -> bool:
    base = root / TXN
    return base.is_dir() and any(base.iterdir())


def recover(root: Path) -> list[str]:
    """Finish committed batches and drop uncommitted ones; returns what was done.

    Where that cannot be done (a read-only checkout) it says so and lets the
    command go on: reading must work where writing does not.
    """
    done: list[str] = []
    try:
        with locked(root, timeout=0.0, wait_message=False):
            done.extend(_recover_all(root))
    except Busy:
        pass  # a live writer holds the lock: its batch is not interrupted, only unfinished
    except CurateError as exc:
        done.append(f"warning: cannot finish interrupted batches: {exc}")
    return done


def _recover_all(root: Path) -> Iterator[str]:
    import shutil

    for txn in sorted((root / TXN).iterdir()):
        if not (txn / JOURNAL).is_file():
            shutil.rmtree(txn, ignore_errors=True)
            yield f"rolled back an interrupted batch ({txn.name})"
            continue
        try:
            _roll_forward(root, txn)
        except OSError as exc:
            yield (
                f"warning: cannot complete an interrupted batch ({txn.name}) yet: "
                f"{exc.filename2 or exc.filename}: {exc.strerror}; answers may miss part of it"
            )
        else:
            yield f"completed an interrupted batch ({txn.name})"
