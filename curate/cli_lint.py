"""The Typer command `lint`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from curate.cli_common import root_of
from curate.errors import EXIT_FINDINGS


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
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Only these rules (codes, prefixes or names)."),
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Skip these rules.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Read every file afresh.")] = False,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="Describe every rule and exit.")
    ] = False,
) -> None:
    """Check records against the schemas and each other; exit 1 on errors."""
    from curate.lint import engine, output, rules

    if list_rules:
        from curate import report

        report.rule_list(rules.all_rules(), report.console())
        return
    engine.selected([], select or [], ignore or [])  # unknown rule names fail before any work
    root = root_of(ctx)
    result = engine.lint(root, files, fix=fix, use_cache=not no_cache, select=select, ignore=ignore)
    chosen = fmt or (
        LintFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else LintFormat.text
    )
    if chosen is LintFormat.text:
        from curate import report

        report.lint_text(result.problems, _display_path(root), report.console())
        report.lint_summary(result.problems, result.files, result.fixed, report.err_console())
    else:
        render = {"json": output.as_json, "github": output.as_github, "sarif": output.as_sarif}
        sys.stdout.write(render[chosen.value](result))
    failed = result.errors or (strict and result.warnings)
    raise typer.Exit(EXIT_FINDINGS if failed else 0)


def _display_path(root: Path) -> Callable[[str], str]:
    """Paths as the user would type them from here: relative when under the working folder."""
    cwd = Path.cwd()

    def show(rel: str) -> str:
        full = root / rel
        return full.relative_to(cwd).as_posix() if full.is_relative_to(cwd) else str(full)

    return show
