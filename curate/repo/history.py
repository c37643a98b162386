"""The commits that touched some paths, read with one `git log` walk: never a checkout.

`git log --raw -z -c` names, for every commit, the blob each path had before and
after it (for a merge, only the paths whose result differs from every parent, with
each parent's blob); `gitio.read_objects` then fetches all the blobs with a single
`cat-file --batch`. The walk streams, so a caller that wants the newest few commits
stops it early instead of reading the whole history.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from curate.errors import CurateError
from curate.records import model, yamltext
from curate.records.model import Record
from curate.repo import gitio, store
from curate.repo.gitio import NO_BLOB

# Fields of the header of each commit, NUL-separated; a record separator starts it.
HEADER = "%x1e%H%x00%P%x00%an%x00%ae%x00%aI%x00%s%x00"
HEADER_FIELDS = 6


@dataclass(frozen=True)
class Entry:
    """One path in one commit: its blob in the first parent (`old`), in each parent
    (`parents`, more than one only for a merge) and after the commit (`new`)."""

    path: str
    old: str | None
    new: str | None
    parents: tuple[str | None, ...] = ()


@dataclass
class Commit:
    hash: str
    parents: list[str]
    author: str
    email: str
    date: str  # ISO 8601 with the author's offset
    subject: str
    entries: list[Entry] = field(default_factory=list)
    boundary: bool = False  # a shallow clone's last commit: its "additions" are not news

    @property
    def short(self) -> str:
        return self.hash[:7]

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1

    def entry(self, path: str) -> Entry | None:
        return next((e for e in self.entries if e.path == path), None)

    def as_dict(self) -> dict[str, object]:
        return {
            "commit": self.hash,
            "short": self.short,
            "parents": self.parents,
            "date": self.date,
            "author": {"name": self.author, "email": self.email},
            "subject": self.subject,
        }


def _blob(value: str) -> str | None:
    return None if value == NO_BLOB else value


def _entries(raw: str) -> list[Entry]:
    """Entries of `--raw -z` output: `:modes blobs status NUL path NUL`, `::` for a merge."""
    tokens = raw.split("\0")
    out: list[Entry] = []
    at = 0
    while at < len(tokens) - 1:
        meta = tokens[at].lstrip("\n")
        at += 1
        if not meta.startswith(":"):
            continue
        path = tokens[at]
        at += 1
        parts = meta.split()
        n = len(meta) - len(meta.lstrip(":"))  # number of parents
        blobs = [_blob(b) for b in parts[n + 1 : 2 * n + 2]]
        if len(blobs) != n + 1:
            continue
        parents = tuple(blobs[:n])
        out.append(Entry(path, parents[0], blobs[n], parents if n > 1 else ()))
    return out


def _commit(chunk: str, shallow: frozenset[str]) -> Commit | None:
    head = chunk.split("\0", HEADER_FIELDS)
    if len(head) <= HEADER_FIELDS:
        return None
    sha, parents, author, email, date, subject, raw = head
    return Commit(sha, parents.split(), author, email, date, subject, _entries(raw), sha in shallow)


def _shallow(top: Path, is_shallow: str, shallow_file: str) -> frozenset[str]:
    """The commits where a shallow clone's history stops (none in a full clone)."""
    if is_shallow != "true":
        return frozenset()
    path = Path(shallow_file)
    path = path if path.is_absolute() else top / path
    try:
        return frozenset(path.read_text().split())
    except OSError:
        return frozenset()


def check_revisions(top: Path, revs: list[str]) -> None:
    """A one-line error for a revision (or either end of a range) that does not exist."""
    for spec in revs:
        ends = spec.replace("...", "..").split("..") if ".." in spec else [spec]
        for end in ends:
            name = end.lstrip("^") or "HEAD"
            if name.startswith("-") or not gitio.is_revision(top, name):
                raise CurateError(f"unknown revision {end!r}")


def whole_day(date: str, *, end: bool) -> str:
    """A bare date (2026-05-30) as the start or the end of that day.

    git reads a date without a time as that day at the current time of day, so
    `--since 2026-05-30` would leave out that morning's commits after noon and keep
    them before: a curator means the whole day, whenever they ask.
    """
    day = date.strip()
    if len(day) == 10 and day[4] == day[7] == "-" and (day[:4] + day[5:7] + day[8:]).isdigit():
        return f"{day} {'23:59:59' if end else '00:00:00'}"
    return date


def walk(
    top: Path,
    revs: list[str],
    paths: list[str],
    since: str | None = None,
    until: str | None = None,
    shallow: frozenset[str] = frozenset(),
) -> Generator[Commit, None, None]:
    """The commits among REVS that change PATHS, newest first, as git streams them.

    Closing the iterator early ends the walk (git is stopped, not waited for).
    """
    args = ["git", "-C", str(top), "log", "--raw", "-z", "-c", "--no-abbrev", "--no-renames"]
    args += [f"--format={HEADER}", "--encoding=UTF-8"]
    args += [f"--since={whole_day(since, end=False)}"] if since else []
    args += [f"--until={whole_day(until, end=True)}"] if until else []
    args += [*(revs or ["HEAD"]), "--", *paths]
    try:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except FileNotFoundError:
        raise CurateError("git is not installed") from None
    assert proc.stdout is not None and proc.stderr is not None
    finished = False
    try:
        pending = b""
        while block := os.read(proc.stdout.fileno(), 1 << 16):
            pending += block
            *chunks, pending = pending.split(b"\x1e")
            yield from _parsed(chunks, shallow)
        yield from _parsed([pending], shallow)
        finished = True
    finally:
        if not finished:
            proc.kill()
        proc.stdout.close()
        message = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
        proc.stderr.close()
        if proc.wait() != 0 and finished:
            last = message[-1] if message else "failed"
            if "does not have any commits yet" in last or (not revs and "'HEAD'" in last):
                raise CurateError(f"{top} has no commits yet")
            raise CurateError(f"git log: {last}")


def _parsed(chunks: list[bytes], shallow: frozenset[str]) -> Iterator[Commit]:
    for chunk in chunks:
        if chunk:
            commit = _commit(chunk.decode("utf-8", "replace"), shallow)
            if commit is not None:
                yield commit


def removed_entries(top: Path, commit: Commit, paths: list[str]) -> list[Entry]:
    """The files under PATHS one commit removed (for following a record to its old file)."""
    if not commit.parents:
        return []
    out = gitio.git(
        top, "diff-tree", "-r", "--raw", "-z", "-c", "--no-abbrev", "--no-renames",
        "--diff-filter=D", "--no-commit-id", commit.hash, "--", *paths,
    )  # fmt: skip
    return _entries(out.decode("utf-8", "replace"))


class Repo:
    """The git repository holding a curation root, and the root's data folder in it."""

    def __init__(self, root: Path) -> None:
        try:  # one process for the three questions
            out = gitio.git(root, "rev-parse", "--show-toplevel", "--is-shallow-repository",
                            "--git-path", "shallow").decode()  # fmt: skip
        except CurateError:
            raise CurateError(f"{root} is not inside a git repository") from None
        top, is_shallow, shallow_file = out.splitlines()[:3]
        self.root, self.top = root, Path(top)
        self.shallow = _shallow(root, is_shallow, shallow_file)
        prefix = root.resolve().relative_to(self.top.resolve()).as_posix()
        self.prefix = "" if prefix == "." else f"{prefix}/"

    def walk(
        self, revs: list[str], paths: list[str], since: str | None, until: str | None
    ) -> Generator[Commit, None, None]:
        return walk(self.top, revs, paths, since, until, self.shallow)

    def path(self, kind: model.Kind, rid: str) -> str:
        return f"{self.prefix}data/{model.FOLDERS[kind]}/{rid}.yaml"


class Blobs:
    """Records parsed from blobs, each parsed once; an unreadable blob is a note."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self.raw: dict[str, bytes] = {}
        self.parsed: dict[str, Record | str] = {}

    def fetch(self, ids: set[str | None]) -> None:
        wanted = [i for i in ids if i and i not in self.raw]
        self.raw.update(gitio.read_objects(self.top, wanted))

    def record(self, blob: str | None, where: str) -> Record | str | None:
        """The record, None for no blob, or the reason it cannot be read."""
        if blob is None:
            return None
        if blob not in self.parsed:
            try:
                text = self.raw[blob].decode("utf-8")
                canonical = yamltext.load_canonical(text)
                self.parsed[blob] = canonical or store.parse_record(text, where)
            except UnicodeDecodeError:
                self.parsed[blob] = f"{where}: not UTF-8"
            except CurateError as exc:
                self.parsed[blob] = str(exc)
            except KeyError:
                self.parsed[blob] = f"{where}: blob {blob[:7]} is missing"
        return self.parsed[blob]
