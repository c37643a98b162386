"""Machine formats for lint results: JSON, GitHub workflow annotations, SARIF 2.1.0.

The JSON shape is stable (see README, "lint --format json"); fields are only ever added.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from curate import __version__
from curate.lint import rules
from curate.lint.engine import LintResult
from curate.lint.problem import ERROR, Problem

JSON_VERSION = 1


SRCROOT = "%SRCROOT%"


def relocated(result: LintResult, root: Path, base: Path) -> LintResult:
    """The result with paths as reported: relative to `base` (the git work tree's top, else
    the working folder) when under it, else absolute."""

    def shown(rel: str) -> str:
        full = root / rel
        return full.relative_to(base).as_posix() if full.is_relative_to(base) else str(full)

    problems = [p._replace(path=shown(p.path)) for p in result.problems]
    return LintResult(problems, result.files, [shown(f) for f in result.fixed])


def summary(result: LintResult) -> dict[str, Any]:
    by_rule: dict[str, int] = {}
    for p in result.problems:
        by_rule[p.code] = by_rule.get(p.code, 0) + 1
    return {
        "files": result.files,
        "files_with_problems": len({p.path for p in result.problems}),
        "errors": result.errors,
        "warnings": result.warnings,
        "fixed": result.fixed,
        "by_rule": dict(sorted(by_rule.items())),
    }


def as_json(result: LintResult) -> str:
    doc = {
        "version": JSON_VERSION,
        "problems": [p.as_dict() for p in result.problems],
        "summary": summary(result),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def as_github(result: LintResult) -> str:
    lines = []
    for p in result.problems:
        props = [f"file={_escape(p.path, True)}"]
        props += [f"line={p.line}"] if p.line else []
        props += [f"col={p.col}"] if p.col else []
        props.append(f"title={_escape(f'{p.code} {p.rule}', True)}")
        message = p.message + (f" ({p.hint})" if p.hint else "")
        lines.append(
            f"::{'error' if p.severity == ERROR else 'warning'} {','.join(props)}::{_escape(message)}"
        )
    return "".join(line + "\n" for line in lines)


SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def information_uri() -> str:
    """Where curate is documented: the package's first project URL, else its name as a URN."""
    from importlib import metadata

    try:
        urls = metadata.metadata("curate").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    return urls[0].split(",", 1)[1].strip() if urls else "urn:curate"


def rule_help(rule: rules.Rule) -> dict[str, str]:
    """A rule's documentation (its module docstring) as SARIF `help`: plain text and Markdown."""
    paragraphs = [" ".join(p.split()) for p in rule.doc.strip().split("\n\n") if p.strip()]
    heading = f"**{rule.code} {rule.name}** ({rule.severity}{', fixable' if rule.fixable else ''})"
    return {"text": " ".join(paragraphs), "markdown": "\n\n".join([heading, *paragraphs])}


def as_sarif(result: LintResult, base: Path | None = None) -> str:
    """SARIF 2.1.0 as GitHub code scanning takes it; relative paths are under `base` (%SRCROOT%)."""
    catalogue = sorted(rules.all_rules(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(catalogue)}
    driver = {
        "name": "curate",
        "informationUri": information_uri(),
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": " ".join(r.doc.split())},
                "help": rule_help(r),
                "defaultConfiguration": {"level": r.severity},
            }
            for r in catalogue
        ],
    }
    results = [_sarif_result(p, index[p.code]) for p in result.problems]
    run: dict[str, Any] = {"tool": {"driver": driver}}
    if base is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": base.as_uri().rstrip("/") + "/"}}
    run["results"] = results
    sarif = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def _sarif_result(p: Problem, rule_index: int) -> dict[str, Any]:
    region = {"startLine": p.line or 1, "startColumn": p.col or 1}
    text = p.message + (f" ({p.hint})" if p.hint else "")
    if os.path.isabs(p.path):
        artifact = {"uri": Path(p.path).as_uri()}
    else:  # percent-encoded: a space or '#' in a name would make the URI invalid
        artifact = {"uri": quote(p.path), "uriBaseId": SRCROOT}
    return {
        "ruleId": p.code,
        "ruleIndex": rule_index,
        "level": p.severity,
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
    }
