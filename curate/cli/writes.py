"""The commands that write: `init`, `add`, `new`, `export`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from curate.cli import common
from curate.cli.spec import Arg, Flag, Globals, Opt, command
from curate.errors import EXIT_FINDINGS, CurateError, Refused
from curate.records import model
from curate.records.formatchoices import FORMATS
from curate.records.model import Kind

if TYPE_CHECKING:
    from curate.lint.problem import Problem

INPUT_FORMATS = ("card", "yaml", "json", "jsonl", "csv",
                 "references", "bibtex", "ris", "csl-json", "medline")  # fmt: skip


@command(
    "init", Arg("directory", "Folder for the new repository.", required=True, metavar="DIR",
                complete="files"),
    Opt("--hook-repo", dest="hook_repo", metavar="URL",
        help="curate's repository, for the pre-commit hook (default: where curate was installed from)."),
    Opt("--hook-rev", dest="hook_rev", metavar="REV", help="Tag or commit of --hook-repo (default: v and the version, as v0.1.0)."),
)  # fmt: skip
def init(g: Globals, directory: str, hook_repo: str | None, hook_rev: str | None) -> int:
    """Create a new curation repository (refuses to overwrite anything)."""
    from curate import __version__
    from curate.repo import scaffold

    hook = None if hook_repo is None else (hook_repo, hook_rev or f"v{__version__}")
    hook = hook or scaffold.hook_source()
    created = scaffold.init(Path(directory), hook)
    sys.stderr.write(f"created curation root {directory} ({len(created)} paths)\n")
    if hook is None:
        common.note(
            "the pre-commit hook runs `curate` from PATH: give --hook-repo (curate's repository)"
            " to have pre-commit install curate itself"
        )
    return 0


@command(
    "add",
    Arg("files", "Input files ('-' or none: stdin).", many=True, metavar="FILE", complete="files"),
    Opt("--from", dest="source_format", choices=INPUT_FORMATS,
        help="Input format (default: by file extension)."),
    Flag("--update", dest="update", help="Rewrite records that exist and differ."),
    Flag("--merge", dest="merge", help="Like --update, but list fields are unioned."),
    Flag("--dry-run", dest="dry_run", help="Show what would change; write nothing."),
    Opt("--format", "-f", dest="fmt", choices=FORMATS["add"], help="text or json report."),
    Opt("--lock-timeout", dest="lock_timeout", kind="float", default=60.0, minimum=0,
        help="Seconds to wait for another writer."),
    Flag("--verbose", dest="verbose", help="List every record, not just the counts."),
    Opt("--type", dest="source_type", choices=model.SOURCE_TYPES,
        help="Source type for imported references that do not say what they are."),
)  # fmt: skip
def add(
    g: Globals, files: list[str], source_format: str | None, update: bool, merge: bool,
    dry_run: bool, fmt: str | None, lock_timeout: float, verbose: bool, source_type: str | None,
) -> int:  # fmt: skip
    """Import records, all or nothing: cards, YAML, JSON, JSON Lines, CSV, or references
    (a reference list, BibTeX, RIS, CSL-JSON, MEDLINE)."""
    from curate.cli import formats
    from curate.kb import batch
    from curate.kb import citations as cited
    from curate.lookup import index as index_mod
    from curate.records import citations
    from curate.repo import journal, store

    root = common.root(g)
    fmt = common.chosen_format(root, "add", fmt, "text")
    items, references, errors = citations.read_inputs(files or ["-"], source_format)
    with journal.locked(root, timeout=lock_timeout, required=not dry_run), store.gc_paused():
        index = index_mod.Index(root)
        try:
            prepared = cited.prepare(references, index, source_type)
            items.extend(prepared.items)
            errors.extend(prepared.errors)
            with _progress(g, len(items)) as tick:
                plan = batch.Planner(root, index, update=update, merge=merge).run(items, tick)
        finally:
            index.close()
        plan.errors[:0] = [batch.Issue(e.where(), e.message) for e in errors]
        if plan.ok and not dry_run:
            store.keep_editor_schemas(root)
            journal.commit(root, plan.files(root))
    drafts = sorted(set(prepared.drafts) & {p.id for p in plan.created if p.kind == "source"})
    if drafts and plan.ok:
        common.note(
            f"note: {len(drafts)} new source(s) have no summary yet ({', '.join(drafts[:3])}"
            f"{', ...' if len(drafts) > 3 else ''}): `curate lint` reports them (CU308) "
            "until a curator writes one"
        )
    if fmt == "json":
        sys.stdout.write(formats.plan_json(plan, dry_run))
    else:
        sys.stderr.write(formats.plan_problems(plan))
        sys.stdout.write(formats.plan_text(plan, dry_run, verbose))
    return 0 if plan.ok else EXIT_FINDINGS


@contextmanager
def _progress(g: Globals, total: int) -> Iterator[Callable[[], None] | None]:
    """A Rich progress bar on a terminal, for batches worth watching; gone when the block ends."""
    if total < 300 or not sys.stderr.isatty():
        yield None
        return
    from curate.cli import report

    with report.progress_ticker(g, total, "checking records") as tick:
        yield tick


@command(
    "new",
    Arg("record_id", "Id of the new record.", required=True, metavar="ID"),
    Flag("--source", dest="source", help="A source record, not a compound."),
)  # fmt: skip
def new(g: Globals, record_id: str, source: bool) -> int:
    """Write a commented template record for hand editing (never overwrites)."""
    from curate.repo import scaffold, store

    kind: Kind = "source" if source else "compound"
    root = common.root(g)
    path = store.record_path(root, kind, record_id)
    store.keep_editor_schemas(root)
    store.write_atomic(path, scaffold.template(kind, record_id, root), overwrite=False)
    sys.stdout.write(f"{path}\n")
    return 0


def _lint_errors(root: Path) -> list[Problem]:
    """What stops an export: the root's lint errors (from lint's cache where nothing changed).

    A database or file built from records that fail their schemas or link missing
    sources would pass the damage on to everyone who reads it. The rules run with the
    root's options, as `curate lint` runs them, so that both use one cache (options only
    tune warnings; which problems are errors is the rules' own say, not the settings').
    """
    from curate import config
    from curate.lint import engine
    from curate.lint.policy import Policy
    from curate.lint.problem import ERROR

    options = config.lint_policy(config.load(root)).options
    found = engine.lint(root, policy=Policy(options=options)).problems
    return [p for p in found if p.severity == ERROR]


def _export_file(root: Path, output: Path | None, fmt: str, force: bool) -> Path | None:
    """Where an export goes (None: stdout), refusing places it must not write."""
    if output is None or str(output) == "-":
        if fmt == "sqlite":
            raise CurateError("--format sqlite writes a database: give --output FILE (not '-')")
        return None
    if not output.parent.is_dir():
        raise CurateError("no such folder to write the export into", output.parent)
    # Resolved, so that neither a symlink nor '..' leads into the knowledge base.
    if output.resolve().is_relative_to((root / "data").resolve()):
        raise CurateError("refusing to write an export inside data/, over the records", output)
    if output.exists() and not force:
        raise CurateError("exists already; --force replaces it", output)
    if output.is_dir():
        raise CurateError("is a folder; give a file name", output)
    return output


@command(
    "export",
    Opt("--format", "-f", dest="fmt", choices=FORMATS["export"],
        help="jsonl (default), csv, cards, sqlite, bibtex, csl-json or ris."),
    Opt("--output", "-o", dest="output", metavar="FILE", complete="files",
        help="File to write (default: stdout)."),
    Flag("--force", dest="force", help="Replace an existing output file."),
    Opt("--compound", dest="compound", metavar="ID",
        help="bibtex, csl-json, ris: only the sources this compound links."),
    Flag("--no-check", dest="no_check", help="Export even if the root has lint errors."),
)  # fmt: skip
def export(
    g: Globals,
    fmt: str | None,
    output: str | None,
    force: bool,
    compound: str | None,
    no_check: bool,
) -> int:
    """Write the knowledge base out; `curate add` reads jsonl, csv, cards, bibtex, csl-json
    and ris back."""
    from curate.kb import export as exporter
    from curate.kb.knowledge import KnowledgeBase
    from curate.repo import store

    root = common.root(g)
    fmt = common.chosen_format(root, "export", fmt, "jsonl")
    target = _export_file(root, None if output is None else Path(output), fmt, force)
    refused = [] if no_check else _lint_errors(root)
    for problem in refused:
        common.note(f"error: {problem.location()}: {problem.code} {problem.message}")
    if refused:
        raise Refused(
            f"not exporting: {len(refused)} lint error(s) in {root}; "
            "fix them (see `curate lint`), or pass --no-check"
        )
    kb = KnowledgeBase.mirrored(root)
    if kb.errors:
        raise kb.errors[0]
    if compound is not None and fmt not in exporter.CITATION_FORMATS:
        raise CurateError("--compound goes with --format bibtex, csl-json or ris")
    if fmt in exporter.CITATION_FORMATS:
        text = exporter.citations_text(exporter.cited_sources(kb, compound), fmt)
        if target is None:
            sys.stdout.write(text)
        else:
            store.write_atomic(target, text)
        return 0
    if fmt == "sqlite":
        assert target is not None
        exporter.sqlite(kb, target)
        return 0
    if fmt == "cards":
        for sid in exporter.unlinked_sources(kb):
            common.note(f"warning: source {sid} is linked by no compound, so no card carries it")
    writer = {"jsonl": exporter.jsonl, "csv": exporter.csv_text, "cards": exporter.cards_text}
    chunks = writer[fmt](kb)
    if target is None:
        sys.stdout.writelines(chunks)
    else:
        store.write_atomic(target, "".join(chunks))
    return 0
