"""The two sides of `curate diff`: record files, cards, curation roots or git revisions.

Each side is read into a Side: compounds and sources by id. Between two revisions
(or a revision and the working tree) only the files git says changed are read,
plus the sources that the changed compounds link, since a compound's derived
source types depend on them.
"""

from __future__ import annotations

from pathlib import Path

from curate.errors import CurateError
from curate.kb.knowledge import KnowledgeBase
from curate.records import cards, model
from curate.records.model import Kind, Record
from curate.repo import store

# gitio (and subprocess) are imported where a revision is read: comparing two files needs neither.


class Side:
    """Plain class rather than a dataclass: `curate diff` cannot afford importing inspect."""

    def __init__(
        self,
        label: str,
        compounds: dict[str, Record] | None = None,
        sources: dict[str, Record] | None = None,
    ) -> None:
        self.label = label
        self.compounds: dict[str, Record] = compounds if compounds is not None else {}
        self.sources: dict[str, Record] = sources if sources is not None else {}

    def records(self, kind: Kind) -> dict[str, Record]:
        return self.compounds if kind == "compound" else self.sources


def _kind_of(path: Path | str, record: Record) -> Kind:
    parts = Path(path).parts
    if "sources" in parts[-2:-1]:
        return "source"
    if "compounds" in parts[-2:-1]:
        return "compound"
    return "source" if "title" in record and "status" not in record else "compound"


def from_file(path: Path) -> Side:
    snap = Side(str(path))
    if path.suffix in (".txt", ".card"):
        text = store.read_text(path)
        for line, chunk in cards.split_cards(text):
            card = cards.parse_card(chunk, line)
            if card.issues:
                issue = card.issues[0]
                raise CurateError(issue.message, path, issue.line)
            snap.compounds[str(card.compound["id"])] = card.compound
            snap.sources.update((str(s["id"]), s) for s in card.sources)
        return snap
    record = store.load_record(path)
    rid = record.get("id")
    if not isinstance(rid, str):
        raise CurateError("record has no id", path)
    snap.records(_kind_of(path, record))[rid] = record
    return snap


def from_root(root: Path) -> Side:
    kb = KnowledgeBase.load(root)
    if kb.errors:
        raise kb.errors[0]
    return Side(str(root), kb.compounds, kb.sources)


def _add(snap: Side, path: str, raw: bytes | None, where: str) -> None:
    if raw is None:
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CurateError("not UTF-8", where) from None
    record = store.parse_record(text, where)
    rid = record.get("id")
    snap.records(_kind_of(path, record))[rid if isinstance(rid, str) else Path(path).stem] = record


class GitPair:
    """Two sides of which at least one is a revision of the repository holding the root."""

    def __init__(self, root: Path, old: str, new: str | None) -> None:
        from curate.repo import gitio

        top = gitio.toplevel(root)
        if top is None:
            raise CurateError(f"{root} is not inside a git repository")
        self.root, self.top, self.old, self.new = root, top, old, new
        prefix = root.resolve().relative_to(top.resolve()).as_posix()
        self.data = "data" if prefix == "." else f"{prefix}/data"

    def read(
        self, side: str | None, paths: list[str], blobs: dict[str, str | None] | None = None
    ) -> Side:
        """Records at these paths on one side; blob ids, where known, save a tree lookup."""
        from curate.repo import gitio

        snap = Side(side or "working tree")
        if side is None:
            for path in paths:
                full = self.top / path
                _add(snap, path, full.read_bytes() if full.is_file() else None, str(full))
            return snap
        ids = dict(blobs) if blobs is not None else dict(gitio.blob_ids(self.top, side, paths))
        contents = gitio.read_objects(self.top, [i for i in ids.values() if i])
        for path in paths:
            blob = ids.get(path)
            _add(snap, path, contents.get(blob) if blob else None, f"{side}:{path}")
        return snap

    def snapshots(self) -> tuple[Side, Side]:
        from curate.repo import gitio

        entries = [
            e
            for e in gitio.changed_blobs(self.top, self.old, self.new, self.data)
            if e[0].endswith(".yaml")
        ]
        changed = [path for path, _, _ in entries]
        old = self.read(self.old, changed, {p: a for p, a, _ in entries})
        new = self.read(self.new, changed, {p: b for p, _, b in entries} if self.new else None)
        # Sources linked by changed compounds are needed on both sides for derived fields.
        linked = {
            s
            for snap in (old, new)
            for c in snap.compounds.values()
            for s in c.get("sources") or []
        }
        extra = [
            f"{self.data}/sources/{s}.yaml"
            for s in sorted(linked)
            if isinstance(s, str) and model.valid_id(s)
        ]
        extra = [p for p in extra if p not in set(changed)]
        for side, snap in ((self.old, old), (self.new, new)):
            for sid, record in self.read(side, extra).sources.items():
                snap.sources.setdefault(sid, record)
        return old, new


def resolve_sides(root: Path | None, old: str, new: str | None) -> tuple[Side, Side]:
    """The sides OLD and NEW (NEW absent: the working tree of the root)."""
    specs = [old] if new is None else [old, new]
    kinds = [_spec_kind(root, spec) for spec in specs]
    if "rev" in kinds:
        if root is None:
            raise CurateError("git revisions need a curation root inside a git repository")
        if new is None or kinds == ["rev", "rev"]:
            return GitPair(root, old, new).snapshots()
        if kinds[1] == "root" and Path(new).resolve() == root.resolve():
            return GitPair(root, old, None).snapshots()
        return (_snapshot(root, old, kinds[0]), _snapshot(root, new, kinds[1]))
    if new is None:
        raise CurateError(
            f"{old}: one argument must be a git revision (to compare with the working tree)"
        )
    return _snapshot(root, old, kinds[0]), _snapshot(root, new, kinds[1])


def _spec_kind(root: Path | None, spec: str) -> str:
    path = Path(spec)
    if path.is_dir():
        if not store.is_root(path):
            raise CurateError("folder is not a curation root (no data/compounds/)", path)
        return "root"
    if path.is_file():
        return "file"
    from curate.repo import gitio

    if root is not None and gitio.is_revision(root, spec):
        return "rev"
    raise CurateError(f"{spec!r} is not a record file, card, curation root or git revision")


def _snapshot(root: Path | None, spec: str, kind: str) -> Side:
    if kind == "root":
        return from_root(Path(spec))
    if kind == "file":
        return from_file(Path(spec))
    from curate.repo import gitio

    assert root is not None
    pair = GitPair(root, spec, spec)
    top = pair.top
    paths = [p for p in gitio.list_files(top, spec, pair.data) if p.endswith(".yaml")]
    return pair.read(spec, paths)
