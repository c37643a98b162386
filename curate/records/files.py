"""Reading a named file's bytes, never opening what is not a regular file.

A FIFO under data/ (or given to `scan` or `add`) would block its reader for
ever, a device could be endless; a folder or a symlink loop is no record either.
Each is refused with a one-line reason before anything is opened, and the open
itself does not block, so a file swapped for a FIFO in between is refused too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from curate.errors import CurateError

_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file; not read"),
    (stat.S_ISSOCK, "is a socket, not a regular file; not read"),
    (stat.S_ISCHR, "is a character device, not a regular file; not read"),
    (stat.S_ISBLK, "is a block device, not a regular file; not read"),
)


def not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((why for test, why in _KINDS if test(mode)), "is not a regular file; not read")


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a regular file; anything else is a CurateError naming the file."""
    try:
        why = not_regular(os.stat(path).st_mode)
        if why is None:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
            with os.fdopen(fd, "rb") as handle:
                why = not_regular(os.fstat(handle.fileno()).st_mode)
                if why is None:
                    return handle.read()
    except FileNotFoundError:
        why = "is a symlink to nothing" if os.path.lexists(path) else "no such file"
        raise CurateError(why, path) from None
    except OSError as exc:
        raise CurateError(f"cannot read: {exc.strerror or type(exc).__name__}", path) from None
    raise CurateError(why, path)
