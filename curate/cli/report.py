"""Rich presentation: the only module besides cli.py that imports Rich."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from curate.lint.problem import summary_line
from curate.records import model

if TYPE_CHECKING:
    from curate.kb.diff import Diff
    from curate.lint.problem import Problem
    from curate.lint.rules import Rule
    from curate.lookup.scan import Found
    from curate.lookup.search import Hit
    from curate.records.model import Record


def console(stream: TextIO | None = None) -> Console:
    """Colour only on a terminal; Rich itself honours NO_COLOR and COLUMNS."""
    return Console(file=stream or sys.stdout, highlight=False, soft_wrap=False)


def err_console() -> Console:
    return Console(file=sys.stderr, highlight=False)


def compound_panel(compound: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> Panel:
    data = model.expanded(compound, sources)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold cyan", no_wrap=True)
    facts.add_column()
    for label, value in [
        *model.summary_facts(data),
        ("Reading note", str(data.get("reading_note") or "")),
    ]:
        if value:
            facts.add_row(label, Text(value))
    parts: list[Any] = [facts]
    for name, label, is_list in model.COMPOUND_FIELDS:
        if not is_list or name in ("aliases", "support_scope", "broad_outcomes", "sources"):
            continue
        items = data.get(name) or []
        if items:
            style = "bold red" if name == "risk_flags" else "bold"
            parts += [Text(""), Text(label, style=style)]
            parts += [Text(f"• {item}") for item in items]
    if data["sources"]:
        parts += [Text(""), _sources_table(data["sources"])]
    return Panel(Group(*parts), title=Text(str(data["id"]), style="bold"), title_align="left")


def _sources_table(sources: list[dict[str, Any]]) -> Table:
    table = Table(title="Linked papers, labels, and reviews", title_justify="left", expand=True)
    table.add_column("type", no_wrap=True, style="magenta")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("title")
    for src in sources:
        title = src.get("title") or Text("missing source record", style="red")
        table.add_row(str(src.get("type", "?")), str(src["id"]), title)
    return table


def lint_text(problems: list[Problem], display: Callable[[str], str], out: Console) -> None:
    """Problems grouped by file, one `path:line:col: severity code message` line each."""
    current = None
    for p in problems:
        if p.path != current:
            if current is not None:
                out.print()
            current = p.path
        line = Text()
        where = ":".join([display(p.path)] + [str(x) for x in (p.line, p.col) if x is not None])
        line.append(where, style="bold")
        line.append(": ")
        line.append(p.severity, style="red" if p.severity == "error" else "yellow")
        line.append(f" {p.code} ", style="cyan")
        line.append(p.message)
        if p.hint:
            line.append(f" (hint: {p.hint})", style="dim")
        out.print(line, soft_wrap=True)


def lint_summary(problems: list[Problem], files: int, fixed: list[str], out: Console) -> None:
    counts: dict[tuple[str, str, str], int] = {}
    for p in problems:
        counts[(p.code, p.rule, p.severity)] = counts.get((p.code, p.rule, p.severity), 0) + 1
    for path in fixed:
        out.print(Text(f"fixed {path}", style="green"), soft_wrap=True)
    errors = sum(p.severity == "error" for p in problems)
    if counts:
        table = Table(title=None, show_edge=False, pad_edge=False)
        table.add_column("code", style="cyan")
        table.add_column("rule")
        table.add_column("severity")
        table.add_column("count", justify="right")
        for (code, rule, severity), n in sorted(counts.items()):
            table.add_row(
                code, rule, Text(severity, style="red" if severity == "error" else "yellow"), str(n)
            )
        out.print(table)
    style = "red" if errors else "yellow" if problems else "green"
    out.print(Text(summary_line(problems, files), style=style), soft_wrap=True)


def rule_list(rules: list[Rule], out: Console) -> None:
    for rule in rules:
        out.print(
            Text.assemble(
                (rule.code, "bold cyan"),
                " ",
                (rule.name, "bold"),
                f" [{rule.severity}]" + (" [fixable]" if rule.fixable else ""),
            ),
            soft_wrap=True,
        )
        for line in rule.doc.strip().splitlines():
            out.print(Text(f"    {line.strip()}"), soft_wrap=True)
        out.print()


def search_table(hits: list[Hit], out: Console) -> None:
    if not hits:
        err_console().print("no matching compounds")
        return
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("best match")
    table.add_column("evidence level", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for hit in hits:
        match = f"{hit.field}: {hit.match}" if hit.field else ""
        table.add_row(
            hit.id,
            match,
            str(hit.record.get("evidence_level", "")),
            str(hit.record.get("status", "")),
        )
    out.print(table)


def scan_report(
    results: list[tuple[str, dict[str, Found], dict[str, Record]]], out: Console
) -> None:
    for name, found, records in results:
        out.print(Text(f"{name}: {len(found)} known compound(s)", style="bold"), soft_wrap=True)
        order = sorted(found, key=lambda r: (found[r].mentions[0].line, found[r].mentions[0].col))
        for rid in order:
            record = records[rid]
            head = Text.assemble(
                ("  " + rid, "bold cyan"),
                f"  {record.get('evidence_level', '?')} · {record.get('status', '?')}",
                (f"  {len(found[rid].mentions)} mention(s)", "dim"),
                (" (ambiguous name)" if found[rid].ambiguous else "", "yellow"),
            )
            out.print(head, soft_wrap=True)
            flags = record.get("risk_flags") or []
            if flags:
                out.print(
                    Text("    risk: " + ", ".join(map(str, flags)), style="red"), soft_wrap=True
                )
            shown = ", ".join(f"{m.line}:{m.col} {m.text}" for m in found[rid].mentions[:8])
            more = (
                f" (+{len(found[rid].mentions) - 8} more)" if len(found[rid].mentions) > 8 else ""
            )
            out.print(Text(f"    {shown}{more}"), soft_wrap=True)


def diff_report(diff: Diff, out: Console) -> None:
    from curate.cli.formats import diff_lines

    if diff.empty:
        err_console().print(f"no differences between {diff.old} and {diff.new}")
        return
    marks = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow")}
    for group in (diff.added, diff.removed, diff.changed):
        for rc in group:
            mark, style = marks[rc.change]
            out.print(
                Text.assemble((f"{mark} {rc.kind} {rc.id}", f"bold {style}"), f"  ({rc.change})"),
                soft_wrap=True,
            )
            for alert in rc.alerts:
                out.print(Text(f"    ! {alert}", style="bold red"), soft_wrap=True)
            for line in diff_lines(rc):
                out.print(Text(f"    {line}"), soft_wrap=True)
    stat = diff.stat()
    summary = "; ".join(
        f"{k}s: +{c['added']} -{c['removed']} ~{c['changed']}" for k, c in stat.items()
    )
    err_console().print(summary)


def progress_ticker(total: int, label: str) -> Callable[[], None]:
    """A Rich progress bar on stderr; call the result once per item."""
    from rich.progress import Progress

    bar = Progress(console=err_console(), transient=True)
    task = bar.add_task(label, total=total)
    bar.start()
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        bar.advance(task)
        if done >= total:
            bar.stop()

    return tick


def styled_lines(lines: list[tuple[str, str]], out: Console) -> None:
    """Lines with a Rich style each (`curate log`, `curate blame`): plain off a terminal."""
    for text, style in lines:
        out.print(Text(text, style=style), soft_wrap=True)
