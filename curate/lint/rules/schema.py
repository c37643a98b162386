"""JSON Schema errors, each at the line and column of the offending key or value.

An unknown key gets "did you mean ...?" (`aliasses` -> `aliases`); a value outside
a vocabulary gets the closest allowed value. The repository's own `schemas/`
take precedence over the packaged ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule
from curate.records.validate import closest

if TYPE_CHECKING:
    from curate.lint.document import Document, Pos

RULE = Rule("CU101", "schema", ERROR, __doc__ or "")
TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "integer": "a whole number",
    "object": "a mapping",
}


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    record = doc.record
    if record is None:
        return
    checker = ctx.checker(doc.kind)
    if checker.fast_ok(record):
        return
    for error in sorted(
        checker.full.iter_errors(record), key=lambda e: list(map(str, e.absolute_path))
    ):
        yield from _explain(doc, error, checker.schema)


def _pos(doc: Document, path: list[Any]) -> Pos:
    if not path:
        return doc.at("id", value=False) if "id" in doc.positions else (1, 1)
    index = path[1] if len(path) > 1 and isinstance(path[1], int) else None
    return doc.at(str(path[0]), index)


def _explain(doc: Document, error: Any, schema: dict[str, Any]) -> Iterator[Problem]:
    path = list(error.absolute_path)
    where = ".".join(str(p) for p in path) or "record"
    kind = error.validator
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        for key in sorted(set(error.instance) - set(known), key=str):
            guess = closest(key, known)
            yield RULE.problem(
                doc,
                doc.at(str(key), value=False),
                f"unknown field '{key}'",
                f"did you mean '{guess}'?" if guess else f"fields are: {', '.join(known)}",
            )
    elif kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield RULE.problem(doc, _pos(doc, path), f"missing required field '{missing}'")
    elif kind == "enum":
        guess = closest(error.instance, error.validator_value)
        hint = (
            f"did you mean '{guess}'?"
            if guess
            else "allowed: " + ", ".join(map(str, error.validator_value))
        )
        yield RULE.problem(
            doc, _pos(doc, path), f"{where}: '{error.instance}' is not an allowed value", hint
        )
    elif kind == "type":
        want = TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        got = type(error.instance).__name__
        yield RULE.problem(
            doc, _pos(doc, path), f"{where} should be {want}, not {got} {error.instance!r}"
        )
    elif kind == "pattern":
        yield RULE.problem(
            doc,
            _pos(doc, path),
            f"{where}: {error.instance!r} does not match the pattern {error.validator_value}",
            _pattern_hint(str(path[0]) if path else ""),
        )
    else:
        yield RULE.problem(doc, _pos(doc, path), f"{where}: {error.message}")


def _pattern_hint(field: str) -> str | None:
    return {
        "id": "ids are lowercase letters, digits and _, starting with a letter",
        "sources": "source ids are lowercase letters, digits and _, starting with a letter",
        "doi": "a DOI starts with 10. and has no doi: prefix or URL",
        "pmid": "a PMID is digits only",
        "url": "a URL starts with http:// or https://",
    }.get(field)
