"""A DOI written with what is not part of it (warning, fixable): a resolver address
(`https://doi.org/`, `http://dx.doi.org/`), a `doi:` label, surrounding spaces or the
punctuation of the sentence it ended. `curate lint --fix` stores the bare DOI; its case is
kept (DOIs are case-insensitive, and compared so).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import WARNING, Problem
from curate.lint.rules import Rule, _ident
from curate.records import identifiers
from curate.records.model import Record

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU302", "doi-form", WARNING, __doc__ or "", fixable=True)


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    yield from _ident.problems(doc, RULE, "run `curate lint --fix`")


def fix_record(record: Record) -> Record:
    doi = record.get("doi")
    if isinstance(doi, str):
        return {**record, "doi": identifiers.doi_normal(doi)}
    return record
