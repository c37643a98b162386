"""A source with no summary: an imported draft (error until a curator writes one).

`curate add` of a reference list, BibTeX, RIS, CSL-JSON or MEDLINE file writes what the
reference says (title, authors, journal, year, identifiers) and never a summary: a
summary is the curator's words on what the source supports, not an abstract. The
source is a draft until its `summary:` is written; this rule keeps a draft from being
shipped silently, since `curate lint` (and so pre-commit and CI) fails on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU308", "draft-source", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    record = doc.record
    if record is None or doc.kind != "source" or "summary" in record:
        return
    yield RULE.problem(
        doc,
        doc.at("id", value=False),
        "source has no summary yet (an imported draft)",
        "write `summary:` with what the source supports, in your words",
    )
