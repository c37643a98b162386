"""Shell completion's values: a param's choices, or the record ids and aliases of the root.

Used only by the Typer app (completion runs there, driven by `_CURATE_COMPLETE`),
so reading the name index here costs a plain `curate show` nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from curate.cli.spec import Param

Completer = Callable[..., list[str]]


def completer(p: Param) -> Completer | None:
    if p.choices:
        choices = p.choices
        return lambda incomplete: [c for c in choices if c.startswith(incomplete)]
    if p.complete == "names":
        return record_names
    return None  # files: the shell's own completion (the scripts fall back to it)


def record_names(ctx: Any, incomplete: str) -> list[str]:
    """Ids and aliases that start with what is typed, ids first (Typer drops any other)."""
    from curate.lookup.index import Index
    from curate.repo import store

    try:
        root = store.find_root(_root_given(ctx))
        index = Index(root)
    except Exception:  # completion must never print a traceback into the shell
        return []
    try:
        rows = index.all_names()
    finally:
        index.close()
    ids = sorted({rid for _file, rid, _name, _key in rows})
    names = sorted({name for _file, _rid, name, _key in rows} - set(ids))
    return [n for n in [*ids, *names] if n.startswith(incomplete)]


def _root_given(ctx: Any) -> str | None:
    """--root after the command, else before it."""
    while ctx is not None:
        for key in ("global_root", "root"):
            value = ctx.params.get(key)
            if value:
                return str(value)
        ctx = ctx.parent
    return None
