"""One paper recorded twice: the same DOI (compared case-insensitively, without a
`https://doi.org/` or `doi:` prefix) or the same PMID in two source files. Every copy
after the first (in path order) is reported; keep one source and link it from every
compound that cites the paper.
"""

from __future__ import annotations

from collections.abc import Iterator

from curate.lint.context import Context
from curate.lint.corpus import Corpus
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule
from curate.records import identifiers

RULE = Rule("CU305", "duplicate-identifier", ERROR, __doc__ or "")


def check_corpus(corpus: Corpus, ctx: Context) -> Iterator[Problem]:
    for doc in corpus.of_kind("source"):
        record = doc.record or {}
        for field, label, key_of in (
            ("doi", "DOI", identifiers.doi_key),
            ("pmid", "PMID", identifiers.pmid_key),
        ):
            value = record.get(field)
            if not isinstance(value, str) or not key_of(value):
                continue
            owners = corpus.index.get("idents", f"{field}\0{key_of(value)}")
            if owners and owners[0][0] != doc.rel:
                yield RULE.problem(
                    doc,
                    doc.at(field),
                    f"{label} {value} is also recorded by {owners[0][0]}",
                    "one paper, one source: keep one and link it where this one is linked",
                )
