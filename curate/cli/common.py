"""What the commands share: the root, messages on stderr, names from stdin, colour."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from curate.cli.spec import Globals
from curate.errors import CurateError

if TYPE_CHECKING:
    from curate.config import Settings


def root(g: Globals) -> Path:
    from curate.repo import store

    return store.find_root(g.root)


def settings_of(root: Path | None) -> Settings:
    """The root's configuration (the defaults without a root)."""
    from curate import config

    return config.defaults() if root is None else config.load(root)


def chosen_format(root: Path | None, command: str, given: str | None, default: str) -> str:
    """--format as given, else the root's configured default, else the command's own."""
    if given is not None:
        return given
    return str(settings_of(root)[f"{command}.format"] or default)


def note(message: str) -> None:
    sys.stderr.write(f"curate: {message}\n")


def note_plain(message: str) -> None:
    """A message that reads as the command's own words (no `curate:` prefix)."""
    sys.stderr.write(f"{message}\n")


def warn_skipped(messages: list[str]) -> None:
    """Records the index could not read: an answer may be missing what they say."""
    for message in messages:
        note(message)


def names_from(args: list[str]) -> list[str]:
    """NAME arguments, else one name per line of stdin."""
    if args:
        return args
    if sys.stdin.isatty():
        raise CurateError("give one or more names, or pipe them one per line on stdin")
    return [line.strip() for line in sys.stdin if line.strip()]


def colour(g: Globals, stream: TextIO) -> bool:
    """--color, then NO_COLOR, then FORCE_COLOR (https://no-color.org, force-color.org), then a terminal."""
    if g.color != "auto":
        return g.color == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def columns() -> int:
    """shutil.get_terminal_size's answer, without importing shutil (and its bz2 and lzma)."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(1).columns
    except OSError:
        return 80
