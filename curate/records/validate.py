"""A record against its kind's JSON Schema: a quick yes, and a no explained in a line per error.

fastjsonschema answers valid records quickly; jsonschema, built only when a record fails, says why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def closest(value: object, allowed: list[str]) -> str | None:
    """The allowed value most like `value`, for a did-you-mean; None when nothing is close."""
    import difflib  # here: only a record that fails its schema asks

    match = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=1, cutoff=0.6)
    return match[0] if match else None


def fast_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema as fastjsonschema compiles it."""
    # Formats are annotations in jsonschema unless asked; the patterns enforce them.
    out = {k: v for k, v in schema.items() if k != "$schema"}
    out["properties"] = {
        k: {kk: vv for kk, vv in v.items() if kk != "format"}
        for k, v in schema["properties"].items()
    }
    return out


class Checker:
    """A kind's schema: fastjsonschema says yes quickly; jsonschema explains a no.

    `fast` is a validator compiled ahead of time for this very schema, where there is one.
    """

    def __init__(self, schema: dict[str, Any], fast: Callable[[Any], bool] | None = None) -> None:
        self.schema = schema
        self.fast_ok = fast or _compiled(fast_schema(schema))
        self._full: Any = None

    @property
    def full(self) -> Any:
        """The detailed validator, built only when some record fails the fast check."""
        if self._full is None:
            import jsonschema

            self._full = jsonschema.Draft202012Validator(self.schema)
        return self._full


def _compiled(schema: dict[str, Any]) -> Callable[[Any], bool]:
    import fastjsonschema

    validate = fastjsonschema.compile(schema)

    def fast_ok(record: Any) -> bool:
        try:
            validate(record)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return fast_ok


def schema_messages(checker: Checker, record: Any) -> list[str]:
    """One line per way the record breaks its schema, with a did-you-mean where one is close."""
    if checker.fast_ok(record):
        return []
    out = []
    for error in checker.full.iter_errors(record):
        where = ".".join(str(p) for p in error.absolute_path) or "record"
        if error.validator == "additionalProperties":
            known = list(checker.schema["properties"])
            for key in sorted(set(error.instance) - set(known), key=str):
                guess = closest(key, known)
                out.append(
                    f"unknown field '{key}'" + (f" (did you mean '{guess}'?)" if guess else "")
                )
        elif error.validator == "enum":
            guess = closest(error.instance, error.validator_value)
            out.append(
                f"{where}: {error.instance!r} is not allowed"
                + (f" (did you mean '{guess}'?)" if guess else "")
            )
        else:
            out.append(f"{where}: {error.message}")
    return out
