"""Anchors, aliases and explicit tags (`!!python/object`, `!!binary`, `&a`/`*a`).

Records hold plain data. Such files are refused without being expanded or
constructed, so a "billion laughs" file costs nothing and no tag runs code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU003", "unsafe-yaml", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    if doc.unsafe:
        line, col, message = doc.unsafe
        yield RULE.problem(doc, (line, col), message, "write the value out in full")
