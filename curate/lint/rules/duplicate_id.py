"""The same id in two files of one kind; every copy after the first (in path order) is reported."""

from __future__ import annotations

from collections.abc import Iterator

from curate.lint.context import Context
from curate.lint.corpus import Corpus
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule

RULE = Rule("CU201", "duplicate-id", ERROR, __doc__ or "")


def check_corpus(corpus: Corpus, ctx: Context) -> Iterator[Problem]:
    for doc in corpus.targets:
        rid = doc.record_id
        table = "ids" if doc.kind == "compound" else "types"
        owners = corpus.index.get(table, rid) if rid is not None else []
        if owners and owners[0][0] != doc.rel:
            first = owners[0][0]
            yield RULE.problem(
                doc, doc.at("id"), f"id '{rid}' is also the id of {first}", "ids must be unique"
            )
