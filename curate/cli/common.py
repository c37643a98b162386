"""What the command modules share: the root, messages on stderr, a format choice."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer


def root_of(ctx: typer.Context) -> Path:
    from curate.repo import store

    obj = ctx.find_root().obj or {}
    return store.find_root(obj.get("root"))


def root_arg(ctx: typer.Context) -> str | None:
    """The --root option as given, for the command bodies in fast.py (which find the root)."""
    root = (ctx.find_root().obj or {}).get("root")
    return None if root is None else str(root)


def note(message: str) -> None:
    typer.echo(f"curate: {message}", err=True)


class TableFormat(StrEnum):
    text = "text"
    json = "json"
