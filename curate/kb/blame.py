"""Who last set each field of a record, and each item of its lists, by meaning.

Credits follow the record's history oldest first: a commit takes the credit for a
value when it made the field hold that value (or added that list item), so a
reformatted or reordered file takes none. A value the record had before its
history was cut (a shallow clone) is credited to the commit where history stops,
marked as a boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curate.errors import CurateError, NotFound
from curate.kb import history
from curate.kb.diff import item_key
from curate.kb.history import Event, Query, RecordHistory, Trail
from curate.records import model
from curate.records.model import Record
from curate.repo import store
from curate.repo.history import Commit


@dataclass(frozen=True)
class Credit:
    commit: Commit | None
    boundary: bool = False  # history stops here: the value may be older

    def as_dict(self) -> dict[str, object] | None:
        if self.commit is None:
            return None
        return {**self.commit.as_dict(), "boundary": self.boundary}


@dataclass
class Line:
    """A field's value, or one item of a list field, and who set it."""

    field: str
    value: Any
    credit: Credit
    item: bool = False


@dataclass
class Blame:
    id: str
    path: str
    record: Record
    lines: list[Line]
    trail: Trail
    messages: list[str] = field(default_factory=list)

    def as_dict(self, revision: str) -> dict[str, object]:
        fields: list[dict[str, object]] = []
        for line in self.lines:
            if line.item:
                items = fields[-1].setdefault("items", [])
                assert isinstance(items, list)
                items.append({"value": line.value, "commit": line.credit.as_dict()})
            elif isinstance(line.value, list):
                fields.append({"field": line.field, "items": []})
            else:
                fields.append(
                    {"field": line.field, "value": line.value, "commit": line.credit.as_dict()}
                )
        return {
            "version": 1,
            "record": {"kind": "compound", "id": self.id, "path": self.path},
            "revision": revision,
            "fields": fields,
            "trail": self.trail.as_dict(),
        }


def blame(root: Path, name: str, revision: str | None = None) -> Blame:
    found = history.record_history(root, name, Query(revs=[revision] if revision else []))
    at = revision or "HEAD"
    if not found.events:
        raise NotFound(f"{found.id} is not a record at {at} ({found.trail.message})")
    if found.events[0].after is None:
        removal = (e for e in found.events if (rc := e.record_change()) and rc.change == "removed")
        removed = next(removal, found.events[0]).commit.short
        raise NotFound(f"{found.id} is not a record at {at} (removed in {removed})")
    credits = _credits(list(reversed(found.events)))
    record = model.canonical(found.events[0].after, "compound")
    lines: list[Line] = []
    for name_, value in record.items():
        if isinstance(value, list):
            lines.append(Line(name_, value, Credit(None)))
            lines += [
                Line(name_, v, credits.get((name_, item_key(v)), Credit(None)), item=True)
                for v in value
            ]
        else:
            lines.append(Line(name_, value, credits.get((name_, item_key(value)), Credit(None))))
    messages = found.messages + _uncommitted(found, record)
    return Blame(found.id, found.path, record, lines, found.trail, messages)


def _credits(events: list[Event]) -> dict[tuple[str, str], Credit]:
    """(field, value key) -> the latest commit that set the field to that value."""
    credits: dict[tuple[str, str], Credit] = {}
    for event in events:
        after = event.after
        if after is None:
            continue
        credit = Credit(event.commit, event.commit.boundary)
        change = event.record_change()
        if event.before is None or event.commit.boundary:
            for name, value in after.items():
                for v in value if isinstance(value, list) else [value]:
                    credits[(name, item_key(v))] = credit
        elif change is not None and change.change == "changed":
            for f in change.fields:
                if f.is_list:
                    credits.update(((f.field, item_key(v)), credit) for v in f.added)
                elif f.field in after:
                    credits[(f.field, item_key(after[f.field]))] = credit
    return credits


def _uncommitted(found: RecordHistory, record: Record) -> list[str]:
    """Say so when the working tree holds another version than the one blamed."""
    if found.file is None or not found.file.is_file():
        return []
    try:
        now = store.load_record(found.file)
    except CurateError:
        return []
    if model.canonical(now, "compound") == record:
        return []
    return [f"{found.path} has uncommitted changes; blame shows the committed version"]
