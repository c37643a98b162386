"""Machine formats for lint results: JSON, GitHub workflow annotations, SARIF 2.1.0.

The JSON shape is stable (see README, "lint --format json"); fields are only ever added.
"""

from __future__ import annotations

import json
from typing import Any

from curate import __version__
from curate.lint import rules
from curate.lint.engine import LintResult
from curate.lint.problem import ERROR, Problem

JSON_VERSION = 1


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


def as_sarif(result: LintResult) -> str:
    catalogue = rules.all_rules()
    index = {r.code: i for i, r in enumerate(catalogue)}
    driver = {
        "name": "curate",
        "version": __version__,
        "rules": [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": " ".join(r.doc.split())},
                "defaultConfiguration": {"level": r.severity},
            }
            for r in catalogue
        ],
    }
    results = [_sarif_result(p, index[p.code]) for p in result.problems]
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def _sarif_result(p: Problem, rule_index: int) -> dict[str, Any]:
    region = {"startLine": p.line or 1, "startColumn": p.col or 1}
    text = p.message + (f" ({p.hint})" if p.hint else "")
    return {
        "ruleId": p.code,
        "ruleIndex": rule_index,
        "level": p.severity,
        "message": {"text": text},
        "locations": [
            {"physicalLocation": {"artifactLocation": {"uri": p.path}, "region": region}}
        ],
    }
