"""The commands that read the record history: log and blame.

Core modules are imported inside the bodies, so that each command pays only for
what it uses.
"""

from __future__ import annotations

import sys

from curate.cli import common
from curate.cli.spec import Arg, Flag, Globals, Opt, command
from curate.errors import CurateError
from curate.records import model

# Fields `--field` accepts: the stored ones and the derived ones `diff` reports.
KNOWN_FIELDS = tuple(
    dict.fromkeys(
        [f for f, _l, _i in (*model.COMPOUND_FIELDS, *model.SOURCE_FIELDS)]
        + ["source_types", "linked_sources"]
    )
)


@command(
    "log",
    Arg("name", "Compound id, alias or name, as show takes it (left out: the whole knowledge base).",
        metavar="NAME", complete="names"),
    Arg("revs", "Revisions to walk, e.g. main..HEAD (default HEAD); A..B alone: the whole knowledge base.",
        metavar="REVS"),
    Opt("--field", dest="fields", many=True, metavar="FIELD",
        help="Only changes to this field."),
    Flag("--with-sources", dest="with_sources", help="Also changes to the sources it links."),
    Opt("--since", dest="since", metavar="DATE", help="Only commits after this date."),
    Opt("--until", dest="until", metavar="DATE", help="Only commits before this date."),
    Opt("-n", "--max-count", dest="limit", kind="int", minimum=1,
        help="At most this many commits."),
    Flag("--all", dest="show_all", help="Also commits that changed no meaning (reformatting)."),
    Opt("--format", "-f", dest="fmt", choices=("text", "json", "markdown"), default="text",
        help="text, json or markdown."),
)  # fmt: skip
def log(
    g: Globals,
    name: str | None,
    revs: str | None,
    fields: list[str],
    with_sources: bool,
    since: str | None,
    until: str | None,
    limit: int | None,
    show_all: bool,
    fmt: str,
) -> int:
    """The history of a record (or of the knowledge base) by meaning, newest first."""
    from curate.cli import historyformats as render
    from curate.kb import changelog, history

    if name is not None and revs is None and ".." in name:
        name, revs = None, name  # a range alone: the knowledge base's history
    for field in fields:
        if field not in KNOWN_FIELDS:
            raise CurateError(f"--field {field!r} is not one of: {', '.join(KNOWN_FIELDS)}")
    query = history.Query(
        [revs] if revs else [], since, until, fields, with_sources, show_all, limit
    )
    root = common.root(g)
    if name is None:
        whole = changelog.kb_history(root, query)
        if fmt == "json":
            sys.stdout.write(render.kb_json(whole, query.revs))
        elif fmt == "markdown":
            sys.stdout.write(render.kb_markdown(whole))
        else:
            _print(g, render.kb_text(whole))
        return 0
    found = history.record_history(root, name, query)
    common.warn_skipped(found.messages)
    events = history.shown(found, query)
    more = max(len(events) - limit, 0) if limit is not None else 0
    events = events[:limit] if limit is not None else events
    if fmt == "json":
        sys.stdout.write(render.record_json(found, events, query.revs))
    elif fmt == "markdown":
        sys.stdout.write(render.record_markdown(found, events))
    else:
        _print(g, render.record_text(found, events, more))
    return 0


@command(
    "blame",
    Arg("name", "Compound id, alias or name, as show takes it.", required=True, metavar="NAME",
        complete="names"),
    Arg("revision", "The revision to blame (default HEAD).", metavar="REV"),
    Opt("--format", "-f", dest="fmt", choices=("text", "json"), default="text",
        help="text or json."),
)  # fmt: skip
def blame(g: Globals, name: str, revision: str | None, fmt: str) -> int:
    """Who last set each field of a record, and each item of its lists, by meaning."""
    from curate.cli import historyformats as render
    from curate.kb import blame as blaming

    found = blaming.blame(common.root(g), name, revision)
    common.warn_skipped(found.messages)
    if fmt == "json":
        sys.stdout.write(render.blame_json(found, revision))
    else:
        _print(g, render.blame_text(found))
    return 0


def _print(g: Globals, lines: list[tuple[str, str]]) -> None:
    from curate.cli import text

    paint = text.Paint.of(g, sys.stdout)
    sys.stdout.write("".join(f"{paint(line, style)}\n" for line, style in lines))
