"""A source that no compound links (warning): cite it or remove it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from curate.lint.corpus import Corpus
from curate.lint.problem import WARNING, Problem
from curate.lint.rules import Rule

RULE = Rule("CU203", "unused-source", WARNING, __doc__ or "")


def check_corpus(corpus: Corpus, ctx: Any) -> Iterator[Problem]:
    cited: set[str] = set()
    for doc in corpus.of_kind("compound"):
        linked = doc.record.get("sources") if doc.record else None
        cited.update(s for s in (linked if isinstance(linked, list) else []) if isinstance(s, str))
    for sid, doc in corpus.sources.items():
        if sid not in cited:
            yield RULE.problem(doc, doc.at("id"), f"source '{sid}' is linked by no compound")
