"""What the command modules share: the root, messages on stderr, a format choice."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from curate.config import Settings


def root_of(ctx: typer.Context) -> Path:
    from curate.repo import store

    obj = ctx.find_root().obj or {}
    return store.find_root(obj.get("root"))


def root_arg(ctx: typer.Context) -> str | None:
    """The --root option as given, for the command bodies in fast.py (which find the root)."""
    root = (ctx.find_root().obj or {}).get("root")
    return None if root is None else str(root)


def settings_of(root: Path | None) -> Settings:
    """The root's configuration (defaults without a root)."""
    from curate import config

    return config.defaults() if root is None else config.load(root)


def chosen_format(root: Path | None, command: str, given: StrEnum | None, default: str) -> str:
    """--format as given, else the root's configured default, else the command's own."""
    if given is not None:
        return given.value
    return str(settings_of(root)[f"{command}.format"] or default)


def note(message: str) -> None:
    typer.echo(f"curate: {message}", err=True)


class TableFormat(StrEnum):
    text = "text"
    json = "json"
