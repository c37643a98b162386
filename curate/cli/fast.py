"""The plain path every run takes: argv read from the declarations, the body called, no Typer.

Typer (about five interpreter starts to import, and a pydantic adapter per parameter
when it parses) is only for shell completion and for commands not declared in `spec`;
`run` returns None for those and `curate.__main__` hands them to the Typer app, whose
commands call the same bodies: tests run both paths and compare every byte.
"""

from __future__ import annotations

import os
import sys

from curate.cli import argv as cli_argv
from curate.cli import guard, spec
from curate.errors import EXIT_USAGE

COMPLETE_VAR = "_CURATE_COMPLETE"


def run(args: list[str]) -> int | None:
    if os.environ.get(COMPLETE_VAR):
        return None
    commands = spec.all_commands()
    try:
        call = cli_argv.parse(args, commands)
    except cli_argv.UsageError as exc:
        return guard.failed(exc)
    if call.action == "typer":
        return None
    if call.action == "version":
        return guard.run(lambda: _write(f"curate {version()}\n"))
    if call.action == "help":
        from curate.cli import helptext

        if call.command is not None:
            text = helptext.command_help(call.command)
            return guard.run(lambda: _write(text))
        text = helptext.group_help(commands.values())
        if not args:  # a bare `curate`: usage on stderr, as for any usage error
            sys.stderr.write(text)
            return EXIT_USAGE
        return guard.run(lambda: _write(text))
    assert call.command is not None
    body = call.command.body
    return guard.run(lambda: body(call.globals, **call.values))


def version() -> str:
    from importlib.metadata import version as installed

    return installed("curate")


def _write(text: str) -> int:
    sys.stdout.write(text)
    return 0
