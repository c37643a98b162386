"""Renderings of `curate log` and `curate blame`: styled lines (printed by the Rich report),
JSON and Markdown. No Rich here."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from curate.cli.formats import diff_lines

if TYPE_CHECKING:
    from curate.kb.blame import Blame, Credit
    from curate.kb.changelog import KbHistory, Summary
    from curate.kb.diff import RecordChange
    from curate.kb.history import Event, RecordHistory
    from curate.repo.history import Commit

Styled = list[tuple[str, str]]  # (text, Rich style) per line
VERSION = 1


def _head(commit: Commit) -> str:
    return f"{commit.short} {commit.date[:10]} {commit.author}"


def _change_lines(rc: RecordChange) -> Styled:
    prefix = "" if rc.kind == "compound" else f"{rc.kind} {rc.id}: "
    if rc.change in ("added", "removed"):
        return [(f"{prefix}{rc.change}", "green" if rc.change == "added" else "red")]
    out: Styled = [(f"! {prefix}{a}", "bold red") for a in rc.alerts]
    return out + [(f"{prefix}{line}", "") for line in diff_lines(rc)]


def event_lines(event: Event) -> Styled:
    lines: Styled = []
    if event.old_path:
        lines.append((f"renamed {event.old_path} → {event.path}", "cyan"))
    if event.note:
        lines.append((f"unreadable: {event.note}", "yellow"))
    for rc in event.changes:
        lines += _change_lines(rc)
    if not event.meaningful:
        lines.append(("(no change in meaning)", "dim"))
    return lines


def record_text(found: RecordHistory, events: list[Event], more: int) -> Styled:
    out: Styled = []
    for event in events:
        out.append((f"{_head(event.commit)}  {event.commit.subject}", "bold yellow"))
        out += [(f"    {text}", style) for text, style in event_lines(event)]
        out.append(("", ""))
    if more:
        out.append((f"({more} older commit(s) not shown)", "dim"))
    else:
        out.append((f"trail: {found.trail.message}", "dim"))
    return out


def _many(n: int, kind: str) -> str:
    return f"{n} {kind}{'' if n == 1 else 's'}"


def counts(summary: Summary) -> str:
    """`+2 compounds, 5 changed, 1 source removed` (changed compounds go without the noun)."""
    if summary.diff is None:
        return "history stops here (shallow clone)"
    parts = []
    for kind, c in summary.diff.stat().items():
        parts += [f"+{_many(c['added'], kind)}"] if c["added"] else []
        changed = f"{c['changed']}" if kind == "compound" else _many(c["changed"], kind)
        parts += [f"{changed} changed"] if c["changed"] else []
        parts += [f"{_many(c['removed'], kind)} removed"] if c["removed"] else []
    parts += [f"{len(summary.notes)} unreadable"] if summary.notes else []
    return ", ".join(parts) or "no change in meaning"


def kb_text(found: KbHistory) -> Styled:
    out: Styled = []
    for summary in found.summaries:
        out.append((f"{_head(summary.commit)}  {summary.commit.subject}  ({counts(summary)})", ""))
        out += [(f"    ! {rid}: {alert}", "bold red") for _k, rid, alert in summary.alerts()]
    if found.trail is not None:
        out.append((f"trail: {found.trail.message}", "dim"))
    return out


def _change_dict(rc: RecordChange) -> dict[str, Any]:
    return {"change": rc.change, **rc.as_dict()}


def _event_dict(event: Event) -> dict[str, Any]:
    return {
        **event.commit.as_dict(),
        "path": event.path,
        "old_path": event.old_path,
        "meaningful": event.meaningful,
        "note": event.note,
        "changes": [_change_dict(rc) for rc in event.changes],
    }


def _summary_dict(summary: Summary) -> dict[str, Any]:
    changed = (
        summary.diff.added + summary.diff.removed + summary.diff.changed if summary.diff else []
    )
    return {
        **summary.commit.as_dict(),
        "boundary": summary.diff is None,
        "stat": summary.diff.stat() if summary.diff else None,
        "records": [{"kind": rc.kind, "id": rc.id, "change": rc.change} for rc in changed],
        "alerts": [{"kind": k, "id": i, "alert": a} for k, i, a in summary.alerts()],
        "notes": summary.notes,
    }


def _dump(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def record_json(found: RecordHistory, events: list[Event], revs: list[str]) -> str:
    return _dump({
        "version": VERSION,
        "record": {"kind": "compound", "id": found.id, "path": found.path},
        "range": revs or ["HEAD"],
        "commits": [_event_dict(e) for e in events],
        "trail": found.trail.as_dict(),
    })  # fmt: skip


def kb_json(found: KbHistory, revs: list[str]) -> str:
    return _dump({
        "version": VERSION,
        "record": None,
        "range": revs or ["HEAD"],
        "commits": [_summary_dict(s) for s in found.summaries],
        "trail": found.trail.as_dict() if found.trail else None,
    })  # fmt: skip


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def record_markdown(found: RecordHistory, events: list[Event]) -> str:
    out = [f"## History of compound `{found.id}`", ""]
    for event in events:
        c = event.commit
        out += [f"### `{c.short}` {c.date[:10]} · {_md(c.author)} · {_md(c.subject)}", ""]
        for text, _style in event_lines(event):
            out.append(f"- **{text[2:]}**" if text.startswith("! ") else f"- {text}")
        out.append("")
    out.append(f"_Trail: {found.trail.message}._")
    return "\n".join(out) + "\n"


def kb_markdown(found: KbHistory) -> str:
    out = ["## Knowledge base history", "", "| commit | date | author | subject | changes |"]
    out.append("| --- | --- | --- | --- | --- |")
    alerts = []
    for s in found.summaries:
        c = s.commit
        out.append(
            f"| `{c.short}` | {c.date[:10]} | {_md(c.author)} | {_md(c.subject)} | {counts(s)} |"
        )
        alerts += [f"- `{c.short}` **{rid}**: {a}" for _k, rid, a in s.alerts()]
    if alerts:
        out += ["", "### Needs a careful look", "", *alerts]
    if found.trail is not None:
        out += ["", f"_Trail: {found.trail.message}._"]
    return "\n".join(out) + "\n"


def _credit(credit: Credit, width: int) -> str:
    if credit.commit is None:
        return " " * (19 + width)
    mark = "^" if credit.boundary else ""
    c = credit.commit
    return f"{(mark + c.short)[:7]} {c.date[:10]} {c.author[:width]:<{width}}"


def blame_text(found: Blame) -> Styled:
    named = [line.credit.commit.author for line in found.lines if line.credit.commit]
    width = min(max((len(a) for a in named), default=1), 24)
    out: Styled = []
    for line in found.lines:
        if line.item:
            out.append((f"{_credit(line.credit, width)}    - {line.value}", ""))
        elif isinstance(line.value, list):
            out.append((f"{_credit(line.credit, width)}  {line.field}:", "bold"))
        else:
            out.append((f"{_credit(line.credit, width)}  {line.field}: {line.value}", ""))
    out.append((f"trail: {found.trail.message}", "dim"))
    return out


def blame_json(found: Blame, revision: str | None) -> str:
    return _dump(found.as_dict(revision or "HEAD"))
