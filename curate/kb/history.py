"""One record's history by meaning, as values: what each commit changed in it.

The record's file is walked with the files of the sources it links (their types
are its derived `source_types`), every blob is read with one `cat-file --batch`,
and consecutive versions are compared as `curate diff` compares two sides. Where
the file was added, the commit is asked once what it removed: a removed record
with the same id (a moved file) or whose id the new record keeps as an alias (an
id change) continues the trail, older commits of that file following.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from curate.errors import CurateError, NotFound
from curate.kb import diff
from curate.kb.diff import RecordChange
from curate.kb.locate import Located, locate
from curate.kb.sides import Side
from curate.records import model
from curate.records.model import Record
from curate.repo import history as githistory
from curate.repo.history import Blobs, Commit, Entry, Repo

MAX_HOPS = 100


@dataclass
class Query:
    """What `curate log` and `curate blame` were asked for."""

    revs: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    fields: list[str] = field(default_factory=list)
    with_sources: bool = False
    all: bool = False
    limit: int | None = None


@dataclass
class Event:
    """A commit that touched the record (or, with --with-sources, a source it links)."""

    commit: Commit
    path: str  # the record's file (relative to the repository) in this commit
    old_path: str | None = None  # where it was before, when the commit moved it
    changes: list[RecordChange] = field(default_factory=list)
    note: str | None = None  # a version that could not be read
    before: Record | None = None
    after: Record | None = None

    @property
    def meaningful(self) -> bool:
        return bool(self.changes) or self.note is not None

    def record_change(self) -> RecordChange | None:
        return next((c for c in self.changes if c.kind == "compound"), None)


@dataclass
class Trail:
    """Where the followed history ends, and why."""

    reason: str  # created | shallow | range | untracked
    commit: str | None
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"reason": self.reason, "commit": self.commit, "message": self.message}


@dataclass
class RecordHistory:
    id: str
    path: str
    events: list[Event]  # newest first
    trail: Trail
    messages: list[str] = field(default_factory=list)  # for stderr
    file: Path | None = None  # the working tree's file


def record_history(root: Path, name: str, query: Query) -> RecordHistory:
    repo = Repo(root)
    githistory.check_revisions(repo.top, query.revs)
    found = locate(root, name)
    path = repo.prefix + found.path
    blobs = Blobs(repo.top)
    sources = {repo.path("source", s): s for s in found.linked}
    segments, hops, trail = _segments(repo, path, sources, blobs, query)
    if trail.reason == "untracked" and found.id != name and model.valid_id(name):
        # NAME's record now lived elsewhere at the revision asked: try the file of that id.
        retry = _segments(repo, repo.path("compound", name), sources, blobs, query)
        if retry[2].reason != "untracked":
            found = Located(name, f"data/compounds/{name}.yaml", found.linked, found.messages)
            path = repo.prefix + found.path
            segments, hops, trail = retry
    if trail.reason == "untracked" and found.refusal is not None:
        raise NotFound(found.refusal)
    events = _simulate(segments, hops, sources, blobs)
    events.reverse()
    return RecordHistory(found.id, path, events, trail, found.messages, root / found.path)


def _segments(
    repo: Repo, path: str, sources: dict[str, str], blobs: Blobs, query: Query
) -> tuple[list[tuple[str, list[Commit]]], dict[str, Entry], Trail]:
    """The walks of each file the record lived in, newest first, and the moves between."""
    segments: list[tuple[str, list[Commit]]] = []
    hops: dict[str, Entry] = {}  # commit -> the old file's entry (its removal)
    revs, current = list(query.revs), path
    for _ in range(MAX_HOPS):
        commits = _walk(repo, revs, current, sources, blobs, query)
        touching = [c for c in commits if c.entry(current)]
        if not touching:
            if segments:
                return segments, hops, _range_end(None, query)
            return [], hops, Trail("untracked", None, f"no commit in the range changes {path}")
        # Commits older than its first version, reached through the sources' files, are not
        # the record's.
        segments.append((current, commits[: commits.index(touching[-1]) + 1]))
        step = _move_or_end(repo, touching, current, blobs, query)
        if isinstance(step, Trail):
            return segments, hops, step
        commit, found = step
        hops[commit.hash] = found
        # Commits older than the move come again with the old file (and win there); the
        # rest stay, such as a branch's that only touch the sources.
        segments[-1] = (current, commits)
        revs = [f"{commit.hash}^@", *_negatives(query.revs)]
        current = found.path
    raise CurateError(f"{path}: more than {MAX_HOPS} renames; stopped following")


def _move_or_end(
    repo: Repo, touching: list[Commit], current: str, blobs: Blobs, query: Query
) -> tuple[Commit, Entry] | Trail:
    """The newest commit that brought the record to this file with the old file's entry,
    or why the trail ends."""
    removed: list[str] = []
    for commit in touching:
        entry = commit.entry(current)
        if entry is None or entry.old is not None:
            continue
        if commit.boundary:
            message = f"history stops at {commit.short}: a shallow clone (git fetch --unshallow)"
            return Trail("shallow", commit.hash, message)
        found, removed = _predecessor(repo, commit, entry, blobs)
        if found is not None:
            return commit, found
    oldest = touching[-1]
    first = oldest.entry(current)
    if first is not None and first.old is not None:  # older commits are outside the walk
        return _range_end(oldest, query)
    return _created(oldest, removed)


def _walk(
    repo: Repo, revs: list[str], path: str, sources: dict[str, str], blobs: Blobs, query: Query
) -> list[Commit]:
    """One walk of the file and its sources' files; again if history links more sources."""
    for _attempt in range(2):
        commits = list(repo.walk(revs, [path, *sources], query.since, query.until))
        # Every blob at once (the sources' too): one `cat-file` for the walk.
        blobs.fetch({b for c in commits for e in c.entries for b in (e.old, e.new, *e.parents)})
        versions = [b for c in commits for e in c.entries if e.path == path for b in (e.old, e.new)]
        more = {
            repo.path("source", s): s
            for blob in versions
            if isinstance(record := blobs.record(blob, path), dict)
            for s in record.get("sources") or []
            if model.valid_id(s) and repo.path("source", s) not in sources
        }
        if not more:
            break
        sources.update(more)
    return commits


def _negatives(revs: list[str]) -> list[str]:
    """The commits a range excludes, to keep excluding them after a move."""
    out = [r for r in revs if r.startswith("^")]
    out += [f"^{r.split('..')[0] or 'HEAD'}" for r in revs if ".." in r and "..." not in r]
    return out


def _range_end(oldest: Commit | None, query: Query) -> Trail:
    limits = [*query.revs, *([f"--since={query.since}"] if query.since else [])]
    where = f" ({', '.join(limits)})" if limits else ""
    message = f"older history is outside the range{where}"
    return Trail("range", oldest.hash if oldest else None, message)


def _created(commit: Commit, removed: list[str]) -> Trail:
    message = f"created in {commit.short}"
    if removed:
        message += (
            f"; removed in the same commit: {', '.join(removed)} (not followed: the new"
            " record keeps neither id as an alias)"
        )
    return Trail("created", commit.hash, message)


def _predecessor(
    repo: Repo, commit: Commit, added: Entry, blobs: Blobs
) -> tuple[Entry | None, list[str]]:
    """The removed file this commit's added record continues, and the ids removed."""
    folder = f"{repo.prefix}data/compounds"
    gone = [
        e
        for e in githistory.removed_entries(repo.top, commit, [folder])
        if e.new is None and e.old is not None and e.path.endswith(".yaml")
    ]
    if not gone:
        return None, []
    blobs.fetch({added.new, *(e.old for e in gone)})
    new = blobs.record(added.new, added.path)
    names = set()
    if isinstance(new, dict):
        names = {new.get("id"), *(new.get("aliases") or [])}
    removed = []
    for entry in gone:
        old = blobs.record(entry.old, entry.path)
        old_id = old.get("id") if isinstance(old, dict) else Path(entry.path).stem
        if old_id in names:
            return entry, []
        removed.append(str(old_id))
    return None, removed


def _simulate(
    segments: list[tuple[str, list[Commit]]],
    hops: dict[str, Entry],
    sources: dict[str, str],
    blobs: Blobs,
) -> list[Event]:
    """Events oldest first, the linked sources' state carried from commit to commit."""
    timeline: list[tuple[str, Commit]] = []
    seen: set[str] = set()
    for path, commits in reversed(segments):
        timeline += [(path, c) for c in reversed(commits) if c.hash not in seen]
        seen.update(c.hash for c in commits)
    blobs.fetch(
        {b for _, c in timeline for e in c.entries for b in (e.old, e.new, *e.parents)}
        | {h.old for h in hops.values()}
    )
    state: dict[str, Record] = {}
    current: Record | None = None
    events = []
    for path, commit in timeline:
        entry = commit.entry(path)
        hop = hops.get(commit.hash)
        event = Event(commit, path, hop.path if hop else None)
        before_sources, after_sources = _sources(commit, sources, state, blobs)
        old: Record | str | None = current
        new: Record | str | None = current
        if entry is not None:
            old = blobs.record(hop.old if hop else entry.old, hop.path if hop else path)
            new = blobs.record(entry.new, f"{commit.short}:{path}")
        if isinstance(old, str):
            old = current
        if isinstance(new, str):
            event.note, new = new, current
        event.before, event.after = old, new
        if not commit.boundary:
            event.changes = _changes(old, new, before_sources, after_sources)
            if entry is not None and entry.parents:
                _keep_merge_news(event, entry, blobs)
        current = new
        state = after_sources
        events.append(event)
    return events


def _sources(
    commit: Commit, sources: dict[str, str], state: dict[str, Record], blobs: Blobs
) -> tuple[dict[str, Record], dict[str, Record]]:
    before, after = dict(state), dict(state)
    for entry in commit.entries:
        sid = sources.get(entry.path)
        if sid is None:
            continue
        for side, blob in ((before, entry.old), (after, entry.new)):
            record = blobs.record(blob, f"{commit.short}:{entry.path}")
            if isinstance(record, dict):
                side[sid] = record
            elif record is None:
                side.pop(sid, None)
    return before, after


def _changes(
    old: Record | None,
    new: Record | None,
    before_sources: dict[str, Record],
    after_sources: dict[str, Record],
) -> list[RecordChange]:
    """The record's change (the id it has after the commit, so an id change is a field
    change) and its linked sources' changes."""
    key = str((new or old or {}).get("id", ""))
    before = Side("", {key: old} if old is not None else {}, before_sources)
    after = Side("", {key: new} if new is not None else {}, after_sources)
    result = diff.compare(before, after)
    linked = {s for r in (old, new) if r for s in r.get("sources") or []}
    return [
        rc
        for rc in (*result.added, *result.removed, *result.changed)
        if rc.kind == "compound" or rc.id in linked
    ]


def _keep_merge_news(event: Event, entry: Entry, blobs: Blobs) -> None:
    """A merge shows only what differs from every parent: each side's own commits show the rest."""
    parents = [blobs.record(b, entry.path) for b in entry.parents]
    rc = event.record_change()
    if rc is None or rc.change != "changed" or event.after is None:
        return
    after = event.after
    rc.fields = [
        f
        for f in rc.fields
        if all(not isinstance(p, dict) or p.get(f.field) != after.get(f.field) for p in parents)
    ]
    rc.derived = []
    rc.alerts = diff.alerts_for(rc.kind, rc.fields, after)
    if not rc.fields:
        event.changes.remove(rc)


def shown(history: RecordHistory, query: Query) -> list[Event]:
    """The events `curate log` prints: filtered by field and sources, meaning-free ones
    only with --all (the caller cuts them to -n)."""
    out = []
    for event in history.events:
        changes = [only_fields(rc, query.fields, event.after) for rc in event.changes]
        kept = [
            rc for rc in changes if rc is not None and (query.with_sources or rc.kind == "compound")
        ]
        filtered = dataclasses.replace(event, changes=kept)
        if filtered.meaningful or query.all:
            out.append(filtered)
    return out


def only_fields(rc: RecordChange, fields: list[str], after: Record | None) -> RecordChange | None:
    """The change cut down to FIELDS (None when nothing is left); an added or removed
    record sets or unsets every field, and stays."""
    if not fields or rc.change != "changed":
        return rc
    kept = [f for f in rc.fields if f.field in fields]
    derived = [f for f in rc.derived if f.field in fields]
    if not kept and not derived:
        return None
    alerts = diff.alerts_for(rc.kind, kept, after or {})
    return RecordChange(rc.kind, rc.id, rc.change, rc.record, kept, derived, alerts)
