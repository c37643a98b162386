"""The Typer command `lint`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from curate.cli import fast
from curate.cli.common import root_arg


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


def lint(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Record files to report on (default: the whole root)."),
    ] = None,
    fmt: Annotated[
        LintFormat | None,
        typer.Option(
            "--format", "-f", help="text, json, github or sarif (github under GITHUB_ACTIONS)."
        ),
    ] = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="Rewrite fixable files into canonical form.")
    ] = False,
    strict: Annotated[
        bool | None,
        typer.Option(
            "--strict/--no-strict", help="Warnings fail too (exit 1).", show_default=False
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Only these rules (codes, prefixes or names)."),
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Skip these rules.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Read every file afresh.")] = False,
    pre_commit: Annotated[
        bool,
        typer.Option(
            "--pre-commit",
            help="As a pre-commit hook: each FILE in the root above it; roots a commit deletes records from, whole.",
        ),
    ] = False,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="Describe every rule and exit.")
    ] = False,
) -> None:
    """Check records against the schemas and each other; exit 1 on errors."""
    if list_rules:
        from curate.cli import report
        from curate.lint import rules

        report.rule_list(rules.all_rules(), report.console())
        return
    code = fast.lint_command(
        root_arg(ctx),
        files,
        fmt=None if fmt is None else fmt.value,
        fix=fix,
        strict=strict,
        select=select,
        ignore=ignore,
        use_cache=not no_cache,
        pre_commit=pre_commit,
    )
    raise typer.Exit(code)
