"""Two records share a name: an alias (or id) equals another record's alias or id
once case, Unicode dashes (U+2010, U+2011, U+2013, ...), spaces and punctuation
are set aside. `curate show` could not tell which record such a name means.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from curate.lint.corpus import Corpus
from curate.lint.document import Document
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule

RULE = Rule("CU204", "alias-collision", ERROR, __doc__ or "")


def check_corpus(corpus: Corpus, ctx: Any) -> Iterator[Problem]:
    owners: dict[str, list[tuple[Document, str, int]]] = defaultdict(list)
    for doc in corpus.of_kind("compound"):
        for key, name, index in ctx.name_keys(doc):
            owners[key].append((doc, name, index))
    for entries in owners.values():
        ids = {d.record_id for d, _, _ in entries}
        if len(ids) < 2:
            continue
        for doc, name, index in entries:
            if index < 0:
                continue  # reported on the alias that takes another record's id
            others = sorted(
                f"{d.record_id} ('{n}')" for d, n, _ in entries if d.record_id != doc.record_id
            )
            yield RULE.problem(
                doc,
                doc.at("aliases", index),
                f"alias '{name}' is also a name of {', '.join(others)}",
                "an alias must name one record only; remove or qualify it",
            )
