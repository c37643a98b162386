"""A DOI that is not a DOI: after any `https://doi.org/` or `doi:` prefix and trailing
punctuation are taken off, it must match Crossref's pattern `^10.\\d{4,9}/[-._;()/:A-Z0-9]+$`
(case-insensitive). A DOI cut short or with stray text is an error: it cannot be resolved.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule, _ident

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU301", "doi-syntax", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    yield from _ident.problems(doc, RULE, "copy the DOI from the paper's page or reference")
