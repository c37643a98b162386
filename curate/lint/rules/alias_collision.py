"""Two records share a name: an alias (or id) equals another record's alias or id
once case, Unicode dashes (U+2010, U+2011, U+2013, ...), spaces and punctuation
are set aside. `curate show` could not tell which record such a name means.
"""

from __future__ import annotations

from collections.abc import Iterator

from curate.lint.context import Context
from curate.lint.corpus import Corpus
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule

RULE = Rule("CU204", "alias-collision", ERROR, __doc__ or "")


def check_corpus(corpus: Corpus, ctx: Context) -> Iterator[Problem]:
    for doc in corpus.of_kind("compound"):
        for key, name, index in doc.keys:
            if index < 0:
                continue  # reported on the alias that takes another record's id
            owners = corpus.index.get("names", key)
            others = sorted(
                {f"{rid} ('{n}')" for _rel, rid, n, _i in owners if rid != doc.record_id}
            )
            if others:
                yield RULE.problem(
                    doc,
                    doc.at("aliases", index),
                    f"alias '{name}' is also a name of {', '.join(others)}",
                    "an alias must name one record only; remove or qualify it",
                )
