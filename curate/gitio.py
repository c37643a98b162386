"""Reading a git revision without checking it out: git's own plumbing, nothing else."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from curate.errors import CurateError


def git(root: Path, *args: str, input: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], input=input, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise CurateError("git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CurateError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


def toplevel(root: Path) -> Path | None:
    try:
        return Path(git(root, "rev-parse", "--show-toplevel").decode().strip())
    except CurateError:
        return None


def is_revision(root: Path, rev: str) -> bool:
    if rev.startswith("-") or toplevel(root) is None:
        return False
    try:
        git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except CurateError:
        return False
    return True


def changed_paths(root: Path, old: str, new: str | None, pathspec: str) -> list[str]:
    """Top-level-relative paths that differ between two revisions, or a revision and the work tree."""
    args = [
        "diff",
        "--name-only",
        "-z",
        "--no-renames",
        old,
        *([new] if new else []),
        "--",
        pathspec,
    ]
    names = [n for n in git(root, *args).decode("utf-8").split("\0") if n]
    if new is None:
        untracked = git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", pathspec)
        names += [n for n in untracked.decode("utf-8").split("\0") if n]
    return names


def list_files(root: Path, rev: str, pathspec: str) -> list[str]:
    out = git(root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", rev, "--", pathspec)
    return [n for n in out.decode("utf-8").split("\0") if n]


def read_blobs(root: Path, rev: str, paths: Iterable[str]) -> dict[str, bytes | None]:
    """Contents of many files at one revision with a single `git cat-file --batch`."""
    wanted = list(dict.fromkeys(paths))
    if not wanted:
        return {}
    request = "".join(f"{rev}:{p}\n" for p in wanted).encode("utf-8")
    out = git(root, "cat-file", "--batch", input=request)
    found: dict[str, bytes | None] = {}
    pos = 0
    for path in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 2 and header[1] == b"missing":
            found[path] = None
            continue
        size = int(header[2])
        found[path] = out[pos : pos + size]
        pos += size + 1
    return found
