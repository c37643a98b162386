"""The one error guard: every command, on either path, ends here with one line and an exit code.

It also owns standard output. A command that cannot write its result fails (a closed
stdout, a full disk: one line, exit 2); a reader that stops early (`| head -1`) gets
silence and the command ends as if killed by SIGPIPE, as `git log | head -1` does.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from typing import Any, TextIO, cast

from curate.cli.argv import UsageError
from curate.errors import EXIT_USAGE, CurateError

EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 128 + 13  # SIGPIPE


class OutputError(CurateError):
    """Standard output refused the result."""


class ReaderGone(Exception):
    """The reader of standard output closed its end: not an error, but nothing more to say."""


class Output:
    """Standard output, with its write failures told apart from every other OSError."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if text == "":  # (not b"": Click probes for a binary stream with that)
            return 0  # nothing to say needs no stdout
        stream = self._open()
        try:
            return stream.write(text)
        except OSError as exc:
            raise self._failed(exc) from None

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except OSError as exc:
            raise self._failed(exc) from None

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._open(), name)

    def _open(self) -> TextIO:
        if self._stream is None:
            raise OutputError("cannot write to standard output: it is closed")
        return self._stream

    def _failed(self, exc: OSError) -> Exception:
        _discard_stdout()
        if exc.errno == errno.EPIPE:
            return ReaderGone()
        reason = exc.strerror or str(exc)
        return OutputError(f"cannot write to standard output: {reason}")


def _discard_stdout() -> None:
    """What is still buffered goes nowhere: the interpreter's last flush must not fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass


class _Sink:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def install() -> None:
    """Wrap the process's stdout (a closed stderr becomes a sink: messages have nowhere to go)."""
    if sys.stderr is None:
        sys.stderr = cast(TextIO, _Sink())
    if not isinstance(sys.stdout, Output):
        sys.stdout = cast(TextIO, Output(sys.stdout))


def run(body: Callable[[], int], passthrough: tuple[type[BaseException], ...] = ()) -> int:
    """Run a command body: its exit code, or one line on stderr and the code its error calls for."""
    try:
        try:
            return body()
        finally:
            sys.stdout.flush()
    except passthrough:
        raise
    except ReaderGone:
        return EXIT_BROKEN_PIPE
    except CurateError as exc:
        return failed(exc)
    except KeyboardInterrupt:
        _say("curate: interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: still one line, unless debugging
        if os.environ.get("CURATE_DEBUG"):
            raise
        _say(f"curate: {internal_error(exc)}")
        return EXIT_USAGE


def failed(exc: CurateError) -> int:
    """One line for the error (a usage error adds where to read about usage); its exit code."""
    _say(f"curate: error: {exc}")
    if isinstance(exc, UsageError):
        _say(exc.hint())
    return exc.exit_code


def internal_error(exc: Exception) -> str:
    return f"internal error: {type(exc).__name__}: {exc} (set CURATE_DEBUG=1 for details)"


def _say(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except OSError:
        pass
