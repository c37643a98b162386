"""Validators for the packaged schemas, generated ahead of time by `make schemas`.

Each module holds the schema text it was made from; `for_text` hands out its validator
only for a schema with exactly that text, so a root's own schema is compiled as before.
Imports nothing of curate's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def for_text(kind: str, text: str) -> Callable[[Any], bool] | None:
    """The ahead-of-time validator for a schema with this exact text, else None."""
    if kind not in ("compound", "source"):
        return None
    # (importlib itself would be one more module for `curate add` to load)
    module = __import__(f"curate.records.compiled.{kind}", fromlist=["is_valid"])
    if text != module.SCHEMA_TEXT:
        return None
    is_valid: Callable[[Any], bool] = module.is_valid
    return is_valid
