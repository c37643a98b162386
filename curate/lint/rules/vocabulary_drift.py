"""Near-duplicate values in the free-text lists (`risk_flags`, `targets_mechanism`,
`optimization_domains`): "hypoglycaemia" beside "hypoglycemia", "IGF1" beside
"IGF-1", "growth signal risks" beside "growth signal risk" (warning).

Values are compared within one field across the whole corpus: equal once
punctuation, case and British/American or Swedish spellings are set aside, or
closer than 90% with the same numbers and only small word-level edits. The
spelling fewer records use is reported, naming the records that use the other;
when both are used equally often, both are reported.

Options (`[lint.vocabulary-drift]` in the configuration): `fields`, the fields
compared (some of the three above), and `similarity`, the closeness from 50 to
100 that counts as near (90).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from curate.lint.context import Context
from curate.lint.corpus import Corpus
from curate.lint.problem import WARNING, Problem
from curate.lint.rules import Rule
from curate.records import model

RULE = Rule("CU205", "vocabulary-drift", WARNING, __doc__ or "")
CUTOFF = 90
WORD_CUTOFF = 75


def check_corpus(corpus: Corpus, ctx: Context) -> Iterator[Problem]:
    compounds = corpus.of_kind("compound")
    fields = ctx.option(RULE.name, "fields", model.FREE_TEXT_LISTS)
    cutoff = ctx.option(RULE.name, "similarity", CUTOFF)
    for field in (f for f in model.FREE_TEXT_LISTS if f in fields):
        wanted = {
            v
            for doc in compounds
            for v in ((doc.record or {}).get(field) or [])
            if isinstance(v, str)
        }
        near = rarer_spellings(corpus.index.field_values(field), wanted, cutoff)
        if not near:
            continue
        for doc in compounds:
            values = (doc.record or {}).get(field)
            for index, value in enumerate(values if isinstance(values, list) else []):
                if value not in near:
                    continue
                others = [
                    v
                    for v in near[value]
                    if set(corpus.index.value_users(field, v)) - {doc.record_id}
                ]
                if others:
                    yield _problem(corpus, doc, field, index, value, others)


def _problem(
    corpus: Corpus, doc: Any, field: str, index: int, value: str, others: list[str]
) -> Problem:
    parts = []
    for other in others:
        users = corpus.index.value_users(field, other)
        more = f" and {len(users) - 3} more" if len(users) > 3 else ""
        parts.append(f"'{other}' used by {', '.join(users[:3])}{more}")
    return RULE.problem(
        doc,
        doc.at(field, index),
        f"{field} '{value}' is near {'; '.join(parts)}",
        f"use one spelling: '{others[0]}'",
    )


def _similar(a: str, b: str, cutoff: float) -> bool:
    from rapidfuzz.fuzz import ratio

    from curate.lookup import names

    if names.digits(a) != names.digits(b) or ratio(a, b) < cutoff:
        return False
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(
        x == y or ratio(x, y) >= WORD_CUTOFF for x, y in zip(wa, wb, strict=True)
    )


def rarer_spellings(
    counts: dict[str, int], wanted: set[str] | None = None, cutoff: float = CUTOFF
) -> dict[str, list[str]]:
    """For each value that has a near-duplicate used at least as often: those near-duplicates.

    With `wanted` (the values a pre-commit run's files use), only those values are
    compared with the rest, not every pair in the corpus.
    """
    from rapidfuzz import fuzz, process

    # Here, not at the top: the configuration reads CUTOFF on every lint, warm ones too.
    from curate.lookup import names

    values = sorted(counts)
    asked = [i for i, v in enumerate(values) if wanted is None or v in wanted]
    norm = [names.normalize(v) for v in values]
    folded = [names.fold(names.compact(n)) for n in norm]
    pairs = {
        (min(i, j), max(i, j))
        for i in asked
        for _match, _score, j in process.extract(
            norm[i], norm, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        )
        if i != j
    }
    groups: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(folded):
        if key:
            groups[key].append(index)
    pairs.update(
        (min(i, j), max(i, j))
        for i in asked
        for j in groups.get(folded[i], [])
        if folded[i] and i != j
    )
    near: dict[str, list[str]] = defaultdict(list)
    for i, j in sorted(pairs):
        if folded[i] != folded[j] and not _similar(norm[i], norm[j], cutoff):
            continue
        a, b = values[i], values[j]
        if counts[a] <= counts[b]:
            near[a].append(b)
        if counts[b] <= counts[a]:
            near[b].append(a)
    return near
