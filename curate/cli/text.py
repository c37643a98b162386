"""Text reports (lint, search, scan, diff) as plain strings, with ANSI colour when it is wanted.

Rich printed these a line at a time: 10,000 lint problems took ten times as long as
their JSON. Here each report is built as one string and written once; the colour is
the same SGR codes Rich would send, and tables keep Rich's look.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from curate.cli import common
from curate.cli.spec import Globals

if TYPE_CHECKING:
    from curate.kb.diff import Diff
    from curate.lint.problem import Problem
    from curate.lookup.review import ScanReport
    from curate.lookup.search import Hit

SGR = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "magenta": "35",
       "cyan": "36"}  # fmt: skip


class Paint:
    """Styles as words ("bold red"); off, the text passes through untouched."""

    def __init__(self, on: bool) -> None:
        self.on = on

    @classmethod
    def of(cls, g: Globals, stream: TextIO) -> Paint:
        return cls(common.colour(g, stream))

    def __call__(self, text: str, style: str) -> str:
        if not self.on or not style or not text:
            return text
        codes = ";".join(SGR[word] for word in style.split())
        return f"\x1b[{codes}m{text}\x1b[0m"


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], paint: Paint, *,
    styles: Sequence[str] = (), right: Sequence[bool] = (), wrap: int | None = None,
) -> str:  # fmt: skip
    """Rich's table without edges: `a ┃ b` over `━╇━`, rows `a │ b`; column `wrap` may wrap."""
    count = len(headers)
    styles = list(styles) or [""] * count
    right = list(right) or [False] * count
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    if wrap is not None:
        others = sum(w for i, w in enumerate(widths) if i != wrap) + 3 * (count - 1)
        widths[wrap] = max(min(widths[wrap], common.columns() - others), len(headers[wrap]), 10)

    import textwrap  # (its patterns compile on import: a clean lint has no table)

    def line(cells: Sequence[str], sep: str, cell_styles: Sequence[str]) -> list[str]:
        wrapped = [
            textwrap.wrap(c, widths[i]) or [""] if i == wrap else [c] for i, c in enumerate(cells)
        ]
        out = []
        for n in range(max(len(w) for w in wrapped)):
            parts = []
            for i, lines in enumerate(wrapped):
                cell = lines[n] if n < len(lines) else ""
                padded = cell.rjust(widths[i]) if right[i] else cell.ljust(widths[i])
                parts.append(paint(padded, cell_styles[i]) if cell else padded)
            out.append(f" {sep} ".join(parts))
        return out

    rule = "╇".join("━" * (w + (1 if i in (0, count - 1) else 2)) for i, w in enumerate(widths))
    out = [*line(headers, "┃", ["bold"] * count), rule]
    for row in rows:
        out += line(row, "│", styles)
    return "".join(f"{x}\n" for x in out)


def lint_problems(problems: list[Problem], display: Callable[[str], str], paint: Paint) -> str:
    """Problems grouped by file, one `path:line:col: severity code message` line each."""
    out: list[str] = []
    current = None
    for p in problems:
        if p.path != current:
            if current is not None:
                out.append("\n")
            current = p.path
        where = ":".join([display(p.path)] + [str(x) for x in (p.line, p.col) if x is not None])
        severity = paint(p.severity, "red" if p.severity == "error" else "yellow")
        hint = paint(f" (hint: {p.hint})", "dim") if p.hint else ""
        out.append(
            f"{paint(where, 'bold')}: {severity}{paint(f' {p.code} ', 'cyan')}{p.message}{hint}\n"
        )
    return "".join(out)


def lint_summary(problems: list[Problem], files: int, fixed: list[str], paint: Paint) -> str:
    from curate.lint.problem import summary_line

    counts: dict[tuple[str, str, str], int] = {}
    for p in problems:
        counts[(p.code, p.rule, p.severity)] = counts.get((p.code, p.rule, p.severity), 0) + 1
    out = [paint(f"fixed {path}", "green") + "\n" for path in fixed]
    if counts:
        rows = [[code, rule, sev, str(n)] for (code, rule, sev), n in sorted(counts.items())]
        out.append(
            table(["code", "rule", "severity", "count"], rows, paint,
                  styles=["cyan", "", "", ""], right=[False, False, False, True])
        )  # fmt: skip
    errors = sum(p.severity == "error" for p in problems)
    style = "red" if errors else "yellow" if problems else "green"
    out.append(paint(summary_line(problems, files), style) + "\n")
    return "".join(out)


def search_table(hits: list[Hit], paint: Paint) -> str:
    rows = [
        [
            hit.id,
            f"{hit.field}: {hit.match}" if hit.field else "",
            str(hit.record.get("evidence_level", "")),
            str(hit.record.get("status", "")),
        ]
        for hit in hits
    ]
    return table(["id", "best match", "evidence level", "status"], rows, paint,
                 styles=["cyan", "", "", ""], wrap=1)  # fmt: skip


def scan_report(results: list[ScanReport], paint: Paint) -> str:
    out = []
    for result in results:
        found, records = result.found, result.records
        out.append(paint(f"{result.input}: {len(found)} known compound(s)", "bold") + "\n")
        order = sorted(found, key=lambda r: (found[r].mentions[0].line, found[r].mentions[0].col))
        for rid in order:
            record, mentions = records[rid], found[rid].mentions
            out.append(
                paint("  " + rid, "bold cyan")
                + f"  {record.get('evidence_level', '?')} · {record.get('status', '?')}"
                + paint(f"  {len(mentions)} mention(s)", "dim")
                + (paint(" (ambiguous name)", "yellow") if found[rid].ambiguous else "")
                + "\n"
            )
            flags = record.get("risk_flags") or []
            if flags:
                out.append(paint("    risk: " + ", ".join(map(str, flags)), "red") + "\n")
            shown = ", ".join(f"{m.line}:{m.col} {m.text}" for m in mentions[:8])
            more = f" (+{len(mentions) - 8} more)" if len(mentions) > 8 else ""
            out.append(f"    {shown}{more}\n")
        out += _scan_review(result, paint)
    return "".join(out)


def _scan_review(result: ScanReport, paint: Paint) -> list[str]:
    """The curator's lists: names to check, then terms in no record (most used first)."""
    out = []
    if result.uncertain:
        out.append(paint(f"  to check: {len(result.uncertain)} uncertain name(s)", "bold") + "\n")
        for u in result.uncertain:
            listed = ", ".join(f"{c.id} ('{c.alias}')" for c in u.candidates)
            out.append(f"    {u.line}:{u.col} {u.text} ×{u.count}  {u.status}: {listed}\n")
    if result.unknown:
        out.append(paint(f"  to do: {len(result.unknown)} term(s) in no record", "bold") + "\n")
        for t in result.unknown:
            out.append(f"    {t.text} ×{t.count}  ({t.why}, first {t.line}:{t.col})\n")
    return out


def diff_report(diff: Diff, paint: Paint) -> str:
    from curate.cli.formats import diff_lines

    marks = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow")}
    out = []
    for group in (diff.added, diff.removed, diff.changed):
        for rc in group:
            mark, style = marks[rc.change]
            out.append(paint(f"{mark} {rc.kind} {rc.id}", f"bold {style}") + f"  ({rc.change})\n")
            out += [paint(f"    ! {alert}", "bold red") + "\n" for alert in rc.alerts]
            out += [f"    {line}\n" for line in diff_lines(rc)]
    return "".join(out)


def diff_summary(diff: Diff) -> str:
    if diff.empty:
        return f"no differences between {diff.old} and {diff.new}\n"
    stat = diff.stat()
    return (
        "; ".join(f"{k}s: +{c['added']} -{c['removed']} ~{c['changed']}" for k, c in stat.items())
        + "\n"
    )
