"""Typer commands: parse arguments, call the core, choose a reporter, set the exit code.

Core modules are imported inside commands so that `curate show` does not pay
for jsonschema, rapidfuzz or Rich unless it uses them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from curate.errors import EXIT_FINDINGS, EXIT_USAGE, CurateError
from curate.model import Kind

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
            typer.echo(
                f"curate: internal error: {type(exc).__name__}: {exc} (set CURATE_DEBUG=1 for details)",
                err=True,
            )
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


def _root(ctx: typer.Context) -> Path:
    from curate import store

    obj = ctx.find_root().obj or {}
    return store.find_root(obj.get("root"))


def note(message: str) -> None:
    typer.echo(f"curate: {message}", err=True)


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

    compound, sources, messages = lookup.load_for_show(_root(ctx), name)
    for message in messages:
        note(message)
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


class ResolveFormat(StrEnum):
    text = "text"
    tsv = "tsv"
    json = "json"


def _names_from(args: list[str] | None) -> list[str]:
    """NAME arguments, else one name per line of stdin."""
    if args:
        return args
    if sys.stdin.isatty():
        raise CurateError("give one or more names, or pipe them one per line on stdin")
    return [line.strip() for line in sys.stdin if line.strip()]


@app.command()
def resolve(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None, typer.Argument(help="Names to resolve (default: one per line on stdin).")
    ] = None,
    fmt: Annotated[
        ResolveFormat, typer.Option("--format", "-f", help="text, tsv or json.")
    ] = ResolveFormat.text,
    refresh: Annotated[
        bool,
        typer.Option(
            "--refresh", help="Check every record file first (sees in-place edits anywhere)."
        ),
    ] = False,
) -> None:
    """Resolve names to compound ids; exit 1 if any is ambiguous or unknown."""
    from curate import index as index_mod
    from curate import resolve as resolver

    queries = _names_from(names)
    index = index_mod.Index(_root(ctx))
    try:
        if refresh:
            index.refresh(force=True)
        answers = [resolver.resolve_checked(index, q) for q in queries]
    finally:
        index.close()
    from curate import formats

    sys.stdout.write(formats.resolutions(answers, fmt.value))
    raise typer.Exit(0 if all(a.resolved for a in answers) else EXIT_FINDINGS)


class TableFormat(StrEnum):
    text = "text"
    json = "json"


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
        TableFormat, typer.Option("--format", "-f", help="text or json.")
    ] = TableFormat.text,
) -> None:
    """Rank compounds by how well QUERY matches names, targets, domains, outcomes and notes."""
    from curate import index as index_mod
    from curate import model
    from curate import search as searching

    for value, allowed, flag in (
        (status, model.STATUSES, "--status"), (evidence, model.EVIDENCE_LEVELS, "--evidence"),
        (kind, model.COMPOUND_TYPES, "--type"), (source_type, model.SOURCE_TYPES, "--source-type"),
    ):  # fmt: skip
        if value is not None and value not in allowed:
            raise CurateError(f"{flag} {value!r} is not one of: {', '.join(allowed)}")
    filters = searching.Filters(status, evidence, outcome, kind, source_type)
    index = index_mod.Index(_root(ctx))
    try:
        hits = searching.search(index, query, filters, limit)
    finally:
        index.close()
    if fmt is TableFormat.json:
        import json

        sys.stdout.write(
            json.dumps([h.as_dict() for h in hits], indent=2, ensure_ascii=False) + "\n"
        )
    else:
        from curate import report

        report.search_table(hits, report.console())
    raise typer.Exit(0 if hits else EXIT_FINDINGS)


@app.command()
def scan(
    ctx: typer.Context,
    files: Annotated[
        list[str] | None, typer.Argument(help="Text files to scan (default or '-': stdin).")
    ] = None,
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help="text or json.")
    ] = TableFormat.text,
) -> None:
    """Find the known compounds a text mentions, with where and how each is named."""
    from curate import index as index_mod
    from curate import scan as scanning

    inputs = [scanning.read_input(f) for f in files or ["-"]]
    index = index_mod.Index(_root(ctx))
    try:
        automaton = scanning.load(index)
        results = []
        for name, text in inputs:
            found = scanning.scan_text(automaton, text)
            records = {rid: index.record("compound", rid) or {"id": rid} for rid in found}
            results.append((name, found, records))
    finally:
        index.close()
    if fmt is TableFormat.json:
        from curate import formats

        sys.stdout.write(formats.scan_json(results))
    else:
        from curate import report

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
        DiffFormat, typer.Option("--format", "-f", help="text, json or markdown.")
    ] = DiffFormat.text,
    stat: Annotated[bool, typer.Option("--stat", help="Counts only.")] = False,
    strict_order: Annotated[
        bool, typer.Option("--strict-order", help="A reordered list is a change.")
    ] = False,
) -> None:
    """Compare two states of the knowledge base record by record; exit 1 if they differ."""
    from curate import diff as differ
    from curate import sides, store

    try:
        root: Path | None = _root(ctx)
    except CurateError:
        root = None  # files and folders need no root; revisions do, and say so
    before, after = sides.resolve_sides(root if root is None else store.find_root(root), old, new)
    result = differ.compare(before, after, strict_order=strict_order)
    from curate import formats

    if stat:
        sys.stdout.write(formats.diff_stat(result))
    elif fmt is DiffFormat.json:
        sys.stdout.write(formats.diff_json(result))
    elif fmt is DiffFormat.markdown:
        sys.stdout.write(formats.diff_markdown(result))
    else:
        from curate import report

        report.diff_report(result, report.console())
    raise typer.Exit(0 if result.empty else EXIT_FINDINGS)


class InputFormat(StrEnum):
    card = "card"
    yaml = "yaml"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def add(
    ctx: typer.Context,
    files: Annotated[
        list[str] | None, typer.Argument(help="Input files ('-' or none: stdin).")
    ] = None,
    source_format: Annotated[
        InputFormat | None,
        typer.Option("--from", help="Input format (default: by file extension)."),
    ] = None,
    update: Annotated[
        bool, typer.Option("--update", help="Rewrite records that exist and differ.")
    ] = False,
    merge: Annotated[
        bool, typer.Option("--merge", help="Like --update, but list fields are unioned.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help="text or json report.")
    ] = TableFormat.text,
    lock_timeout: Annotated[float, typer.Option(help="Seconds to wait for another writer.")] = 60.0,
) -> None:
    """Import records, all or nothing: cards, YAML, JSON, JSON Lines or CSV."""
    from curate import batch, ingest, journal, store
    from curate import index as index_mod

    root = _root(ctx)
    items, errors = [], []
    for path in files or ["-"]:
        found, problems = ingest.read(path, source_format.value if source_format else None)
        items.extend(found)
        errors.extend(problems)
    with journal.locked(root, timeout=lock_timeout), store.gc_paused():
        index = index_mod.Index(root)
        try:
            plan = batch.Planner(root, index, update=update, merge=merge).run(
                items, _progress(len(items))
            )
        finally:
            index.close()
        plan.errors[:0] = [batch.Issue(e.where(), e.message) for e in errors]
        if plan.ok and not dry_run:
            journal.commit(root, plan.files(root))
    from curate import formats

    if fmt is TableFormat.json:
        sys.stdout.write(formats.plan_json(plan, dry_run))
    else:
        sys.stdout.write(formats.plan_text(plan, dry_run))
    raise typer.Exit(0 if plan.ok else EXIT_FINDINGS)


def _progress(total: int) -> Callable[[], None] | None:
    """A Rich progress bar on a terminal, for batches worth watching."""
    if total < 300 or not sys.stderr.isatty():
        return None
    from curate import report

    return report.progress_ticker(total, "checking records")


@app.command()
def new(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the new record.")],
    source: Annotated[
        bool, typer.Option("--source", help="A source record, not a compound.")
    ] = False,
) -> None:
    """Write a commented template record for hand editing (never overwrites)."""
    from curate import scaffold, store

    kind: Kind = "source" if source else "compound"
    root = _root(ctx)
    path = store.record_path(root, kind, record_id)
    store.write_atomic(path, scaffold.template(kind, record_id), overwrite=False)
    typer.echo(str(path))


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    cards = "cards"
    sqlite = "sqlite"


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="jsonl, csv, cards or sqlite.")
    ] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing output file.")
    ] = False,
) -> None:
    """Write the whole knowledge base out; `curate add` reads jsonl, csv and cards back."""
    from curate import export as exporter
    from curate import store
    from curate.kb import KnowledgeBase

    kb = KnowledgeBase.load(_root(ctx))
    if kb.errors:
        raise kb.errors[0]
    if output is not None and output.exists() and not force:
        raise CurateError("exists already; --force replaces it", output)
    if fmt is ExportFormat.sqlite:
        if output is None:
            raise CurateError("--format sqlite needs --output FILE")
        exporter.sqlite(kb, output)
        return
    if fmt is ExportFormat.cards:
        for sid in exporter.unlinked_sources(kb):
            note(f"warning: source {sid} is linked by no compound, so no card carries it")
    chunks = {"jsonl": exporter.jsonl, "csv": exporter.csv_text, "cards": exporter.cards_text}[
        fmt.value
    ](kb)
    if output is None:
        sys.stdout.writelines(chunks)
    else:
        store.write_atomic(output, "".join(chunks))


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


@app.command()
def lint(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Record files to report on (default: the whole root)."),
    ] = None,
    fmt: Annotated[
        LintFormat | None,
        typer.Option(
            "--format", "-f", help="text, json, github or sarif (github under GITHUB_ACTIONS)."
        ),
    ] = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="Rewrite fixable files into canonical form.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Only these rules (codes, prefixes or names)."),
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Skip these rules.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Read every file afresh.")] = False,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="Describe every rule and exit.")
    ] = False,
) -> None:
    """Check records against the schemas and each other; exit 1 on errors."""
    from curate.lint import engine, output, rules

    if list_rules:
        from curate import report

        report.rule_list(rules.all_rules(), report.console())
        return
    engine.selected([], select or [], ignore or [])  # unknown rule names fail before any work
    root = _root(ctx)
    result = engine.lint(root, files, fix=fix, use_cache=not no_cache, select=select, ignore=ignore)
    chosen = fmt or (
        LintFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else LintFormat.text
    )
    if chosen is LintFormat.text:
        from curate import report

        report.lint_text(result.problems, _display_path(root), report.console())
        report.lint_summary(result.problems, result.files, result.fixed, report.err_console())
    else:
        render = {"json": output.as_json, "github": output.as_github, "sarif": output.as_sarif}
        sys.stdout.write(render[chosen.value](result))
    failed = result.errors or (strict and result.warnings)
    raise typer.Exit(EXIT_FINDINGS if failed else 0)


def _display_path(root: Path) -> Callable[[str], str]:
    """Paths as the user would type them from here: relative when under the working folder."""
    cwd = Path.cwd()

    def show(rel: str) -> str:
        full = root / rel
        return full.relative_to(cwd).as_posix() if full.is_relative_to(cwd) else str(full)

    return show


def main() -> None:
    app(prog_name="curate")


__all__ = ["EXIT_FINDINGS", "app", "main"]
