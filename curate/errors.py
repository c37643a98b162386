"""Errors that end a command with a one-line message and an exit code."""

from __future__ import annotations

from pathlib import Path

EXIT_FINDINGS = 1
EXIT_USAGE = 2


class CurateError(Exception):
    """Bad input, configuration or usage: one line on stderr, exit 2."""

    exit_code = EXIT_USAGE

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        col: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.col = col

    def where(self) -> str:
        parts = [p for p in (self.path, self.line, self.col) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        where = self.where()
        # Messages are single lines by contract: folding keeps errors grep-able.
        text = " ".join(self.message.split())
        return f"{where}: {text}" if where else text


class NotFound(CurateError):
    """A name that resolves to nothing: a finding, exit 1."""

    exit_code = EXIT_FINDINGS
