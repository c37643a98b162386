"""The commands that read the knowledge base: show, resolve, search, scan, diff.

Core modules are imported inside the bodies, so that each command pays only for
what it uses (an import-budget test holds each to its list).
"""

from __future__ import annotations

import sys
from pathlib import Path

from curate.cli import common
from curate.cli.spec import Arg, Flag, Globals, Opt, command
from curate.errors import EXIT_FINDINGS, CurateError
from curate.records import model
from curate.records.formatchoices import FORMATS


@command(
    "show",
    Arg("name", "Compound id or alias.", required=True, metavar="NAME", complete="names"),
    Opt("--format", "-f", dest="fmt", choices=FORMATS["show"],
        help="Output format (default: rich on a terminal, else card)."),
)  # fmt: skip
def show(g: Globals, name: str, fmt: str | None) -> int:
    """Print one compound record, found by id or alias."""
    from curate import config
    from curate.lookup import find

    root = common.root(g)
    settings = common.settings_of(root)
    fmt = fmt or settings["show.format"]
    limits = config.resolve_limits(settings)
    compound, sources, messages = find.load_for_show(root, name, limits)
    for message in messages:
        common.note(message)
    if fmt == "rich" or (fmt is None and sys.stdout.isatty()):
        from curate.cli import report

        report.console(g).print(report.compound_panel(compound, sources))
        return 0
    from curate.cli import formats

    sys.stdout.write(formats.RENDERERS[fmt or "card"](compound, sources))
    return 0


@command(
    "resolve",
    Arg("names", "Names to resolve (default: one per line on stdin).", many=True,
        metavar="NAME", complete="names"),
    Opt("--format", "-f", dest="fmt", choices=FORMATS["resolve"], help="text, tsv or json."),
    Flag("--refresh", dest="refresh", help="Compare every record file with the index from scratch."),
    Flag("--explain", dest="explain",
         help="Under each answer, each stage tried, the key it looked up and why it stopped."),
    Opt("--cutoff", dest="cutoff", kind="float", minimum=50, metavar="SCORE",
        help="Lowest fuzzy score (50-100) that resolves a name (default 85)."),
    Opt("--margin", dest="margin", kind="float", minimum=0, metavar="POINTS",
        help="Lead the best record needs over the next, else ambiguous (default 5)."),
)  # fmt: skip
def resolve(
    g: Globals, names: list[str], fmt: str | None, refresh: bool, explain: bool,
    cutoff: float | None, margin: float | None,
) -> int:  # fmt: skip
    """Resolve names to compound ids; exit 1 if any is ambiguous or unknown."""
    from curate import config
    from curate.cli import formats
    from curate.lookup import index as index_mod
    from curate.lookup import resolve as resolver

    queries = common.names_from(names)
    root = common.root(g)
    settings = common.settings_of(root)
    fmt = fmt or settings["resolve.format"] or "text"
    limits = config.resolve_limits(settings, cutoff, margin)
    index = index_mod.Index(root, refresh=False)
    try:
        index.refresh(force=refresh)
        answers = [resolver.resolve_checked(index, q, limits) for q in queries]
    finally:
        index.close()
    common.warn_skipped(index.skipped)
    sys.stdout.write(formats.resolutions(answers, fmt, explain))
    return 0 if all(a.resolved for a in answers) else EXIT_FINDINGS


@command(
    "search",
    Arg("query", "Words to look for (optional with filters).", metavar="QUERY"),
    Opt("--status", dest="status", choices=model.STATUSES, help="Only this status."),
    Opt("--evidence", dest="evidence", choices=model.EVIDENCE_LEVELS,
        help="Only this evidence level, e.g. 'human trials'."),
    Opt("--outcome", dest="outcome", help="Only records with an outcome containing this."),
    Opt("--type", dest="kind", choices=model.COMPOUND_TYPES, help="Only this type of record."),
    Opt("--source-type", dest="source_type", choices=model.SOURCE_TYPES,
        help="Only records linking a source of this type."),
    Opt("--limit", dest="limit", kind="int", minimum=1, help="At most this many results."),
    Opt("--format", "-f", dest="fmt", choices=FORMATS["search"], help="text or json."),
)  # fmt: skip
def search(
    g: Globals, query: str | None, status: str | None, evidence: str | None,
    outcome: str | None, kind: str | None, source_type: str | None, limit: int | None,
    fmt: str | None,
) -> int:  # fmt: skip
    """Rank compounds by how well QUERY matches names, targets, domains, outcomes and notes."""
    from curate.lookup import index as index_mod
    from curate.lookup import search as searching

    filters = searching.Filters(status, evidence, outcome, kind, source_type)
    root = common.root(g)
    fmt = common.chosen_format(root, "search", fmt, "text")
    index = index_mod.Index(root)
    try:
        hits = searching.search(index, query, filters, limit)
    finally:
        index.close()
    common.warn_skipped(index.skipped)
    if fmt == "json":
        import json

        sys.stdout.write(
            json.dumps([h.as_dict() for h in hits], indent=2, ensure_ascii=False) + "\n"
        )
    elif hits:
        from curate.cli import text as plain

        sys.stdout.write(plain.search_table(hits, plain.Paint.of(g, sys.stdout)))
    else:
        common.note_plain("no matching compounds")
    return 0 if hits else EXIT_FINDINGS


@command(
    "scan",
    Arg("files", "Text files to scan (default or '-': stdin).", many=True, metavar="FILE",
        complete="files"),
    Opt("--format", "-f", dest="fmt", choices=FORMATS["scan"], help="text or json."),
)  # fmt: skip
def scan(g: Globals, files: list[str], fmt: str | None) -> int:
    """Find the known compounds a text mentions, with where and how each is named; then the
    near misses to check and the compound-like terms in no record (the to-do list)."""
    from curate.lookup import index as index_mod
    from curate.lookup import review
    from curate.lookup import scan as scanning

    root = common.root(g)
    fmt = common.chosen_format(root, "scan", fmt, "text")
    inputs = [scanning.read_pieces(f) for f in files or ["-"]]
    index = index_mod.Index(root)
    try:
        dictionary = scanning.load(index)
        results = [review.scan_input(index, dictionary, name, pieces) for name, pieces in inputs]
    finally:
        index.close()
    common.warn_skipped(index.skipped)
    if fmt == "json":
        from curate.cli import scanjson

        sys.stdout.writelines(scanjson.chunks(results))
    else:
        from curate.cli import text as plain

        sys.stdout.write(plain.scan_report(results, plain.Paint.of(g, sys.stdout)))
    return 0


@command(
    "diff",
    Arg("old", "Record file, card, curation root or git revision.", required=True,
        metavar="OLD", complete="files"),
    Arg("new", "The same kinds; left out, OLD (a revision) is compared with the working tree.",
        metavar="NEW", complete="files"),
    Opt("--format", "-f", dest="fmt", choices=FORMATS["diff"],
        help="text, json or markdown."),
    Flag("--stat", dest="stat", help="Counts only."),
    Flag("--strict-order", dest="strict_order", help="A reordered list is a change."),
)  # fmt: skip
def diff(
    g: Globals, old: str, new: str | None, fmt: str | None, stat: bool, strict_order: bool
) -> int:
    """Compare two states of the knowledge base record by record; exit 1 if they differ."""
    from curate.cli import formats
    from curate.kb import diff as differ
    from curate.kb import sides
    from curate.repo import store

    try:
        root: Path | None = common.root(g)
    except CurateError:
        root = None  # files and folders need no root; revisions do, and say so
    root = root if root is None else store.find_root(root)
    fmt = common.chosen_format(root, "diff", fmt, "text")
    before, after = sides.resolve_sides(root, old, new)
    result = differ.compare(before, after, strict_order=strict_order)
    if stat:
        sys.stdout.write(formats.diff_stat(result))
    elif fmt == "json":
        sys.stdout.write(formats.diff_json(result))
    elif fmt == "markdown":
        sys.stdout.write(formats.diff_markdown(result))
    else:
        from curate.cli import text as plain

        sys.stdout.write(plain.diff_report(result, plain.Paint.of(g, sys.stdout)))
        sys.stderr.write(plain.diff_summary(result))
    return 0 if result.empty else EXIT_FINDINGS
