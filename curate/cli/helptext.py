"""`--help`, written from the declarations in `spec` for both paths (the Typer app's too).

The layout is Click's (usage, description, sections of two-column lists); the text is
ours, so that it names values as a user types them (`DIR`, `[text|json]`, never a
Python type) and lists each command's whole description.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from curate.cli.common import columns
from curate.cli.spec import GLOBAL_PARAMS, Command, Param

ABOUT = "Curation toolkit for an evidence knowledge base of compounds kept as YAML in git."
HELP_ROW = ("-h, --help", "Show this message and exit.")
GROUP_ROWS = [
    ("-V, --version", "Show the version and exit."),
    ("--install-completion", "Install completion for the current shell (bash, zsh or fish)."),
    ("--show-completion", "Print the current shell's completion script, to install it by hand."),
]
FIRST_COLUMN = 30


def width() -> int:
    return max(min(columns(), 100), 40)


def group_help(commands: Iterable[Command]) -> str:
    rows = [_row(p) for p in GLOBAL_PARAMS] + [*GROUP_ROWS, HELP_ROW]
    listed = [(c.name, c.help) for c in commands]
    return "".join([
        "Usage: curate [OPTIONS] COMMAND [ARGS]...\n\n",
        _paragraph(ABOUT),
        _section("Options", rows),
        _section("Commands", listed),
    ])  # fmt: skip


def command_help(cmd: Command) -> str:
    arguments = [p for p in cmd.params if not p.is_option]
    options = [p for p in cmd.params if p.is_option]
    usage = " ".join(["Usage: curate", cmd.name, "[OPTIONS]", *map(usage_piece, arguments)])
    return "".join([
        usage + "\n\n",
        _paragraph(cmd.help),
        _section("Arguments", [(usage_piece(p), _described(p)) for p in arguments]),
        _section("Options", [_row(p) for p in options] + [HELP_ROW]),
        _section("Global options", [_row(p) for p in GLOBAL_PARAMS]),
    ])  # fmt: skip


def usage_piece(p: Param) -> str:
    name = p.label
    if p.many:
        return f"{name}..." if p.required else f"[{name}]..."
    return name if p.required else f"[{name}]"


def _row(p: Param) -> tuple[str, str]:
    flags = ", ".join(sorted(p.flags, key=len))
    if p.kind != "flag":
        flags += " " + p.value_name()
    return flags, _described(p)


def _described(p: Param) -> str:
    extra = [] if p.default in (None, False) else [f"[default: {p.default}]"]
    if p.many and p.is_option:
        extra.append("[repeatable]")
    return " ".join([p.help, *extra])


def _paragraph(text: str) -> str:
    return textwrap.fill(text, width() - 2, initial_indent="  ", subsequent_indent="  ") + "\n"


def _section(title: str, rows: list[tuple[str, str]]) -> str:
    if not rows:
        return ""
    first = min(max(len(term) for term, _ in rows), FIRST_COLUMN)
    room = max(width() - first - 4, 20)
    out = [f"\n{title}:\n"]
    for term, text in rows:
        lines = textwrap.wrap(text, room) or [""]
        if len(term) > first:
            out.append(f"  {term}\n")
        else:
            out.append(f"  {term:<{first}}  {lines.pop(0)}\n")
        out += [f"  {'':<{first}}  {line}\n" for line in lines]
    return "".join(out)
