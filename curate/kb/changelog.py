"""The knowledge base's history, one summary per commit, as values.

The walk streams from git; commits are taken in growing batches, each batch's
blobs read with one `cat-file --batch` and compared as `curate diff` compares two
sides, until `-n` commits that changed something are found. A merge counts only
the files whose result differs from every parent (each side's commits count the rest).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from curate.kb import diff, history
from curate.kb.diff import Diff
from curate.kb.history import Query, Trail
from curate.kb.sides import Side
from curate.records import model
from curate.records.model import Kind
from curate.repo import history as githistory
from curate.repo.history import Blobs, Commit, Repo

FIRST_BATCH = 32
LIMITED_BATCH = 25  # git runs ahead by about a pipe's worth of commits meanwhile


@dataclass
class Summary:
    commit: Commit
    diff: Diff | None  # None for a shallow clone's last commit
    notes: list[str] = field(default_factory=list)  # versions that could not be read

    @property
    def meaningful(self) -> bool:
        return self.diff is None or not self.diff.empty or bool(self.notes)

    def alerts(self) -> list[tuple[str, str, str]]:
        """(kind, id, alert) of every changed record."""
        changed = self.diff.changed if self.diff else []
        return [(rc.kind, rc.id, a) for rc in changed for a in rc.alerts]


@dataclass
class KbHistory:
    summaries: list[Summary]  # newest first
    trail: Trail | None  # where history stops, when it stops early


def kb_history(root: Path, query: Query) -> KbHistory:
    repo = Repo(root)
    githistory.check_revisions(repo.top, query.revs)
    folders = {f"{repo.prefix}data/{model.FOLDERS[k]}/": k for k in model.KINDS}
    walk = repo.walk(query.revs, list(folders), query.since, query.until)
    out: list[Summary] = []
    trail = None
    try:
        for batch in _batches(
            walk, lambda: None if query.limit is None else query.limit - len(out)
        ):
            blobs = Blobs(repo.top)
            blobs.fetch(
                {b for c in batch if not c.boundary for e in c.entries for b in (e.old, e.new)}
            )
            for commit in batch:
                summary = _summary(commit, folders, blobs, query)
                if commit.boundary:
                    trail = Trail(
                        "shallow", commit.hash, f"history stops at {commit.short}: a shallow clone"
                    )
                if summary.meaningful or query.all:
                    out.append(summary)
                if query.limit is not None and len(out) >= query.limit:
                    return KbHistory(out, trail)
    finally:
        walk.close()
    return KbHistory(out, trail)


def _batches(commits: Iterator[Commit], need: Callable[[], int | None]) -> Iterator[list[Commit]]:
    """Commits in batches: no more than are still needed (while git streams the next ones),
    else growing ones."""
    size = FIRST_BATCH
    batch: list[Commit] = []
    for commit in commits:
        batch.append(commit)
        wanted = need()
        if len(batch) >= (size if wanted is None else min(wanted, LIMITED_BATCH)):
            yield batch
            batch, size = [], min(size * 2, 1024)
    if batch:
        yield batch


def _kind(path: str, folders: dict[str, Kind]) -> Kind | None:
    if not path.endswith(".yaml"):
        return None
    folder = path[: path.rfind("/") + 1]
    return folders.get(folder)


def _summary(commit: Commit, folders: dict[str, Kind], blobs: Blobs, query: Query) -> Summary:
    if commit.boundary:
        return Summary(commit, None)
    before, after = Side("before"), Side(commit.short)
    notes = []
    for entry in commit.entries:
        kind = _kind(entry.path, folders)
        if kind is None:
            continue
        for snap, blob in ((before, entry.old), (after, entry.new)):
            record = blobs.record(blob, f"{commit.short}:{entry.path}")
            if isinstance(record, str):
                notes.append(record)
            elif record is not None:
                rid = record.get("id")
                snap.records(kind)[rid if isinstance(rid, str) else Path(entry.path).stem] = record
    result = diff.compare(before, after)
    if query.fields:
        kept = [
            history.only_fields(rc, query.fields, after.records(rc.kind).get(rc.id))
            for rc in result.changed
        ]
        result.changed = [rc for rc in kept if rc is not None]
    return Summary(commit, result, notes)
