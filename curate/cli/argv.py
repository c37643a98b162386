"""The command line read from the declarations in `spec`, without Typer.

Shapes as Click reads them: `--opt VALUE`, `--opt=VALUE`, `-fVALUE`, `-f VALUE`,
flags, repeated options, `--` ending options, global options (`--root`, `--color`)
before or after the command's name. Values are checked here, for both paths: the
Typer app passes its raw strings through `values_of` as well.
"""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing
# compiles a NamedTuple's string annotations, and a process's first compile() costs a
# third of a `python -c pass`.

from collections.abc import Mapping
from typing import Any, Literal, NamedTuple

from curate.cli.spec import GLOBAL_PARAMS, Command, Globals, Param
from curate.errors import CurateError

Action = Literal["run", "help", "version", "typer"]
# Handled by Typer's completion machinery only.
TYPER_ONLY = ("--install-completion", "--show-completion")
HELP = ("-h", "--help")


class UsageError(CurateError):
    """A command line that does not fit the declarations: one line, a pointer to --help, exit 2."""

    def __init__(self, message: str, command: Command | None) -> None:
        super().__init__(message)
        self.command = command

    def hint(self) -> str:
        name = f"curate {self.command.name}" if self.command else "curate"
        return f"Try '{name} --help' for help."


class Invocation(NamedTuple):
    action: Action
    command: Command | None = None
    globals: Globals = Globals()
    values: dict[str, Any] = {}  # noqa: RUF012 - never mutated


def parse(argv: list[str], commands: Mapping[str, Command]) -> Invocation:
    tokens = list(argv)
    cmd: Command | None = None
    raw: dict[str, list[str]] = {}
    positionals: list[str] = []
    while tokens:
        tok = tokens.pop(0)
        if tok == "--" and cmd is not None:
            positionals += tokens
            break
        if tok == "-" or not tok.startswith("-"):
            if cmd is not None:
                positionals.append(tok)
            elif tok in commands:
                cmd = commands[tok]
            else:
                return Invocation("typer")  # perhaps a command only the Typer app has
            continue
        if tok in HELP:
            return Invocation("help", cmd)
        if tok in TYPER_ONLY:
            return Invocation("typer")
        if cmd is None and tok in ("-V", "--version"):
            return Invocation("version")
        _option(tok, tokens, cmd, raw)
    if cmd is None:
        if argv:
            raise UsageError("Missing command.", None)
        return Invocation("help")  # a bare `curate`, as Click's no_args_is_help
    values = _assign(cmd, positionals)
    for p in cmd.params:
        if p.is_option:
            values[p.dest] = raw.get(p.dest) if p.many else _last(raw.get(p.dest))
    return Invocation("run", cmd, globals_of(raw, cmd), values_of(cmd, values))


def _option(tok: str, tokens: list[str], cmd: Command | None, raw: dict[str, list[str]]) -> None:
    if tok.startswith("--"):
        name, eq, value = tok.partition("=")
    elif len(tok) > 2:  # -fjson
        name, eq, value = tok[:2], "=", tok[2:]
    else:
        name, eq, value = tok, "", ""
    params = [*GLOBAL_PARAMS, *(cmd.params if cmd else ())]
    param = next((p for p in params if name in p.flags), None)
    if param is None:
        import difflib  # only on this error path: it costs a tenth of a plain run

        known = [f for p in params for f in p.flags if f.startswith("--")] + ["--help"]
        close = difflib.get_close_matches(name, known, n=1)
        raise UsageError(
            f"No such option: {name}" + (f" (did you mean {close[0]}?)" if close else ""), cmd
        )
    if param.kind == "flag":
        if eq:
            raise UsageError(f"Option '{name}' does not take a value.", cmd)
        raw[param.dest] = ["yes"]
        return
    if not eq:
        if not tokens:
            raise UsageError(f"Option '{name}' requires an argument.", cmd)
        value = tokens.pop(0)
    raw.setdefault(param.dest, []).append(value)


def _assign(cmd: Command, positionals: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    rest = list(positionals)
    for p in cmd.params:
        if p.is_option:
            continue
        if p.many:
            values[p.dest], rest = rest, []
        elif rest:
            values[p.dest] = rest.pop(0)
        elif p.required:
            raise UsageError(f"Missing argument '{p.label}'.", cmd)
        else:
            values[p.dest] = None
    if rest:
        noun = "argument" if len(rest) == 1 else "arguments"
        raise UsageError(f"Got unexpected extra {noun} ({' '.join(rest)})", cmd)
    return values


def globals_of(raw: Mapping[str, list[str]], cmd: Command | None) -> Globals:
    values = values_of(None, {p.dest: _last(raw.get(p.dest)) for p in GLOBAL_PARAMS}, cmd)
    return Globals(**values)


def values_of(
    cmd: Command | None, raw: Mapping[str, Any], context: Command | None = None
) -> dict[str, Any]:
    """Each param's value checked and converted; raw values are strings, lists of them, or None."""
    params = cmd.params if cmd else GLOBAL_PARAMS
    out: dict[str, Any] = {}
    for p in params:
        value = raw.get(p.dest)
        if p.kind == "flag":
            out[p.dest] = bool(value)
        elif p.many:
            out[p.dest] = [check(p, v, cmd or context) for v in value or []]
        else:
            out[p.dest] = p.default if value is None else check(p, value, cmd or context)
    return out


def check(p: Param, value: str, cmd: Command | None) -> Any:
    if p.choices and value not in p.choices:
        raise UsageError(f"{p.label}: {value!r} is not one of {', '.join(p.choices)}", cmd)
    if p.kind not in ("int", "float"):
        return value
    try:
        number = int(value) if p.kind == "int" else float(value)
    except ValueError:
        kind = "a whole number" if p.kind == "int" else "a number"
        raise UsageError(f"{p.label}: {value!r} is not {kind}", cmd) from None
    if p.minimum is not None and number < p.minimum:
        raise UsageError(f"{p.label}: {value} is less than the minimum of {p.minimum:g}", cmd)
    return number


def _last(given: list[str] | None) -> str | None:
    """A single-valued option given twice: the last wins, as in Click."""
    return given[-1] if given else None
