"""The formats each command offers, by name: declared once, below the CLI and the settings.

The CLI's `--format` declarations take their `choices` from here, and the settings
file (`curate.config`) checks a `COMMAND.format` default against the same tuple, so the
two cannot disagree. What each format looks like is written elsewhere (cards, citations,
the CLI's reports); this module only names them. The bottom layer's rule holds: it
imports nothing of curate.
"""

from __future__ import annotations

from collections.abc import Mapping

# Each command's --format choices; a settings file may set the default of each
# (`show.format = "yaml"`). `log` and `blame` default to text and are not configured.
FORMATS: Mapping[str, tuple[str, ...]] = {
    "show": ("card", "yaml", "json", "markdown", "references", "rich"),
    "resolve": ("text", "tsv", "json"),
    "search": ("text", "json"),
    "scan": ("text", "json"),
    "diff": ("text", "json", "markdown"),
    "add": ("text", "json"),
    "export": ("jsonl", "csv", "cards", "sqlite", "bibtex", "csl-json", "ris"),
    "lint": ("text", "json", "github", "sarif"),
    "config": ("text", "json"),
}
