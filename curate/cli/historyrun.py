"""The bodies of `curate log` and `curate blame`, without Typer: the app calls them, and so
does fast.py for their plain shapes (Typer's import would cost more than the work)."""

from __future__ import annotations

import os
import sys

from curate.errors import CurateError
from curate.records import model

# Fields `--field` accepts: the stored ones and the derived ones `diff` reports.
KNOWN_FIELDS = tuple(
    dict.fromkeys(
        [f for f, _l, _i in (*model.COMPOUND_FIELDS, *model.SOURCE_FIELDS)]
        + ["source_types", "linked_sources"]
    )
)
LOG_FORMATS = ("text", "json", "markdown")
BLAME_FORMATS = ("text", "json")


def log_command(
    root_arg: str | None,
    name: str | None,
    revs: str | None,
    *,
    fields: list[str],
    with_sources: bool = False,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    show_all: bool = False,
    fmt: str = "text",
) -> int:
    from curate.cli import historyformats as render
    from curate.kb import changelog, history
    from curate.repo import store

    if name is not None and revs is None and ".." in name:
        name, revs = None, name  # a range alone: the knowledge base's history
    for field in fields:
        if field not in KNOWN_FIELDS:
            raise CurateError(f"--field {field!r} is not one of: {', '.join(KNOWN_FIELDS)}")
    query = history.Query(
        [revs] if revs else [], since, until, fields, with_sources, show_all, limit
    )
    root = store.find_root(root_arg)
    if name is None:
        whole = changelog.kb_history(root, query)
        if fmt == "json":
            sys.stdout.write(render.kb_json(whole, query.revs))
        elif fmt == "markdown":
            sys.stdout.write(render.kb_markdown(whole))
        else:
            _print(render.kb_text(whole))
        return 0
    found = history.record_history(root, name, query)
    _notes(found.messages)
    events = history.shown(found, query)
    more = max(len(events) - limit, 0) if limit is not None else 0
    events = events[:limit] if limit is not None else events
    if fmt == "json":
        sys.stdout.write(render.record_json(found, events, query.revs))
    elif fmt == "markdown":
        sys.stdout.write(render.record_markdown(found, events))
    else:
        _print(render.record_text(found, events, more))
    return 0


def blame_command(root_arg: str | None, name: str, revision: str | None, fmt: str) -> int:
    from curate.cli import historyformats as render
    from curate.kb import blame as blaming
    from curate.repo import store

    found = blaming.blame(store.find_root(root_arg), name, revision)
    _notes(found.messages)
    if fmt == "json":
        sys.stdout.write(render.blame_json(found, revision))
    else:
        _print(render.blame_text(found))
    return 0


def _notes(messages: list[str]) -> None:
    for message in messages:
        sys.stderr.write(f"curate: {message}\n")


def _print(lines: list[tuple[str, str]]) -> None:
    """Plain lines off a terminal (what Rich would print, without importing it)."""
    if not sys.stdout.isatty() and not os.environ.get("FORCE_COLOR"):
        sys.stdout.write("".join(f"{text}\n" for text, _style in lines))
        return
    from curate.cli import report

    report.styled_lines(lines, report.console())
