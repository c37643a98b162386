"""Helpers forked by a command hold none of its files, and notice when it is gone."""

from __future__ import annotations

import os
from pathlib import Path

from curate.repo import forking


def test_a_helper_keeps_only_what_it_is_given(tmp_path: Path) -> None:
    lock = os.open(tmp_path / "lock", os.O_CREAT | os.O_RDWR)
    kept = os.open(tmp_path / "kept", os.O_CREAT | os.O_RDWR)
    try:
        pid = forking.fork(keep=(kept,))
        if pid == 0:
            code = 0
            try:
                os.fstat(kept)
                try:
                    os.fstat(lock)
                    code = 3  # the lock was inherited: wrong
                except OSError:
                    pass
                code = code or (4 if forking.parent_gone() else 0)
            except BaseException:
                code = 5
            os._exit(code)
        _pid, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert not forking.parent_gone()  # not a helper itself
    finally:
        os.close(lock)
        os.close(kept)
