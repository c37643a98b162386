"""The same id in two files of one kind; every copy after the first is reported."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from curate.lint.corpus import Corpus
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule

RULE = Rule("CU201", "duplicate-id", ERROR, __doc__ or "")


def check_corpus(corpus: Corpus, ctx: Any) -> Iterator[Problem]:
    for doc in corpus.docs:
        rid = doc.record_id
        first = (corpus.compounds if doc.kind == "compound" else corpus.sources).get(rid or "")
        if rid is not None and first is not None and first is not doc:
            yield RULE.problem(
                doc, doc.at("id"), f"id '{rid}' is also the id of {first.rel}", "ids must be unique"
            )
