"""What changed between two snapshots, in curation terms, as values.

Records are compared by id and by meaning: a renamed file, a reordered list or
a reformatted file is no change (lists are compared as multisets unless order
is asked for). Alerts name the changes curators care most about.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from curate.records import model
from curate.records.model import Kind, Record

if TYPE_CHECKING:  # (at run time sides would bring git and cards to `curate add`)
    from curate.kb.sides import Side

# Scales on which a move is "up" or "down" (first is strongest).
SCALES: Mapping[str, tuple[str, ...]] = {
    "evidence_level": model.EVIDENCE_LEVELS,
    "best_data_tier": model.DATA_TIERS,
    "status": ("approved", "investigational", "unapproved"),
}


# Plain classes rather than dataclasses: `curate diff` and `add` cannot afford importing inspect.
class FieldChange:
    def __init__(
        self,
        field: str,
        old: Any = None,
        new: Any = None,
        added: list[Any] | None = None,
        removed: list[Any] | None = None,
        reordered: bool = False,
    ) -> None:
        self.field = field
        self.old = old
        self.new = new
        self.added = added if added is not None else []
        self.removed = removed if removed is not None else []
        self.reordered = reordered

    @property
    def is_list(self) -> bool:
        return isinstance(self.old, list) or isinstance(self.new, list)

    def as_dict(self) -> dict[str, Any]:
        if self.is_list:
            out: dict[str, Any] = {
                "field": self.field,
                "added": self.added,
                "removed": self.removed,
            }
            if self.reordered:
                out["reordered"] = True
            return out
        return {"field": self.field, "old": self.old, "new": self.new}


class RecordChange:
    def __init__(
        self,
        kind: Kind,
        id: str,
        change: str,  # added | removed | changed
        record: Record | None = None,
        fields: list[FieldChange] | None = None,
        derived: list[FieldChange] | None = None,
        alerts: list[str] | None = None,
    ) -> None:
        self.kind = kind
        self.id = id
        self.change = change
        self.record = record
        self.fields = fields if fields is not None else []
        self.derived = derived if derived is not None else []
        self.alerts = alerts if alerts is not None else []

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "id": self.id}
        if self.change == "changed":
            out["fields"] = [f.as_dict() for f in self.fields]
            out["derived"] = [f.as_dict() for f in self.derived]
        else:
            out["record"] = self.record
        out["alerts"] = self.alerts
        return out


class Diff:
    def __init__(self, old: str, new: str) -> None:
        self.old = old
        self.new = new
        self.added: list[RecordChange] = []
        self.removed: list[RecordChange] = []
        self.changed: list[RecordChange] = []

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def stat(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {
            k: {"added": 0, "removed": 0, "changed": 0} for k in model.KINDS
        }
        for group in (self.added, self.removed, self.changed):
            for rc in group:
                out[rc.kind][rc.change] += 1
        return out


def _list_change(name: str, old: Any, new: Any, strict_order: bool) -> FieldChange | None:
    old_list = old if isinstance(old, list) else []
    new_list = new if isinstance(new, list) else []
    if old_list == new_list and type(old) is type(new):
        return None
    before, after = Counter(map(item_key, old_list)), Counter(map(item_key, new_list))
    added = [v for v in new_list if (after - before)[item_key(v)] > 0]
    removed = [v for v in old_list if (before - after)[item_key(v)] > 0]
    reordered = not added and not removed
    if reordered and not strict_order:
        return None
    return FieldChange(name, old_list, new_list, model.uniq(added), model.uniq(removed), reordered)


def item_key(value: Any) -> str:
    """Values are the same item when their keys are equal (blame credits items by it)."""
    return repr(value)


def compare_records(old: Record, new: Record, strict_order: bool) -> list[FieldChange]:
    changes = []
    for name in model.uniq([*old, *new]):
        a, b = old.get(name), new.get(name)
        if isinstance(a, list) or isinstance(b, list):
            change = _list_change(name, a, b, strict_order)
            if change is not None:
                changes.append(change)
        elif a != b:
            changes.append(FieldChange(name, a, b))
    return changes


def _moves(changes: list[FieldChange]) -> list[str]:
    alerts = []
    for change in changes:
        scale = SCALES.get(change.field)
        if scale is None or change.is_list:
            continue
        label = change.field.replace("_", " ")
        if change.old in scale and change.new in scale:
            direction = "raised" if scale.index(change.new) < scale.index(change.old) else "lowered"
            alerts.append(f"{label} {direction}: {change.old} → {change.new}")
        elif change.field == "status":
            alerts.append(f"status changed: {change.old} → {change.new}")
    return alerts


def _compound_alerts(changes: list[FieldChange], new: Record) -> list[str]:
    alerts = _moves(changes)
    for change in changes:
        if change.field == "risk_flags" and change.removed:
            alerts.append("risk flag removed: " + ", ".join(map(str, change.removed)))
        if change.field == "sources" and change.removed and not new.get("sources"):
            alerts.append("last source removed: the record now links none")
    return alerts


def _derived(old: Record, new: Record, before: Side, after: Side) -> list[FieldChange]:
    out = []
    old_types, new_types = (
        model.source_types(old, before.sources),
        model.source_types(new, after.sources),
    )
    if old_types != new_types:
        change = _list_change("source_types", old_types, new_types, strict_order=False)
        if change is not None:
            out.append(change)
    old_n, new_n = model.linked_sources(old), model.linked_sources(new)
    if old_n != new_n:
        out.append(FieldChange("linked_sources", old_n, new_n))
    return out


def compare(before: Side, after: Side, strict_order: bool = False) -> Diff:
    diff = Diff(before.label, after.label)
    for kind in model.KINDS:
        old_records, new_records = before.records(kind), after.records(kind)
        for rid in sorted(set(old_records) | set(new_records)):
            old, new = old_records.get(rid), new_records.get(rid)
            if old is None and new is not None:
                diff.added.append(RecordChange(kind, rid, "added", model.canonical(new, kind)))
            elif new is None and old is not None:
                diff.removed.append(RecordChange(kind, rid, "removed", model.canonical(old, kind)))
            elif old is not None and new is not None:
                rc = _changed(kind, rid, old, new, before, after, strict_order)
                if rc is not None:
                    diff.changed.append(rc)
    return diff


def _changed(
    kind: Kind,
    rid: str,
    old: Record,
    new: Record,
    before: Side,
    after: Side,
    strict_order: bool,
) -> RecordChange | None:
    fields = compare_records(old, new, strict_order)
    derived = _derived(old, new, before, after) if kind == "compound" else []
    if not fields and not derived:
        return None
    return RecordChange(kind, rid, "changed", None, fields, derived, alerts_for(kind, fields, new))


def alerts_for(kind: Kind, fields: list[FieldChange], new: Record) -> list[str]:
    """The alerts these field changes raise (`log --field` asks again for fewer fields)."""
    return _compound_alerts(fields, new) if kind == "compound" else _moves(fields)
