"""A Typer-free path for the command curators run most: `curate show NAME`.

Importing Typer alone costs about five times a bare interpreter start, which
is the whole budget for a terminal lookup. Only the plain shape
`[--root DIR] show NAME [--format card|yaml|json|markdown]` with output to a
pipe or file is handled here; anything else (help, a terminal wanting the Rich
panel, unknown options) returns None and goes to the Typer app, which gives
the same results: tests run both paths on the same arguments.
"""

from __future__ import annotations

import sys

PLAIN_FORMATS = ("card", "yaml", "json", "markdown")


def _parse(argv: list[str]) -> tuple[str | None, str, str | None] | None:
    root: str | None = None
    args = list(argv)
    if args[:1] == ["--root"] and len(args) >= 2:
        root, args = args[1], args[2:]
    elif args[:1] and args[0].startswith("--root="):
        root, args = args[0].split("=", 1)[1], args[1:]
    if args[:1] != ["show"]:
        return None
    rest, fmt, name = args[1:], None, None
    while rest:
        head = rest.pop(0)
        if head in ("--format", "-f") and rest:
            fmt = rest.pop(0)
        elif head.startswith("--format="):
            fmt = head.split("=", 1)[1]
        elif head.startswith("-") or name is not None:
            return None
        else:
            name = head
    if name is None or (fmt is not None and fmt not in PLAIN_FORMATS):
        return None
    return root, name, fmt


def run(argv: list[str]) -> int | None:
    parsed = _parse(argv)
    if parsed is None:
        return None
    root_arg, name, fmt = parsed
    if fmt is None and sys.stdout.isatty():
        return None
    from curate import formats, lookup, store
    from curate.errors import CurateError

    try:
        compound, sources, warnings = lookup.load_for_show(store.find_root(root_arg), name)
    except CurateError as exc:
        sys.stderr.write(f"curate: error: {exc}\n")
        return exc.exit_code
    for message in warnings:
        sys.stderr.write(f"curate: {message}\n")
    sys.stdout.write(formats.RENDERERS[fmt or "card"](compound, sources))
    return 0
