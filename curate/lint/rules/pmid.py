"""A PMID that is not one: PubMed ids are digits with no leading zero, stored as text
(`pmid: "23325216"` or unquoted digits read as text by the schema's string type).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule, _ident

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU303", "pmid", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    yield from _ident.problems(doc, RULE)
