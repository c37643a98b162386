"""Typer commands: parse arguments, call the core, choose a reporter, set the exit code.

Core modules are imported inside commands so that `curate show` does not pay
for jsonschema, rapidfuzz or Rich unless it uses them.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from curate.cli import fast
from curate.cli import lint as cli_lint
from curate.cli import settings as cli_settings
from curate.cli import writes as cli_batch
from curate.cli.common import TableFormat, chosen_format, note, root_arg
from curate.cli.common import root_of as _root
from curate.errors import EXIT_FINDINGS, EXIT_USAGE, CurateError

# Click's own exceptions, wherever this Typer version keeps Click.
click_exceptions: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)


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
        except (typer.Exit, typer.Abort, click_exceptions):
            raise
        except Exception as exc:  # a bug: still one line, unless debugging
            if os.environ.get("CURATE_DEBUG"):
                raise
            typer.echo(f"curate: {fast.internal_error(exc)}", err=True)
            raise typer.Exit(EXIT_USAGE) from None


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
    tty_default = "rich" if sys.stdout.isatty() else "card"
    chosen = chosen_format(_root(ctx), "show", fmt, tty_default)
    if chosen != "rich":
        raise typer.Exit(fast.show_command(root_arg(ctx), name, chosen))
    from curate import config
    from curate.cli import report
    from curate.cli.common import settings_of
    from curate.lookup import find as lookup

    root = _root(ctx)
    compound, sources, messages = lookup.load_for_show(
        root, name, config.resolve_limits(settings_of(root))
    )
    for message in messages:
        note(message)
    report.console().print(report.compound_panel(compound, sources))


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder for the new repository.")],
    hook_repo: Annotated[
        str | None,
        typer.Option(
            help="curate's repository for the pre-commit hook (default: where it was installed from)."
        ),
    ] = None,
    hook_rev: Annotated[
        str | None, typer.Option(help="Tag or commit of --hook-repo (default: v<version>).")
    ] = None,
) -> None:
    """Create a new curation repository (refuses to overwrite anything)."""
    from curate import __version__
    from curate.repo import scaffold

    hook = None if hook_repo is None else (hook_repo, hook_rev or f"v{__version__}")
    hook = hook or scaffold.hook_source()
    created = scaffold.init(directory, hook)
    typer.echo(f"created curation root {directory} ({len(created)} paths)", err=True)
    if hook is None:
        note(
            "the pre-commit hook runs `curate` from PATH: give --hook-repo (curate's repository)"
            " to have pre-commit install curate itself"
        )


class ResolveFormat(StrEnum):
    text = "text"
    tsv = "tsv"
    json = "json"


@app.command()
def resolve(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None, typer.Argument(help="Names to resolve (default: one per line on stdin).")
    ] = None,
    fmt: Annotated[
        ResolveFormat | None,
        typer.Option("--format", "-f", help="text, tsv or json.", show_default=False),
    ] = None,
    refresh: Annotated[
        bool,
        typer.Option("--refresh", help="Compare every record file with the index from scratch."),
    ] = False,
    cutoff: Annotated[
        float | None,
        typer.Option(
            min=50, max=100, help="Lowest fuzzy score that resolves (85).", show_default=False
        ),
    ] = None,
    margin: Annotated[
        float | None,
        typer.Option(
            min=0, max=50, help="Lead the best record needs over the next (5).", show_default=False
        ),
    ] = None,
) -> None:
    """Resolve names to compound ids; exit 1 if any is ambiguous or unknown."""
    code = fast.resolve_command(
        root_arg(ctx), names, fmt and fmt.value, refresh, cutoff=cutoff, margin=margin
    )
    raise typer.Exit(code)


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[
        str | None, typer.Argument(help="Words to look for (optional with filters).")
    ] = None,
    status: Annotated[str | None, typer.Option(help="Only this status, e.g. approved.")] = None,
    evidence: Annotated[
        str | None, typer.Option(help="Only this evidence level, e.g. 'human trials'.")
    ] = None,
    outcome: Annotated[
        str | None, typer.Option(help="Only records with an outcome containing this.")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--type", help="Only compound, food or practice.")
    ] = None,
    source_type: Annotated[
        str | None, typer.Option(help="Only records linking a source of this type.")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many results.")] = None,
    fmt: Annotated[
        TableFormat | None, typer.Option("--format", "-f", help="text or json.", show_default=False)
    ] = None,
) -> None:
    """Rank compounds by how well QUERY matches names, targets, domains, outcomes and notes."""
    from curate.lookup import index as index_mod
    from curate.lookup import search as searching
    from curate.records import model

    for value, allowed, flag in (
        (status, model.STATUSES, "--status"), (evidence, model.EVIDENCE_LEVELS, "--evidence"),
        (kind, model.COMPOUND_TYPES, "--type"), (source_type, model.SOURCE_TYPES, "--source-type"),
    ):  # fmt: skip
        if value is not None and value not in allowed:
            raise CurateError(f"{flag} {value!r} is not one of: {', '.join(allowed)}")
    filters = searching.Filters(status, evidence, outcome, kind, source_type)
    root = _root(ctx)
    chosen = chosen_format(root, "search", fmt, "text")
    index = index_mod.Index(root)
    try:
        hits = searching.search(index, query, filters, limit)
    finally:
        index.close()
    fast.warn_skipped(index.skipped)
    if chosen == "json":
        import json

        sys.stdout.write(
            json.dumps([h.as_dict() for h in hits], indent=2, ensure_ascii=False) + "\n"
        )
    else:
        from curate.cli import report

        report.search_table(hits, report.console())
    raise typer.Exit(0 if hits else EXIT_FINDINGS)


@app.command()
def scan(
    ctx: typer.Context,
    files: Annotated[
        list[str] | None, typer.Argument(help="Text files to scan (default or '-': stdin).")
    ] = None,
    fmt: Annotated[
        TableFormat | None, typer.Option("--format", "-f", help="text or json.", show_default=False)
    ] = None,
) -> None:
    """Find the known compounds a text mentions, with where and how each is named."""
    from curate.lookup import index as index_mod
    from curate.lookup import scan as scanning

    root = _root(ctx)
    chosen = chosen_format(root, "scan", fmt, "text")
    inputs = [scanning.read_input(f) for f in files or ["-"]]
    index = index_mod.Index(root)
    try:
        automaton = scanning.load(index)
        results = []
        for name, text in inputs:
            found = scanning.scan_text(automaton, text)
            records = {rid: index.record("compound", rid) or {"id": rid} for rid in found}
            results.append((name, found, records))
    finally:
        index.close()
    fast.warn_skipped(index.skipped)
    if chosen == "json":
        from curate.cli import formats

        sys.stdout.write(formats.scan_json(results))
    else:
        from curate.cli import report

        report.scan_report(results, report.console())


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
def diff(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help="Record file, card, curation root or git revision.")],
    new: Annotated[
        str | None,
        typer.Argument(
            help="The same kinds; left out, OLD (a revision) is compared with the working tree."
        ),
    ] = None,
    fmt: Annotated[
        DiffFormat | None,
        typer.Option("--format", "-f", help="text, json or markdown.", show_default=False),
    ] = None,
    stat: Annotated[bool, typer.Option("--stat", help="Counts only.")] = False,
    strict_order: Annotated[
        bool, typer.Option("--strict-order", help="A reordered list is a change.")
    ] = False,
) -> None:
    """Compare two states of the knowledge base record by record; exit 1 if they differ."""
    from curate.kb import diff as differ
    from curate.kb import sides
    from curate.repo import store

    try:
        root: Path | None = _root(ctx)
    except CurateError:
        root = None  # files and folders need no root; revisions do, and say so
    root = root if root is None else store.find_root(root)
    chosen = chosen_format(root, "diff", fmt, "text")
    before, after = sides.resolve_sides(root, old, new)
    result = differ.compare(before, after, strict_order=strict_order)
    from curate.cli import formats

    if stat:
        sys.stdout.write(formats.diff_stat(result))
    elif chosen == "json":
        sys.stdout.write(formats.diff_json(result))
    elif chosen == "markdown":
        sys.stdout.write(formats.diff_markdown(result))
    else:
        from curate.cli import report

        report.diff_report(result, report.console())
    raise typer.Exit(0 if result.empty else EXIT_FINDINGS)


# Commands that live in their own modules, in the order --help lists them.
for command in (cli_batch.add, cli_batch.new, cli_batch.export, cli_lint.lint, cli_settings.config):
    app.command()(command)


def main() -> None:
    app(prog_name="curate")


__all__ = ["EXIT_FINDINGS", "app", "main"]
