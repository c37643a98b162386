"""A source that no compound links (warning): cite it or remove it."""

from __future__ import annotations

from collections.abc import Iterator

from curate.lint.context import Context
from curate.lint.corpus import Corpus
from curate.lint.problem import WARNING, Problem
from curate.lint.rules import Rule

RULE = Rule("CU203", "unused-source", WARNING, __doc__ or "")


def check_corpus(corpus: Corpus, ctx: Context) -> Iterator[Problem]:
    for doc in corpus.of_kind("source"):
        sid = doc.record_id
        if sid is not None and not corpus.index.get("cited", sid):
            yield RULE.problem(doc, doc.at("id"), f"source '{sid}' is linked by no compound")
