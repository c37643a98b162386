"""A key given twice in one record; both places are reported.

YAML loaders silently keep the last value, so the first one is lost without a word.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU002", "duplicate-key", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    for key, first, again in doc.duplicate_keys:
        yield RULE.problem(
            doc, first, f"key '{key}' is given again at line {again[0]}", "keep one of them"
        )
        yield RULE.problem(
            doc,
            again,
            f"key '{key}' was already given at line {first[0]}; loaders keep only this one",
        )
