"""Typer commands: parse arguments, call the core, choose a reporter, set the exit code.

Core modules are imported inside commands so that `curate show` does not pay
for jsonschema, rapidfuzz or Rich unless it uses them.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from curate.errors import EXIT_FINDINGS, CurateError


class _Group(TyperGroup):
    """Turns CurateError into one line on stderr and its exit code, never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CurateError as exc:
            typer.echo(f"curate: error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("curate: interrupted", err=True)
            raise typer.Exit(130) from None


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Curation toolkit for an evidence knowledge base of compounds kept as YAML in git.",
)

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="Curation root (default: $CURATE_ROOT, else nearest folder upwards with data/compounds/).",
        show_default=False,
    ),
]


@app.callback()
def _main(ctx: typer.Context, root: RootOption = None) -> None:
    ctx.obj = {"root": root}


def _root(ctx: typer.Context) -> Path:
    from curate import store

    obj = ctx.find_root().obj or {}
    return store.find_root(obj.get("root"))


def warn(message: str) -> None:
    typer.echo(f"curate: warning: {message}", err=True)


class ShowFormat(StrEnum):
    card = "card"
    yaml = "yaml"
    json = "json"
    markdown = "markdown"
    rich = "rich"


@app.command()
def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Compound id or alias.")],
    fmt: Annotated[
        ShowFormat | None,
        typer.Option(
            "--format", "-f", help="Output format (default: rich on a terminal, else card)."
        ),
    ] = None,
) -> None:
    """Print one compound record, found by id or alias."""
    from curate import lookup

    compound, sources, warnings = lookup.load_for_show(_root(ctx), name)
    for warning in warnings:
        warn(warning)
    if fmt is ShowFormat.rich or (fmt is None and sys.stdout.isatty()):
        from curate import report

        report.console().print(report.compound_panel(compound, sources))
        return
    from curate import formats

    sys.stdout.write(formats.RENDERERS[(fmt or ShowFormat.card).value](compound, sources))


@app.command()
def init(directory: Annotated[Path, typer.Argument(help="Folder for the new repository.")]) -> None:
    """Create a new curation repository (refuses to overwrite anything)."""
    from curate import scaffold

    created = scaffold.init(directory)
    typer.echo(f"created curation root {directory} ({len(created)} paths)", err=True)


def main() -> None:
    app(prog_name="curate")


__all__ = ["EXIT_FINDINGS", "app", "main"]
