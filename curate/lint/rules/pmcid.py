"""A PMCID that is not one: PubMed Central ids are `PMC` followed by digits (`PMC3687363`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule, _ident

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU304", "pmcid", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    yield from _ident.problems(doc, RULE)
