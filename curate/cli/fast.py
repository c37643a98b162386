"""Typer-free paths for the commands scripts and hooks run most: show, resolve, lint.

Importing Typer alone costs about five times a bare interpreter start, which
is the whole budget for a terminal lookup and a third of a pre-commit lint. Only
plain shapes are handled here:

    [--root DIR] show NAME [--format card|yaml|json|markdown]   (output not a terminal)
    [--root DIR] resolve [NAME...] [--format text|tsv|json] [--refresh]
    [--root DIR] lint [FILE...] [--format F] [--strict] [--no-cache]
                      [--select R]... [--ignore R]...

Anything else (help, `--fix`, a terminal wanting the Rich panel, unknown options)
returns None and goes to the Typer app, which calls the same functions below:
tests run both paths on the same arguments and compare every byte.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from curate.errors import EXIT_FINDINGS, EXIT_USAGE, CurateError

if TYPE_CHECKING:
    from curate.lint.engine import LintResult

PLAIN_FORMATS = ("card", "yaml", "json", "markdown")
LINT_FORMATS = ("text", "json", "github", "sarif")
RESOLVE_FORMATS = ("text", "tsv", "json")
Options = dict[str, list[str]]


def run(argv: list[str]) -> int | None:
    root, args = _root_option(argv)
    if args[:1] == ["show"]:
        return _show(root, args[1:])
    if args[:1] == ["lint"]:
        return _lint(root, args[1:])
    if args[:1] == ["resolve"]:
        return _resolve(root, args[1:])
    return None


def guarded(body: Callable[[], int]) -> int:
    """What the Typer app's group does with errors, for the paths that skip it."""
    try:
        return body()
    except CurateError as exc:
        sys.stderr.write(f"curate: error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("curate: interrupted\n")
        return 130
    except Exception as exc:  # a bug: still one line, unless debugging
        if os.environ.get("CURATE_DEBUG"):
            raise
        sys.stderr.write(f"curate: {internal_error(exc)}\n")
        return EXIT_USAGE


def internal_error(exc: Exception) -> str:
    return f"internal error: {type(exc).__name__}: {exc} (set CURATE_DEBUG=1 for details)"


def _root_option(argv: list[str]) -> tuple[str | None, list[str]]:
    args = list(argv)
    if args[:1] == ["--root"] and len(args) >= 2:
        return args[1], args[2:]
    if args[:1] and args[0].startswith("--root="):
        return args[0].split("=", 1)[1], args[1:]
    return None, args


def _options(
    args: list[str], flags: tuple[str, ...], valued: dict[str, str]
) -> tuple[Options, list[str]] | None:
    """Options and positionals, or None for any shape this parser does not know."""
    found: Options = {}
    positional: list[str] = []
    rest = list(args)
    while rest:
        head = rest.pop(0)
        name, eq, value = head.partition("=")
        if head in flags:
            found.setdefault(head, []).append("")
        elif name in valued and eq and name.startswith("--"):
            found.setdefault(valued[name], []).append(value)
        elif head in valued and rest:
            found.setdefault(valued[head], []).append(rest.pop(0))
        elif head.startswith("-") and head != "-":
            return None
        else:
            positional.append(head)
    return found, positional


def _show(root: str | None, args: list[str]) -> int | None:
    parsed = _options(args, (), {"--format": "format", "-f": "format"})
    if parsed is None or len(parsed[1]) != 1 or len(parsed[0].get("format", [])) > 1:
        return None
    fmt = parsed[0].get("format", [None])[0] or _configured(root, "show")
    if fmt is None and sys.stdout.isatty():
        return None
    if fmt is not None and fmt not in PLAIN_FORMATS:
        return None
    return guarded(lambda: show_command(root, parsed[1][0], fmt or "card"))


def _configured(root: str | None, command: str) -> str | None:
    """The root's default --format for a command; "" when unknown here (Typer says why)."""
    from curate import config
    from curate.repo import store

    try:
        return config.load(store.find_root(root))[f"{command}.format"]  # type: ignore[no-any-return]
    except CurateError:
        return ""


def show_command(root: str | None, name: str, fmt: str) -> int:
    from curate import config
    from curate.cli import formats
    from curate.lookup import find as lookup
    from curate.repo import store

    found = store.find_root(root)
    limits = config.resolve_limits(config.load(found))
    compound, sources, warnings = lookup.load_for_show(found, name, limits)
    for message in warnings:
        sys.stderr.write(f"curate: {message}\n")
    sys.stdout.write(formats.RENDERERS[fmt](compound, sources))
    return 0


def _resolve(root: str | None, args: list[str]) -> int | None:
    valued = {"--format": "format", "-f": "format", "--cutoff": "cutoff", "--margin": "margin"}
    parsed = _options(args, ("--refresh",), valued)
    if parsed is None:
        return None
    opts, names = parsed
    fmt = opts.get("format", [None])[-1]
    try:
        cutoff, margin = (float(opts[k][-1]) if k in opts else None for k in ("cutoff", "margin"))
    except ValueError:
        return None  # Typer says what is wrong with the number
    if fmt is not None and fmt not in RESOLVE_FORMATS:
        return None
    return guarded(
        lambda: resolve_command(root, names, fmt, "--refresh" in opts, cutoff=cutoff, margin=margin)
    )


def resolve_command(
    root_arg: str | None,
    names: list[str] | None,
    fmt: str | None,
    refresh: bool,
    *,
    cutoff: float | None = None,
    margin: float | None = None,
) -> int:
    """The body of `curate resolve`; returns the exit code. Flags override the root's settings."""
    from curate import config
    from curate.cli import formats
    from curate.lookup import index as index_mod
    from curate.lookup import resolve as resolver
    from curate.repo import store

    queries = names_from(names)
    root = store.find_root(root_arg)
    settings = config.load(root)
    fmt = fmt or settings["resolve.format"] or "text"
    limits = config.resolve_limits(settings, cutoff, margin)
    index = index_mod.Index(root, refresh=False)
    try:
        index.refresh(force=refresh)
        answers = [resolver.resolve_checked(index, q, limits) for q in queries]
    finally:
        index.close()
    warn_skipped(index.skipped)
    sys.stdout.write(formats.resolutions(answers, fmt))
    return 0 if all(a.resolved for a in answers) else EXIT_FINDINGS


def warn_skipped(messages: list[str]) -> None:
    """Records the index could not read: an answer may be missing what they say."""
    for message in messages:
        sys.stderr.write(f"curate: {message}\n")


def names_from(args: list[str] | None) -> list[str]:
    """NAME arguments, else one name per line of stdin."""
    if args:
        return args
    if sys.stdin.isatty():
        raise CurateError("give one or more names, or pipe them one per line on stdin")
    return [line.strip() for line in sys.stdin if line.strip()]


def _lint(root: str | None, args: list[str]) -> int | None:
    valued = {"--format": "format", "-f": "format", "--select": "select", "--ignore": "ignore"}
    parsed = _options(args, ("--strict", "--no-strict", "--no-cache", "--pre-commit"), valued)
    if parsed is None:
        return None
    opts, files = parsed
    fmt = opts.get("format", [None])[-1]
    if fmt is not None and fmt not in LINT_FORMATS:
        return None
    return guarded(
        lambda: lint_command(
            root,
            [Path(f) for f in files] or None,
            fmt=fmt,
            strict=True if "--strict" in opts else False if "--no-strict" in opts else None,
            select=opts.get("select", []),
            ignore=opts.get("ignore", []),
            use_cache="--no-cache" not in opts,
            pre_commit="--pre-commit" in opts,
        )
    )


def lint_command(
    root_arg: str | None,
    files: list[Path] | None,
    *,
    fmt: str | None = None,
    fix: bool = False,
    strict: bool | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    use_cache: bool = True,
    pre_commit: bool = False,
) -> int:
    """The body of `curate lint`; returns the exit code. Flags override the root's settings.

    With pre_commit, each file is judged in the root above it and roots the commit
    deletes records from are linted whole (see hook.py); nothing to check is a pass.
    """
    from functools import partial

    from curate.repo import store

    run = partial(
        _lint_root,
        fmt=fmt,
        fix=fix,
        strict=strict,
        select=select,
        ignore=ignore,
        use_cache=use_cache,
    )
    if not pre_commit:
        return run(store.find_root(root_arg), files)
    from curate.cli import hook

    codes = [run(root, named) for root, named in hook.targets(root_arg, files or []).items()]
    return max(codes, default=0)


def _lint_root(
    root: Path,
    files: list[Path] | None,
    *,
    fmt: str | None,
    fix: bool,
    strict: bool | None,
    select: list[str] | None,
    ignore: list[str] | None,
    use_cache: bool,
) -> int:
    from curate import config
    from curate.lint import engine, output

    settings = config.load(root)
    result = engine.lint(
        root,
        files,
        fix=fix,
        use_cache=use_cache,
        select=select,
        ignore=ignore,
        policy=config.lint_policy(settings),
    )
    if strict is None:
        strict = settings["lint.strict"]
    chosen = (
        fmt
        or settings["lint.format"]
        or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    )
    failed = result.errors or (strict and result.warnings)
    base = None
    if result.problems or result.fixed or chosen == "sarif":
        base = report_base(root)
        result = output.relocated(result, root, base)
    if chosen == "text":
        _lint_text(result)
    elif chosen == "sarif":
        sys.stdout.write(output.as_sarif(result, base))
    else:
        sys.stdout.write({"json": output.as_json, "github": output.as_github}[chosen](result))
    return EXIT_FINDINGS if failed else 0


def report_base(root: Path) -> Path:
    """What reported paths are relative to: the git work tree's top, else the working folder."""
    from curate.repo import gitio

    return gitio.toplevel(root) or Path.cwd()


def _lint_text(result: LintResult) -> None:
    from curate.lint.problem import summary_line

    if not result.problems and not result.fixed and not sys.stderr.isatty():
        # Nothing but the count line, and no colour off a terminal: Rich (a tenth of
        # a pre-commit run to import) would print exactly this.
        sys.stderr.write(summary_line(result.problems, result.files) + "\n")
        return
    from curate.cli import report

    report.lint_text(result.problems, str, report.console())
    report.lint_summary(result.problems, result.files, result.fixed, report.err_console())
