"""Rich presentation: the show panel, the rule list, the progress bar; the only importer of Rich."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from curate.cli import common
from curate.cli.spec import Globals
from curate.records import model

if TYPE_CHECKING:
    from curate.lint.rules import Rule


def console(g: Globals, stream: TextIO | None = None) -> Console:
    """Colour as `common.colour` decides (a terminal, --color, NO_COLOR, FORCE_COLOR)."""
    file = stream or sys.stdout
    want = common.colour(g, file)
    return Console(
        file=file,
        highlight=False,
        soft_wrap=False,
        force_terminal=want or None,
        color_system="auto" if want else None,
    )


def err_console(g: Globals) -> Console:
    return console(g, sys.stderr)


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


@contextmanager
def progress_ticker(g: Globals, total: int, label: str) -> Iterator[Callable[[], None]]:
    """A Rich progress bar on stderr while the block runs; call the ticker once per item.

    It is stopped however the block ends, so an error or "interrupted" is never
    written under a live bar.
    """
    from rich.progress import Progress

    bar = Progress(console=err_console(g), transient=True)
    task = bar.add_task(label, total=total)
    bar.start()
    try:
        yield lambda: bar.advance(task)
    finally:
        bar.stop()
