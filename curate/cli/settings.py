"""The command `config`: the settings in force for a root, and where each came from."""

from __future__ import annotations

import sys
from typing import Any

from curate.cli import common
from curate.cli.spec import Globals, Opt, command
from curate.records.formatchoices import FORMATS

JSON_VERSION = 1


@command(
    "config",
    Opt("--format", "-f", dest="fmt", choices=FORMATS["config"], help="text or json."),
)  # fmt: skip
def config(g: Globals, fmt: str | None) -> int:
    """Print the effective settings and where each came from (file:line or default)."""
    import json  # here: every command imports this module (to know its options), few print JSON

    from curate import config as settings_mod

    root = common.root(g)
    settings = common.settings_of(root)
    rows = [(key, settings[key], settings.origin(key)) for key in settings_mod.KEYS]
    if common.chosen_format(root, "config", fmt, "text") == "json":
        doc: dict[str, Any] = {
            "version": JSON_VERSION,
            "root": str(root),
            "file": None if settings.file is None else str(settings.file),
            "settings": {key: {"value": value, "origin": origin} for key, value, origin in rows},
        }
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        return 0
    where = settings.file or "no configuration file; every setting is a default"
    lines = [f"# {where}"]
    lines += [
        f"{key} = {json.dumps(value, ensure_ascii=False)}  # {origin}"
        for key, value, origin in rows
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
