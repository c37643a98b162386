"""A publication year outside 1800..next year: a typo, or a date that is not the year of
publication. Next year is allowed because journals date issues ahead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule, _ident

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU306", "year-range", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    yield from _ident.problems(doc, RULE)
