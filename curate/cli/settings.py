"""The Typer command `config`: the settings in force for a root, and where each came from."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from curate.cli.common import TableFormat, chosen_format, root_of, settings_of

JSON_VERSION = 1


def config(
    ctx: typer.Context,
    fmt: Annotated[
        TableFormat | None, typer.Option("--format", "-f", help="text or json.", show_default=False)
    ] = None,
) -> None:
    """Print the effective settings and where each came from (file:line or default)."""
    from curate import config as settings_mod

    root = root_of(ctx)
    settings = settings_of(root)
    rows = [(key, settings[key], settings.origin(key)) for key in settings_mod.KEYS]
    if chosen_format(root, "config", fmt, "text") == "json":
        doc: dict[str, Any] = {
            "version": JSON_VERSION,
            "root": str(root),
            "file": None if settings.file is None else str(settings.file),
            "settings": {key: {"value": value, "origin": origin} for key, value, origin in rows},
        }
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        return
    where = settings.file or "no configuration file; every setting is a default"
    lines = [f"# {where}"]
    lines += [
        f"{key} = {json.dumps(value, ensure_ascii=False)}  # {origin}"
        for key, value, origin in rows
    ]
    sys.stdout.write("\n".join(lines) + "\n")
