"""The command `lint`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from curate.cli.spec import Arg, Flag, Globals, Opt, command
from curate.errors import EXIT_FINDINGS

if TYPE_CHECKING:
    from curate.lint.engine import LintResult

LINT_FORMATS = ("text", "json", "github", "sarif")


@command(
    "lint",
    Arg("files", "Record files to report on (default: the whole root).", many=True,
        metavar="FILE", complete="files"),
    Opt("--format", "-f", dest="fmt", choices=LINT_FORMATS,
        help="text, json, github or sarif (default: github under GITHUB_ACTIONS, else text)."),
    Flag("--fix", dest="fix", help="Rewrite fixable files into canonical form."),
    Flag("--strict", dest="strict", help="Warnings fail too (exit 1)."),
    Opt("--select", dest="select", many=True, metavar="RULE",
        help="Only these rules (codes, prefixes or names)."),
    Opt("--ignore", dest="ignore", many=True, metavar="RULE", help="Skip these rules."),
    Flag("--no-cache", dest="no_cache", help="Read every file afresh."),
    Flag("--list-rules", dest="list_rules", help="Describe every rule and exit."),
)  # fmt: skip
def lint(
    g: Globals, files: list[str], fmt: str | None, fix: bool, strict: bool, select: list[str],
    ignore: list[str], no_cache: bool, list_rules: bool,
) -> int:  # fmt: skip
    """Check records against the schemas and each other; exit 1 on errors."""
    from curate.cli import common
    from curate.lint import engine

    if list_rules:
        from curate.cli import report
        from curate.lint import rules

        report.rule_list(rules.all_rules(), report.console(g))
        return 0
    engine.selected([], select, ignore)  # unknown rule names fail before any work
    root = common.root(g)
    paths = [Path(f) for f in files] or None
    result = engine.lint(root, paths, fix=fix, use_cache=not no_cache, select=select, ignore=ignore)
    chosen = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if chosen == "text":
        _lint_text(g, result, root)
    else:
        from curate.lint import output

        render = {"json": output.as_json, "github": output.as_github, "sarif": output.as_sarif}
        sys.stdout.write(render[chosen](result))
    failed = result.errors or (strict and result.warnings)
    return EXIT_FINDINGS if failed else 0


def _lint_text(g: Globals, result: LintResult, root: Path) -> None:
    from curate.cli import text

    problems = text.lint_problems(
        result.problems, _display_path(root), text.Paint.of(g, sys.stdout)
    )
    sys.stdout.write(problems)
    paint = text.Paint.of(g, sys.stderr)
    sys.stderr.write(text.lint_summary(result.problems, result.files, result.fixed, paint))


def _display_path(root: Path) -> Callable[[str], str]:
    """Paths as the user would type them from here: relative when under the working folder."""
    cwd = Path.cwd()

    def show(rel: str) -> str:
        full = root / rel
        return full.relative_to(cwd).as_posix() if full.is_relative_to(cwd) else str(full)

    return show
