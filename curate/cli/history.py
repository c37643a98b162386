"""Typer commands that read the record history: `log` and `blame`."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from curate.cli.common import note, root_of
from curate.errors import CurateError
from curate.records import model

# Fields `--field` accepts: the stored ones and the derived ones `diff` reports.
KNOWN_FIELDS = tuple(
    dict.fromkeys(
        [f for f, _l, _i in (*model.COMPOUND_FIELDS, *model.SOURCE_FIELDS)]
        + ["source_types", "linked_sources"]
    )
)


class LogFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class BlameFormat(StrEnum):
    text = "text"
    json = "json"


def _check_fields(fields: list[str]) -> None:
    for name in fields:
        if name not in KNOWN_FIELDS:
            raise CurateError(f"--field {name!r} is not one of: {', '.join(KNOWN_FIELDS)}")


def log(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            help="Compound id, alias or name, as `show` takes it (left out: the whole knowledge base)."
        ),
    ] = None,
    revs: Annotated[
        str | None,
        typer.Argument(
            help="Revision or range, e.g. main..HEAD (default HEAD).", show_default=False
        ),
    ] = None,
    fields: Annotated[
        list[str] | None,
        typer.Option("--field", help="Only changes to this field (repeatable)."),
    ] = None,
    with_sources: Annotated[
        bool, typer.Option("--with-sources", help="Also changes to the sources it links.")
    ] = False,
    since: Annotated[str | None, typer.Option(help="Only commits after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Only commits before this date.")] = None,
    limit: Annotated[
        int | None, typer.Option("-n", "--max-count", min=1, help="At most this many commits.")
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also commits that changed no meaning (reformatting).")
    ] = False,
    fmt: Annotated[
        LogFormat, typer.Option("--format", "-f", help="text, json or markdown.")
    ] = LogFormat.text,
) -> None:
    """The history of a record (or of the knowledge base) by meaning, newest first."""
    from curate.cli import historyformats as render
    from curate.kb import changelog, history

    if name is not None and revs is None and ".." in name:
        name, revs = None, name  # a range alone: the knowledge base's history
    _check_fields(fields or [])
    query = history.Query(
        [revs] if revs else [], since, until, fields or [], with_sources, show_all, limit
    )
    root = root_of(ctx)
    if name is None:
        whole = changelog.kb_history(root, query)
        if fmt is LogFormat.json:
            sys.stdout.write(render.kb_json(whole, query.revs))
        elif fmt is LogFormat.markdown:
            sys.stdout.write(render.kb_markdown(whole))
        else:
            _print(render.kb_text(whole))
        return
    found = history.record_history(root, name, query)
    for message in found.messages:
        note(message)
    events = history.shown(found, query)
    more = len(events) - limit if limit is not None and len(events) > limit else 0
    events = events[:limit] if limit is not None else events
    if fmt is LogFormat.json:
        sys.stdout.write(render.record_json(found, events, query.revs))
    elif fmt is LogFormat.markdown:
        sys.stdout.write(render.record_markdown(found, events))
    else:
        _print(render.record_text(found, events, more))


def blame(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Compound id, alias or name, as `show` takes it.")],
    revision: Annotated[
        str | None, typer.Argument(help="The revision to blame (default HEAD).")
    ] = None,
    fmt: Annotated[
        BlameFormat, typer.Option("--format", "-f", help="text or json.")
    ] = BlameFormat.text,
) -> None:
    """Who last set each field of a record, and each item of its lists, by meaning."""
    from curate.cli import historyformats as render
    from curate.kb import blame as blaming

    found = blaming.blame(root_of(ctx), name, revision)
    for message in found.messages:
        note(message)
    if fmt is BlameFormat.json:
        sys.stdout.write(render.blame_json(found, revision))
    else:
        _print(render.blame_text(found))


def _print(lines: list[tuple[str, str]]) -> None:
    from curate.cli import report

    report.styled_lines(lines, report.console())
