"""Typer commands that read the record history: `log` and `blame`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from curate.cli.common import root_arg


class LogFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class BlameFormat(StrEnum):
    text = "text"
    json = "json"


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
    from curate.cli import historyrun

    code = historyrun.log_command(
        root_arg(ctx), name, revs, fields=fields or [], with_sources=with_sources,
        since=since, until=until, limit=limit, show_all=show_all, fmt=fmt.value,
    )  # fmt: skip
    raise typer.Exit(code)


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
    from curate.cli import historyrun

    raise typer.Exit(historyrun.blame_command(root_arg(ctx), name, revision, fmt.value))
