"""An `authors` list with an empty name (a blank or null item): a reference cut short or a
stray separator. Leave the list out rather than keep a hole in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule, _ident

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU307", "empty-author", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    yield from _ident.problems(doc, RULE, "remove the empty item")
