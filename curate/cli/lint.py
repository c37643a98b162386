"""The command `lint`."""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from curate.cli.spec import Arg, Flag, Globals, Opt, command
from curate.errors import EXIT_FINDINGS
from curate.records.formatchoices import FORMATS

if TYPE_CHECKING:
    from curate.lint.engine import LintResult


@command(
    "lint",
    Arg("files", "Record files to report on (default: the whole root).", many=True,
        metavar="FILE", complete="files"),
    Opt("--format", "-f", dest="fmt", choices=FORMATS["lint"],
        help="text, json, github or sarif (default: github under GITHUB_ACTIONS, else text)."),
    Flag("--fix", dest="fix", help="Rewrite fixable files into canonical form."),
    Flag("--strict", dest="strict", help="Warnings fail too (exit 1)."),
    Flag("--no-strict", dest="no_strict", help="Warnings do not fail (over strict = true in the configuration)."),
    Opt("--select", dest="select", many=True, metavar="RULE",
        help="Only these rules (codes, prefixes or names)."),
    Opt("--ignore", dest="ignore", many=True, metavar="RULE", help="Skip these rules."),
    Flag("--no-cache", dest="no_cache", help="Read every file afresh."),
    Flag("--pre-commit", dest="pre_commit",
         help="As a pre-commit hook: each FILE in the root above it; roots a commit deletes records from, whole."),
    Flag("--list-rules", dest="list_rules", help="Describe every rule and exit."),
)  # fmt: skip
def lint(
    g: Globals, files: list[str], fmt: str | None, fix: bool, strict: bool, no_strict: bool,
    select: list[str], ignore: list[str], no_cache: bool, pre_commit: bool, list_rules: bool,
) -> int:  # fmt: skip
    """Check records against the schemas and each other; exit 1 on errors."""
    from curate.cli import common

    if list_rules:
        from curate.cli import report
        from curate.lint import rules

        report.rule_list(rules.all_rules(), report.console(g))
        return 0
    run = partial(
        _lint_root, g, fmt=fmt, fix=fix, strict=True if strict else False if no_strict else None,
        select=select, ignore=ignore, use_cache=not no_cache,
    )  # fmt: skip
    paths = [Path(f) for f in files]
    if not pre_commit:
        return run(common.root(g), paths or None)
    from curate.cli import hook

    codes = [run(root, named) for root, named in hook.targets(g.root, paths).items()]
    return max(codes, default=0)


def _lint_root(
    g: Globals, root: Path, files: list[Path] | None, *, fmt: str | None, fix: bool,
    strict: bool | None, select: list[str], ignore: list[str], use_cache: bool,
) -> int:  # fmt: skip
    """One root's lint under its settings, flags first; returns the exit code."""
    from curate import config
    from curate.lint import engine, output

    settings = config.load(root)
    policy = config.lint_policy(settings)
    result = engine.lint(
        root, files, fix=fix, use_cache=use_cache, select=select, ignore=ignore, policy=policy
    )
    if strict is None:
        strict = bool(settings["lint.strict"])
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
        _lint_text(g, result)
    elif chosen == "sarif":
        sys.stdout.write(output.as_sarif(result, base))
    else:
        sys.stdout.write({"json": output.as_json, "github": output.as_github}[chosen](result))
    return EXIT_FINDINGS if failed else 0


def report_base(root: Path) -> Path:
    """What reported paths are relative to: the git work tree's top, else the working folder."""
    from curate.repo import gitio

    return gitio.toplevel(root) or Path.cwd()


def _lint_text(g: Globals, result: LintResult) -> None:
    from curate.cli import text

    problems = text.lint_problems(result.problems, str, text.Paint.of(g, sys.stdout))
    sys.stdout.write(problems)
    paint = text.Paint.of(g, sys.stderr)
    sys.stderr.write(text.lint_summary(result.problems, result.files, result.fixed, paint))
