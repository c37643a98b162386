"""Planning an import: every record checked against the schemas, the repository and
the rest of the batch, before a single byte is written."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from curate.errors import CurateError
from curate.kb.diff import FieldChange, compare_records
from curate.lookup import names
from curate.lookup.index import Index
from curate.records import identifiers, model
from curate.records.ingest import Incoming, normalize_record
from curate.records.model import Kind, Record
from curate.records.validate import Checker, schema_messages
from curate.repo import store


class Planned:
    """Plain classes rather than dataclasses here: `curate add` cannot afford importing inspect."""

    __slots__ = ("changes", "id", "kind", "path", "record", "where")

    def __init__(
        self,
        kind: Kind,
        id: str,
        record: Record,
        where: str,
        changes: list[FieldChange] | None = None,
        path: Path | None = None,
    ) -> None:
        self.kind = kind
        self.id = id
        self.record = record
        self.where = where
        self.changes = [] if changes is None else changes
        self.path = path  # where it is written, as checked when planned

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "id": self.id, "where": self.where}
        if self.changes:
            out["changes"] = [c.as_dict() for c in self.changes]
        return out


class Issue:
    __slots__ = ("id", "message", "where")

    def __init__(self, where: str, message: str, id: str | None = None) -> None:
        self.where = where
        self.message = message
        self.id = id

    def as_dict(self) -> dict[str, Any]:
        return {"where": self.where, "id": self.id, "message": self.message}


class Plan:
    __slots__ = ("conflicts", "created", "errors", "unchanged", "updated")

    def __init__(self) -> None:
        self.created: list[Planned] = []
        self.updated: list[Planned] = []
        self.unchanged: list[Planned] = []
        self.conflicts: list[Issue] = []
        self.errors: list[Issue] = []

    @property
    def ok(self) -> bool:
        return not self.conflicts and not self.errors

    def files(self, root: Path) -> dict[Path, Callable[[], bytes]]:
        """Each file to write, with how to render it (done where it is written)."""
        refs = {kind: store.schema_ref(root, kind) for kind in model.KINDS}  # once, not a file
        return {
            p.path or store.record_path(root, p.kind, p.id): partial(
                _render, p.record, p.kind, refs[p.kind]
            )
            for p in [*self.created, *self.updated]
        }


def _render(record: Record, kind: Kind, ref: str) -> bytes:
    return store.render_record(record, kind, ref=ref).encode("utf-8")


def _text_messages(item: Incoming) -> list[str]:
    """What lint's control-character and empty-name rules would say of this record."""
    out = [message for _key, _index, message in model.unsafe_texts(item.record)]
    aliases = item.record.get("aliases") if item.kind == "compound" else None
    for alias in aliases if isinstance(aliases, list) else []:
        if isinstance(alias, str) and not names.key_of(alias):
            out.append(f"alias {alias!r} names nothing once punctuation and marks are dropped")
    return out


def _merged(stored: Record, incoming: Record, kind: Kind) -> Record:
    """Incoming scalars win; list fields become the union, stored items first."""
    out = dict(stored)
    for key, value in incoming.items():
        old = stored.get(key)
        out[key] = (
            model.uniq([*old, *value])
            if isinstance(value, list) and isinstance(old, list)
            else value
        )
    return model.canonical(out, kind)


def _overlaid(stored: Record, incoming: Record, kind: Kind) -> Record:
    """A partial record's fields over the stored ones. A journal the stored source keeps in
    `publisher` moves to `journal` when the reference names the same journal."""
    out = dict(stored)
    journal = incoming.get("journal")
    if journal and "journal" not in stored and stored.get("publisher") == journal:
        out.pop("publisher")
    out.update(incoming)
    return model.canonical(out, kind)


def _loose(value: object) -> object:
    """A text with every dash made '-' and spaces collapsed: to say a difference is only that."""
    if not isinstance(value, str):
        return value
    return " ".join(unicodedata.normalize("NFKC", value).translate(names.DASHES).split())


def _differing(old: Record, new: Record, given_only: bool = False) -> list[str]:
    """The fields two versions of a record differ in, each noted when only dashes or spacing
    differ (a title pasted with U+2011 hyphens, say)."""
    keys = list(new) if given_only else model.uniq([*old, *new])
    out = []
    for key in keys:
        if old.get(key) != new.get(key):
            loose = _loose(old.get(key)) == _loose(new.get(key))
            out.append(f"{key} (only in dashes or spacing)" if loose else key)
    return out


class Planner:
    def __init__(self, root: Path, index: Index, *, update: bool, merge: bool) -> None:
        self.root, self.index, self.update, self.merge = root, index, update, merge
        self.checkers: dict[Kind, Checker] = {}
        self.plan = Plan()
        self.batch: dict[tuple[Kind, str], Incoming] = {}
        self.names: dict[str, str] = {}

    def run(self, items: list[Incoming], tick: Callable[[], None] | None = None) -> Plan:
        # Partial items update what the batch or the repository holds: whole records first.
        for item in sorted(items, key=lambda i: i.partial):
            self._one(item)
            if tick:
                tick()
        for item in list(self.batch.values()):
            if item.kind == "compound":
                self._links(item)
        return self.plan

    def _error(self, item: Incoming, message: str) -> None:
        self.plan.errors.append(Issue(item.where, message, item.record.get("id")))

    def _one(self, item: Incoming) -> None:
        rid = item.record.get("id")
        try:
            path = store.record_path(self.root, item.kind, rid)
        except CurateError as exc:
            self._error(item, exc.message)
            return
        assert isinstance(rid, str)
        if item.kind == "source" and not ({"title", "summary"} & set(item.record)):
            item.partial = True  # cited by `type / id` alone
        if not item.partial:
            self._check(item, item.record)
        for message in _text_messages(item):  # even in a partial record: never text to keep
            self._error(item, f"{item.kind} {rid}: {message}")
        first = self.batch.get((item.kind, rid))
        if first is not None:
            differ = _differing(first.record, item.record, given_only=item.partial)
            if differ:
                fields = ", ".join(differ)
                self._error(
                    item,
                    f"{item.kind} {rid} is given again, differently in {fields} "
                    f"(first at {first.where})",
                )
            return
        self.batch[(item.kind, rid)] = item
        if item.kind == "compound":
            self._aliases(item, rid)
        self._classify(item, rid, path)

    def _check(self, item: Incoming, record: Record) -> None:
        rid = record.get("id")
        if item.kind not in self.checkers:
            self.checkers[item.kind] = store.schema_checker(self.root, item.kind)
        for message in schema_messages(self.checkers[item.kind], record):
            self._error(item, f"{item.kind} {rid}: {message}")
        if item.kind == "source":
            for found in identifiers.findings(record):
                self._error(item, f"source {rid}: {found.message}")

    def _classify(self, item: Incoming, rid: str, path: Path) -> None:
        stored = self.index.record(item.kind, rid)
        if stored is None:
            if path.exists():
                self.plan.conflicts.append(
                    Issue(
                        item.where,
                        f"{item.kind} {rid}: its file exists but cannot be read; fix it first",
                        rid,
                    )
                )
            elif item.partial:
                self._error(
                    item,
                    f"source {rid} is cited by its type / id alone, but the repository holds no such source",
                )
            else:
                self.plan.created.append(
                    Planned(item.kind, rid, item.record, item.where, path=path)
                )
            return
        stored = normalize_record(stored, item.kind)
        new = item.record
        if item.partial:
            new = _overlaid(stored, item.record, item.kind)
            self._check(item, new)
        if self.merge:
            new = _merged(stored, new, item.kind)
        if new == stored:
            self.plan.unchanged.append(Planned(item.kind, rid, stored, item.where))
        elif self.update or self.merge:
            item.record = new
            self.plan.updated.append(
                Planned(item.kind, rid, new, item.where, compare_records(stored, new, False), path)
            )
        else:
            fields = ", ".join(_differing(stored, new))
            self.plan.conflicts.append(
                Issue(
                    item.where,
                    f"{item.kind} {rid} exists and differs in {fields}; "
                    "--update rewrites it, --merge combines lists",
                    rid,
                )
            )

    def _aliases(self, item: Incoming, rid: str) -> None:
        aliases = item.record.get("aliases")
        for name in [rid, *(aliases if isinstance(aliases, list) else [])]:
            key = names.key_of(str(name))
            if not key:
                continue
            others = sorted(
                {other for _f, other, _n in self.index.names_where("compact", key) if other != rid}
            )
            taken = self.names.setdefault(key, rid)
            if taken != rid:
                others.append(f"{taken} (in this batch)")
            if others:
                self.plan.conflicts.append(
                    Issue(
                        item.where,
                        f"compound {rid}: name '{name}' already names {', '.join(others)}",
                        rid,
                    )
                )

    def _links(self, item: Incoming) -> None:
        linked = item.record.get("sources")
        for sid in linked if isinstance(linked, list) else []:
            if not isinstance(sid, str) or ("source", sid) in self.batch:
                continue
            if self.index.record("source", sid) is None:
                self._error(
                    item,
                    f"compound {item.record.get('id')} links source '{sid}', which is neither in the repository nor in this batch",
                )
