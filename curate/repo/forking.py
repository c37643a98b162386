"""A forked helper process that shares the work of a command and nothing else.

A child made here closes every file it inherited (but those it is told to keep):
above all the writer lock of `curate add`, which must go when its holder dies,
so that the next command can recover an interrupted batch at once. Helpers
that run long check `parent_gone()` as they go and stop when the command that
forked them was killed.
"""

from __future__ import annotations

import os

_FD_LIMIT = 1 << 20
_PARENT: int | None = None  # in a helper: the pid of the command that forked it


def fork(keep: tuple[int, ...] = ()) -> int:
    """os.fork(); in the child, every inherited descriptor from 3 up but `keep` is closed."""
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        global _PARENT
        _PARENT = parent
        low = 3
        for fd in sorted(k for k in keep if k >= 3):
            os.closerange(low, fd)
            low = fd + 1
        os.closerange(low, _FD_LIMIT)
    return pid


def parent_gone() -> bool:
    """In a helper: whether the process that forked it has died (it was re-parented)."""
    return _PARENT is not None and os.getppid() != _PARENT
