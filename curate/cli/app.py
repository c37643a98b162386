"""The Typer app, built from the declarations in `spec`: shell completion, and the tests' CliRunner.

Each declared command becomes a Typer command whose parameters are raw strings and
flags; their values go through `argv.values_of` and the body runs in the guard,
exactly as on the plain path. Help is `helptext`'s, usage errors are `argv`'s one line.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from curate.cli import argv as cli_argv
from curate.cli import completion, fast, guard, helptext, spec
from curate.cli.spec import GLOBAL_PARAMS, Command, Globals, Param
from curate.errors import EXIT_USAGE

# Click's own exceptions, wherever this Typer version keeps Click.
click_exceptions: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)
usage_error: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError"
)
PASSTHROUGH = (typer.Exit, typer.Abort, click_exceptions)


class _Group(TyperGroup):
    """The guard around every command, and usage errors as one line."""

    def invoke(self, ctx: Any) -> Any:
        code = guard.run(lambda: _exit_code(super(_Group, self).invoke, ctx), PASSTHROUGH)
        if code:
            raise typer.Exit(code)

    def get_help(self, ctx: Any) -> str:
        return helptext.group_help(spec.all_commands().values()).rstrip("\n")

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        standalone = extra.pop("standalone_mode", True)
        try:
            code = super().main(argv, "curate", standalone_mode=False, **extra)
        except usage_error as exc:
            code = _usage(exc, argv)
        code = code if isinstance(code, int) else 0
        if standalone:
            sys.exit(code)
        return code


class _Command(TyperCommand):
    def get_help(self, ctx: Any) -> str:
        declared = spec.COMMANDS.get(self.name or "")
        if declared is None:
            return super().get_help(ctx)
        return helptext.command_help(declared).rstrip("\n")


def _exit_code(invoke: Callable[[Any], Any], ctx: Any) -> int:
    invoke(ctx)
    return 0


def _usage(exc: Exception, argv: list[str]) -> int:
    """Our parser's message for the same command line, else Click's, in the one-line form."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        sys.stderr.write(f"{exc.format_message()}\n")  # type: ignore[attr-defined]
        return EXIT_USAGE
    try:
        cli_argv.parse(argv, spec.all_commands())
    except cli_argv.UsageError as ours:
        return guard.failed(ours)
    ctx = getattr(exc, "ctx", None)
    name = getattr(getattr(ctx, "command", None), "name", None)
    command = spec.COMMANDS.get(name or "")
    message = exc.format_message()  # type: ignore[attr-defined]
    return guard.failed(cli_argv.UsageError(message, command))


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=helptext.ABOUT,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"curate {fast.version()}\n")
        raise typer.Exit(0)


def _typer_param(p: Param, name: str) -> inspect.Parameter:
    """A declared param as Typer sees it: a string, a list of them, or a flag."""
    kind = bool if p.kind == "flag" else list[str] | None if p.many else str | None
    complete = completion.completer(p)
    if p.is_option:
        info: Any = typer.Option(*p.flags, help=p.help, metavar=p.value_name(),
                                 autocompletion=complete)  # fmt: skip
    else:
        info = typer.Argument(help=p.help, metavar=p.label, autocompletion=complete)
        if p.required and not p.many:
            kind = str
    default: Any = False if p.kind == "flag" else None
    if not p.is_option and p.required:
        default = inspect.Parameter.empty
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                             annotation=Annotated[kind, info])  # fmt: skip


def _signed(fn: Callable[..., None], params: list[inspect.Parameter]) -> None:
    fn.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    fn.__annotations__ = {p.name: p.annotation for p in params}


def _global_callback() -> Callable[..., None]:
    def callback(ctx: typer.Context, **raw: Any) -> None:
        ctx.obj = {p.dest: raw.get(p.dest) for p in GLOBAL_PARAMS}

    version = inspect.Parameter(
        "version", inspect.Parameter.KEYWORD_ONLY, default=False,
        annotation=Annotated[bool, typer.Option("--version", "-V", callback=_version,
                                                is_eager=True, help="Show the version.")],
    )  # fmt: skip
    ctx_param = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                  annotation=typer.Context)  # fmt: skip
    _signed(callback, [ctx_param, *(_typer_param(p, p.dest) for p in GLOBAL_PARAMS), version])
    return callback


def _typer_command(cmd: Command) -> Callable[..., None]:
    def call(ctx: typer.Context, **raw: Any) -> None:
        given = {p.dest: raw.pop(f"global_{p.dest}") for p in GLOBAL_PARAMS}
        above = ctx.find_root().obj or {}
        merged = {k: given[k] if given[k] is not None else above.get(k) for k in given}
        g = Globals(**cli_argv.values_of(None, merged, cmd))
        values = cli_argv.values_of(cmd, raw)
        raise typer.Exit(cmd.body(g, **values))

    ctx_param = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                  annotation=typer.Context)  # fmt: skip
    own = [_typer_param(p, p.dest) for p in cmd.params]
    shared = [_typer_param(p, f"global_{p.dest}") for p in GLOBAL_PARAMS]
    _signed(call, [ctx_param, *own, *shared])
    call.__name__ = cmd.name
    call.__doc__ = cmd.help
    return call


app.callback()(_global_callback())
for declared in spec.all_commands().values():
    app.command(declared.name, cls=_Command, help=declared.help, short_help=declared.help)(
        _typer_command(declared)
    )


def main() -> int:
    code: int = app(prog_name="curate", standalone_mode=False)
    return code


__all__ = ["Globals", "app", "main"]
