"""Standard output that refuses the result: closed, full, or a reader that stops early.

A command that cannot write its result fails with one line (exit 2); a reader that
goes away (`| head -1`) gets silence and the command ends as SIGPIPE would end it.
Real processes, since what is tested is what the interpreter does with fd 1.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ENV, FIXTURES

CURATE = [sys.executable, "-m", "curate"]
ARTICLE = str(FIXTURES / "articles" / "seed_002_leucine_autophagy.txt")
CLOSED = "cannot write to standard output: it is closed"


def env() -> dict[str, str]:
    return {**os.environ, **ENV, "CURATE_DEBUG": ""}


def closed_stdout(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`curate ARGS >&-`, as a shell runs it."""
    script = 'exec "$@" >&-'
    command = ["sh", "-c", script, "sh", *CURATE, "--root", str(root), *args]
    return subprocess.run(command, capture_output=False, stderr=subprocess.PIPE, text=True,
                          env=env(), check=False)  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ["show", "IGF-1"],
        ["search", "leucine"],
        ["search", "--status", "approved", "-f", "json"],
        ["scan", ARTICLE],
        ["resolve", "IGF-1"],
        ["lint", "-f", "json"],
        ["export"],
        ["--help"],
    ],
)
def test_closed_stdout_is_one_line_and_exit_2(root: Path, args: list[str]) -> None:
    done = closed_stdout(root, *args)
    assert (done.returncode, done.stderr) == (2, f"curate: error: {CLOSED}\n")


def test_a_command_with_nothing_for_stdout_does_not_need_it(root: Path) -> None:
    done = closed_stdout(root, "lint")
    files = len(list((root / "data").glob("*/*.yaml")))
    assert (done.returncode, done.stderr) == (
        0,
        f"0 error(s), 0 warning(s) in 0 of {files} file(s)\n",
    )


@pytest.mark.parametrize("args", [["show", "IGF-1"], ["export"], ["lint", "-f", "sarif"]])
def test_a_full_disk_is_one_line_and_exit_2(root: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([*CURATE, "--root", str(root), *args], stdout=full,
                              stderr=subprocess.PIPE, text=True, env=env(), check=False)  # fmt: skip
    assert done.returncode == 2
    assert (
        done.stderr == "curate: error: cannot write to standard output: No space left on device\n"
    )


@pytest.mark.parametrize(
    "args", [["export"], ["scan", ARTICLE], ["show", "IGF-1", "-f", "json"], ["--help"]]
)
def test_a_reader_gone_before_the_first_write_gets_silence(root: Path, args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has stopped before anything is written: EPIPE at once
    try:
        done = subprocess.run([*CURATE, "--root", str(root), *args], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, env=env(), check=False)  # fmt: skip
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (128 + 13, "")


@pytest.mark.parametrize("args", [["export"], ["scan", ARTICLE, ARTICLE, ARTICLE]])
def test_head_1_gets_its_line_and_nothing_else(root: Path, args: list[str]) -> None:
    """As `curate export | head -1`: whether the reader stops before or after the last write."""
    command = " ".join([*CURATE, "--root", str(root), *args])
    script = f'{command} | head -1; echo "status ${{PIPESTATUS[0]}}" >&2'
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env(),
                          check=False)  # fmt: skip
    assert len(done.stdout.splitlines()) == 1 and done.stdout.strip()
    assert done.stderr in ("status 0\n", "status 141\n")
