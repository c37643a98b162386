"""Each command declared once: its options, choices, defaults and help, beside its body.

A command is a plain function that takes the global options and its parsed values as
keywords and returns an exit code; `@command(...)` files it here with its parameters.
From these declarations `argv` parses the command line without Typer (what every
plain run uses), `helptext` writes `--help`, and `app` builds the Typer app (used
for shell completion and by the tests' CliRunner). This module imports nothing
heavy (named tuples, not dataclasses, which import `inspect`): the plain path reads it on
every run.
"""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing
# compiles a NamedTuple's string annotations, and a process's first compile() costs a
# third of a `python -c pass`.

from collections.abc import Callable
from typing import Any, Literal, NamedTuple

Kind = Literal["text", "int", "float", "flag"]
Completion = Literal["", "names", "files"]

# The modules whose commands `curate --help` lists, in that order.
MODULES = (
    "curate.cli.read",
    "curate.cli.history",
    "curate.cli.writes",
    "curate.cli.lint",
    "curate.cli.settings",
)


class Param(NamedTuple):
    """One option (it has flags) or positional argument (it has none)."""

    dest: str
    flags: tuple[str, ...] = ()
    help: str = ""
    kind: Kind = "text"
    choices: tuple[str, ...] = ()
    default: Any = None
    many: bool = False  # a repeatable option, or an argument taking the rest
    required: bool = False
    metavar: str = ""
    minimum: float | None = None
    complete: Completion = ""  # besides choices: record names or file paths

    @property
    def is_option(self) -> bool:
        return bool(self.flags)

    @property
    def label(self) -> str:
        """How help and errors name it: the long flag, or the argument's metavar."""
        if self.flags:
            return max(self.flags, key=len)
        return self.metavar or self.dest.upper()

    def value_name(self) -> str:
        if self.choices:
            return "[" + "|".join(self.choices) + "]"
        return self.metavar or {"int": "N", "float": "SECONDS"}.get(self.kind, "TEXT")


def Arg(
    dest: str, help: str, *, many: bool = False, required: bool = False, metavar: str = "",
    complete: Completion = "",
) -> Param:  # fmt: skip
    return Param(dest, (), help, many=many, required=required, metavar=metavar, complete=complete)


def Opt(
    *flags: str, dest: str, help: str, kind: Kind = "text", choices: tuple[str, ...] = (),
    default: Any = None, many: bool = False, metavar: str = "", minimum: float | None = None,
    complete: Completion = "",
) -> Param:  # fmt: skip
    return Param(dest, flags, help, kind, choices, default, many, False, metavar, minimum, complete)


def Flag(flag: str, *, dest: str, help: str) -> Param:
    return Param(dest, (flag,), help, "flag", default=False)


class Globals(NamedTuple):
    """The options every command takes, before or after its name."""

    root: str | None = None
    color: str = "auto"


GLOBAL_PARAMS = (
    Opt(
        "--root",
        dest="root",
        metavar="DIR",
        complete="files",
        help="Curation root (default: $CURATE_ROOT, else the nearest folder upwards with data/compounds/).",
    ),
    Opt(
        "--color",
        dest="color",
        choices=("auto", "always", "never"),
        default="auto",
        help="auto: colour on a terminal (NO_COLOR turns it off, FORCE_COLOR on); always; never.",
    ),
)

Body = Callable[..., int]


class Command(NamedTuple):
    name: str
    help: str
    params: tuple[Param, ...]
    body: Body


COMMANDS: dict[str, Command] = {}


def command(name: str, *params: Param) -> Callable[[Body], Body]:
    """Declare a command: its body's docstring is its help, `params` its options and arguments.

    The body is called as `body(Globals(...), **values)`, one keyword per param's dest.
    """

    def register(body: Body) -> Body:
        COMMANDS[name] = Command(name, " ".join((body.__doc__ or "").split()), params, body)
        return body

    return register


def all_commands() -> dict[str, Command]:
    for module in MODULES:
        __import__(module)  # (importlib itself would be one more module to load)
    return COMMANDS
