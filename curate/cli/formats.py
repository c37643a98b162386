"""Plain-text renderings of a compound: card, YAML, JSON and Markdown (no Rich here)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from curate.records import model
from curate.repo import store

if TYPE_CHECKING:
    from curate.kb.batch import Plan
    from curate.kb.diff import Diff, FieldChange, RecordChange
    from curate.lookup.resolve import Resolution

# Card parsing and JSON are imported where used: `curate show` counts milliseconds.


def as_card(compound: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> str:
    from curate.records import cards

    return cards.render_card(compound, sources)


def as_yaml(compound: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> str:
    return store.render_record(compound, "compound")


def as_json(compound: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> str:
    import json

    return json.dumps(model.expanded(compound, sources), indent=2, ensure_ascii=False) + "\n"


def as_markdown(compound: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> str:
    data = model.expanded(compound, sources)
    out = [f"# {data['id']}", ""]
    out += ["| Field | Value |", "| --- | --- |"]
    out += [f"| {k} | {_cell(v)} |" for k, v in model.summary_facts(data)]
    if data.get("reading_note"):
        out += ["", f"> {data['reading_note']}"]
    for name, label, is_list in model.COMPOUND_FIELDS:
        if is_list and name not in model.INLINE_LISTS and name != "sources" and data.get(name):
            out += ["", f"## {label}", ""] + [f"- {item}" for item in data[name]]
    if data["sources"]:
        out += ["", f"## {dict((f, lab) for f, lab, _ in model.COMPOUND_FIELDS)['sources']}", ""]
        for src in data["sources"]:
            out.append(
                f"- **{src.get('title', src['id'])}** ({src.get('type', '?')}, `{src['id']}`)"
                + (f": {src['summary']}" if src.get("summary") else "")
            )
    return "\n".join(out) + "\n"


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|")


def as_references(compound: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> str:
    """The linked sources as a numbered NLM-style reference list."""
    from curate.records.citations import references

    out = []
    for n, sid in enumerate(model.uniq(compound.get("sources") or []), 1):
        source = sources.get(sid)
        text = references.render(dict(source)) if source else f"({sid}: no source record)"
        out.append(f"{n}. {text}")
    return "\n".join(out) + ("\n" if out else "")


RENDERERS = {"card": as_card, "yaml": as_yaml, "json": as_json, "markdown": as_markdown,
             "references": as_references}  # fmt: skip


def resolutions(answers: list[Resolution], fmt: str, explain: bool = False) -> str:
    """`curate resolve` output: text for people, tsv for scripts, json (stable) for both.

    `explain` adds, under each text answer, the stages tried (JSON always has them)."""
    if fmt == "json":
        import json

        return json.dumps([a.as_dict() for a in answers], indent=2, ensure_ascii=False) + "\n"
    lines = []
    for a in answers:
        cands = ";".join(f"{c.id}:{c.alias}:{c.score:.0f}" for c in a.candidates)
        if fmt == "tsv":
            score = "" if a.score is None else f"{a.score:.1f}"
            fields = [a.query, a.status, a.id or "", score, str(a.stage or ""), cands]
            lines.append("\t".join(f.replace("\t", " ") for f in fields))
            continue
        if a.resolved:
            how = f"stage {a.stage}" + (f", score {a.score:.0f}" if a.status == "fuzzy" else "")
            lines.append(f"{a.query}\t{a.id}\t{a.status} ({how})")
        else:
            listed = ", ".join(f"{c.id} ('{c.alias}')" for c in a.candidates) or "-"
            label = "could be" if a.status == "ambiguous" else "suggestions"
            lines.append(f"{a.query}\t-\t{a.status} ({label}: {listed})")
        if explain:
            lines += [f"  {s.stage}: {s.key!r}: {s.result}" for s in a.steps]
    return "".join(line + "\n" for line in lines)


def _value(value: object) -> str:
    return "(none)" if value is None or value == [] else str(value)


def diff_lines(change: RecordChange) -> list[str]:
    """One line per field change, shared by the Markdown and text renderings."""
    lines = []
    for f in [*change.fields, *change.derived]:
        derived = " (derived)" if f in change.derived else ""
        if f.is_list:
            parts = [f"+ {', '.join(map(str, f.added))}"] if f.added else []
            parts += [f"− {', '.join(map(str, f.removed))}"] if f.removed else []
            parts += ["reordered"] if f.reordered else []
            lines.append(f"{f.field}{derived}: {'; '.join(parts)}")
        else:
            lines.append(f"{f.field}{derived}: {_value(f.old)} → {_value(f.new)}")
    return lines


def diff_json(diff: Diff) -> str:
    import json

    doc = {
        "version": 1,
        "old": diff.old,
        "new": diff.new,
        "added": [rc.as_dict() for rc in diff.added],
        "removed": [rc.as_dict() for rc in diff.removed],
        "changed": [rc.as_dict() for rc in diff.changed],
        "stat": diff.stat(),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def diff_stat(diff: Diff) -> str:
    lines = []
    for kind, counts in diff.stat().items():
        lines.append(
            f"{kind}s: {counts['added']} added, {counts['removed']} removed, {counts['changed']} changed"
        )
    return "\n".join(lines) + "\n"


def diff_markdown(diff: Diff) -> str:
    if diff.empty:
        return f"No changes between `{diff.old}` and `{diff.new}`.\n"
    out = [f"## Knowledge base changes: `{diff.old}` → `{diff.new}`", ""]
    stat = diff.stat()
    out += ["| | added | removed | changed |", "| --- | --- | --- | --- |"]
    out += [f"| {k}s | {c['added']} | {c['removed']} | {c['changed']} |" for k, c in stat.items()]
    alerts = [(rc, a) for rc in diff.changed for a in rc.alerts]
    if alerts:
        out += ["", "### Needs a careful look", ""] + [f"- **{rc.id}**: {a}" for rc, a in alerts]
    for title, group in (("Added", diff.added), ("Removed", diff.removed)):
        if group:
            out += ["", f"### {title}", ""] + [f"- {rc.kind} `{rc.id}`" for rc in group]
    if diff.changed:
        out += ["", "### Changed"]
        for rc in diff.changed:
            out += ["", f"#### {rc.kind} `{rc.id}`", ""] + [f"- {line}" for line in diff_lines(rc)]
    return "\n".join(out) + "\n"


def plan_json(plan: Plan, dry_run: bool) -> str:
    import json

    doc = {
        "dry_run": dry_run,
        "written": plan.ok and not dry_run and bool(plan.created or plan.updated),
        "created": [p.as_dict() for p in plan.created],
        "updated": [p.as_dict() for p in plan.updated],
        "unchanged": [p.as_dict() for p in plan.unchanged],
        "conflicts": [i.as_dict() for i in plan.conflicts],
        "errors": [i.as_dict() for i in plan.errors],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def plan_problems(plan: Plan) -> str:
    """Each error and conflict as the one-line error every command writes to stderr."""
    return "".join(
        f"curate: error: {i.where + ': ' if i.where else ''}{i.message}\n"
        for i in [*plan.errors, *plan.conflicts]
    )


def plan_text(plan: Plan, dry_run: bool, verbose: bool) -> str:
    """A summary line; each record too with --verbose, or in a dry run (which asks to see)."""
    lines = []
    if verbose or dry_run:
        verb = "would create" if dry_run or not plan.ok else "created"
        lines += [f"{verb} {p.kind} {p.id}" for p in plan.created]
        for p in plan.updated:
            lines.append(
                f"{'would update' if dry_run or not plan.ok else 'updated'} {p.kind} {p.id}"
            )
            lines += [f"    {line}" for line in diff_lines_of(p.changes)]
    counts = (
        f"{len(plan.created)} created, {len(plan.updated)} updated, {len(plan.unchanged)} unchanged"
    )
    if not plan.ok:
        counts = f"nothing written: {len(plan.errors)} error(s), {len(plan.conflicts)} conflict(s); would have been {counts}"
    elif dry_run:
        counts = f"dry run, nothing written: {counts}"
    return "".join(line + "\n" for line in [*lines, counts])


def diff_lines_of(changes: list[FieldChange]) -> list[str]:
    from curate.kb.diff import RecordChange

    return diff_lines(RecordChange("compound", "", "changed", None, changes))
