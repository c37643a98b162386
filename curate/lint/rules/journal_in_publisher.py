"""A journal stored as `publisher` (warning, fixable): the source has no `journal`, and its
`publisher` is, word for word, what another source of this repository records as its
`journal`. `curate lint --fix` moves the value to `journal`.

Only then can it be known: "Nature" in `publisher` could be the journal or the
publishing group, and lint does not guess from the name alone. A source whose journal
name no other source records is left alone; `curate add` of a reference to it (matched
by DOI or PMID) moves the value when the reference gives the same name as its journal.
"""

from __future__ import annotations

from collections.abc import Iterator

from curate.lint.context import Context
from curate.lint.corpus import Corpus
from curate.lint.problem import WARNING, Problem
from curate.lint.rules import Rule
from curate.records.model import Record

RULE = Rule("CU309", "journal-in-publisher", WARNING, __doc__ or "", fixable=True)


def check_corpus(corpus: Corpus, ctx: Context) -> Iterator[Problem]:
    for doc in corpus.of_kind("source"):
        record = doc.record or {}
        publisher = record.get("publisher")
        if "journal" in record or not isinstance(publisher, str):
            continue
        owners = [o for o in corpus.index.get("journals", publisher) if o[0] != doc.rel]
        if owners:
            yield RULE.problem(
                doc,
                doc.at("publisher", value=False),
                f"publisher '{publisher}' is the journal of {owners[0][0]}",
                "run `curate lint --fix` to move it to journal",
            )


def fix_record(record: Record) -> Record:
    if "journal" in record or "publisher" not in record:
        return record
    out = {k: v for k, v in record.items() if k != "publisher"}
    out["journal"] = record["publisher"]
    return out
