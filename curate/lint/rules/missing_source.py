"""A compound links a source id that has no file in data/sources/."""

from __future__ import annotations

from collections.abc import Iterator

from curate.lint.context import Context
from curate.lint.corpus import Corpus
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule
from curate.records.validate import closest

RULE = Rule("CU202", "missing-source", ERROR, __doc__ or "")


def check_corpus(corpus: Corpus, ctx: Context) -> Iterator[Problem]:
    for doc in corpus.of_kind("compound"):
        linked = (doc.record or {}).get("sources")
        for index, sid in enumerate(linked if isinstance(linked, list) else []):
            if isinstance(sid, str) and corpus.index.source_type(sid) is None:
                guess = closest(sid, corpus.index.keys("types"))
                hint = f"did you mean '{guess}'?" if guess else f"create data/sources/{sid}.yaml"
                yield RULE.problem(
                    doc, doc.at("sources", index), f"links source '{sid}', which has no file", hint
                )
