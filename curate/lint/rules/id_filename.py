"""The file name must be the record's id plus `.yaml`, so that links and lookups find it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU102", "id-filename", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    rid = doc.record_id
    if rid is not None and rid != doc.stem:
        yield RULE.problem(
            doc,
            doc.at("id"),
            f"id '{rid}' differs from the file name '{doc.name}'",
            f"rename the file to {rid}.yaml or change the id",
        )
