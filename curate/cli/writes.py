"""Typer commands that write records: `add`, `new`, `export`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from curate.cli.common import TableFormat, chosen_format, note, root_of
from curate.errors import EXIT_FINDINGS, CurateError
from curate.records.model import Kind


class InputFormat(StrEnum):
    card = "card"
    yaml = "yaml"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


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
        TableFormat | None,
        typer.Option("--format", "-f", help="text or json report.", show_default=False),
    ] = None,
    lock_timeout: Annotated[float, typer.Option(help="Seconds to wait for another writer.")] = 60.0,
) -> None:
    """Import records, all or nothing: cards, YAML, JSON, JSON Lines or CSV."""
    from curate.kb import batch
    from curate.lookup import index as index_mod
    from curate.records import ingest
    from curate.repo import journal, store

    root = root_of(ctx)
    chosen = chosen_format(root, "add", fmt, "text")
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
    from curate.cli import formats

    if chosen == "json":
        sys.stdout.write(formats.plan_json(plan, dry_run))
    else:
        sys.stdout.write(formats.plan_text(plan, dry_run))
    raise typer.Exit(0 if plan.ok else EXIT_FINDINGS)


def _progress(total: int) -> Callable[[], None] | None:
    """A Rich progress bar on a terminal, for batches worth watching."""
    if total < 300 or not sys.stderr.isatty():
        return None
    from curate.cli import report

    return report.progress_ticker(total, "checking records")


def new(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="Id of the new record.")],
    source: Annotated[
        bool, typer.Option("--source", help="A source record, not a compound.")
    ] = False,
) -> None:
    """Write a commented template record for hand editing (never overwrites)."""
    from curate.repo import scaffold, store

    kind: Kind = "source" if source else "compound"
    root = root_of(ctx)
    path = store.record_path(root, kind, record_id)
    store.write_atomic(path, scaffold.template(kind, record_id), overwrite=False)
    typer.echo(str(path))


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    cards = "cards"
    sqlite = "sqlite"


def export(
    ctx: typer.Context,
    fmt_given: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format", "-f", help="jsonl (default), csv, cards or sqlite.", show_default=False
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing output file.")
    ] = False,
) -> None:
    """Write the whole knowledge base out; `curate add` reads jsonl, csv and cards back."""
    from curate.kb import export as exporter
    from curate.kb.knowledge import KnowledgeBase
    from curate.repo import store

    root = root_of(ctx)
    fmt = ExportFormat(chosen_format(root, "export", fmt_given, "jsonl"))
    kb = KnowledgeBase.load(root)
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
