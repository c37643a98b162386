"""Reading a git revision without checking it out: git's own plumbing, nothing else."""

from __future__ import annotations

import subprocess
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


NO_BLOB = "0" * 40


def changed_blobs(
    root: Path, old: str, new: str | None, pathspec: str
) -> list[tuple[str, str | None, str | None]]:
    """(path, old blob, new blob) of files that differ; a blob is None where the file is
    absent, or (for the working tree) where it must be read from disk.

    `git diff --raw` names both blobs, so no path is ever looked up in a tree: such
    lookups scan the tree and cost a millisecond each in a 30,000-file folder.
    """
    args = [
        "diff",
        "--raw",
        "-z",
        "--no-renames",
        "--abbrev=40",
        old,
        *([new] if new else []),
        "--",
        pathspec,
    ]
    tokens = git(root, *args).decode("utf-8").split("\0")
    out: list[tuple[str, str | None, str | None]] = []
    for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
        fields = meta.split()
        if len(fields) < 5:
            continue
        before, after = fields[2], fields[3]
        out.append(
            (path, None if before == NO_BLOB else before, None if after == NO_BLOB else after)
        )
    if new is None:
        untracked = git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", pathspec)
        out += [(p, None, None) for p in untracked.decode("utf-8").split("\0") if p]
    return out


def blob_ids(root: Path, rev: str, paths: list[str]) -> dict[str, str]:
    """Blob ids of these paths at a revision, with one `ls-tree` per thousand paths."""
    found: dict[str, str] = {}
    for start in range(0, len(paths), 1000):
        chunk = paths[start : start + 1000]
        out = git(root, "ls-tree", "-z", "--full-tree", rev, "--", *chunk).decode("utf-8")
        for entry in filter(None, out.split("\0")):
            meta, path = entry.split("\t", 1)
            found[path] = meta.split()[2]
    return found


def list_files(root: Path, rev: str, pathspec: str) -> list[str]:
    out = git(root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", rev, "--", pathspec)
    return [n for n in out.decode("utf-8").split("\0") if n]


def read_objects(root: Path, ids: list[str]) -> dict[str, bytes]:
    """Contents of many blobs by id with a single `git cat-file --batch`."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    out = git(root, "cat-file", "--batch", input="".join(f"{i}\n" for i in wanted).encode())
    found: dict[str, bytes] = {}
    pos = 0
    for object_id in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3:
            size = int(header[2])
            found[object_id] = out[pos : pos + size]
            pos += size + 1
    return found


def staged_deletions(folder: Path) -> list[Path]:
    """Files the commit being made removes (pre-commit passes no names for them)."""
    top = toplevel(folder)
    if top is None:
        return []
    names = git(top, "diff", "--cached", "--name-only", "--diff-filter=D", "-z").decode()
    return [top / name for name in names.split("\0") if name]
