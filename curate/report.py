"""Rich presentation: the only module besides cli.py that imports Rich."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any, TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from curate import model


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
    rows = [
        ("Aliases", ", ".join(data.get("aliases") or [])),
        ("Type", data.get("type")),
        ("Route/form", data.get("route_form")),
        ("Status", data.get("status")),
        ("Evidence level", data.get("evidence_level")),
        ("Best data tier", data.get("best_data_tier")),
        ("Support scope", ", ".join(data.get("support_scope") or [])),
        ("Source types", ", ".join(data["source_types"])),
        ("Linked sources", str(data["linked_sources"])),
        ("Broad outcomes", ", ".join(data.get("broad_outcomes") or [])),
        ("Reading note", data.get("reading_note")),
    ]
    for label, value in rows:
        if value:
            facts.add_row(label, Text(str(value)))
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
