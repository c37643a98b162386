"""Near-duplicate values in the free-text lists (`risk_flags`, `targets_mechanism`,
`optimization_domains`): "hypoglycaemia" beside "hypoglycemia", "IGF1" beside
"IGF-1", "growth signal risks" beside "growth signal risk" (warning).

Values are compared within one field across the whole corpus: equal once
punctuation, case and British/American or Swedish spellings are set aside, or
closer than 90% with the same numbers and only small word-level edits. The
rarer spelling is reported, naming the records that use the other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from curate import model, names
from curate.lint.corpus import Corpus
from curate.lint.document import Document
from curate.lint.problem import WARNING, Problem
from curate.lint.rules import Rule

RULE = Rule("CU205", "vocabulary-drift", WARNING, __doc__ or "")
CUTOFF = 90
WORD_CUTOFF = 75
Uses = dict[str, list[tuple[Document, int]]]


def check_corpus(corpus: Corpus, ctx: Any) -> Iterator[Problem]:
    for field in model.FREE_TEXT_LISTS:
        uses: Uses = defaultdict(list)
        for doc in corpus.of_kind("compound"):
            values = (doc.record or {}).get(field)
            for index, value in enumerate(values if isinstance(values, list) else []):
                if isinstance(value, str):
                    uses[value].append((doc, index))
        near: dict[str, list[str]] = defaultdict(list)
        for rare, common in _drifting(sorted(uses), uses):
            near[rare].append(common)
        for rare, commons in sorted(near.items()):
            yield from _report(field, rare, commons, uses)


def _similar(a: str, b: str) -> bool:
    from rapidfuzz.fuzz import ratio

    if names.digits(a) != names.digits(b) or ratio(a, b) < CUTOFF:
        return False
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(
        x == y or ratio(x, y) >= WORD_CUTOFF for x, y in zip(wa, wb, strict=True)
    )


def _drifting(values: list[str], uses: Uses) -> Iterator[tuple[str, str]]:
    """(rarer, commoner) pairs of values that are near-duplicates."""
    from rapidfuzz import fuzz, process

    norm = [names.normalize(v) for v in values]
    folded = [names.fold(names.compact(n)) for n in norm]
    pairs = {
        (i, j)
        for i, value in enumerate(norm)
        for _match, _score, j in process.extract(
            value, norm, scorer=fuzz.ratio, score_cutoff=CUTOFF, limit=None
        )
        if i < j
    }
    groups: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(folded):
        if key:
            groups[key].append(index)
    pairs.update((i, j) for members in groups.values() for i in members for j in members if i < j)
    for i, j in sorted(pairs):
        if folded[i] != folded[j] and not _similar(norm[i], norm[j]):
            continue
        a, b = values[i], values[j]
        if len({d.rel for d, _ in uses[a] + uses[b]}) == 1:
            continue  # within one record this is duplicate-item's to report
        if len(uses[a]) <= len(uses[b]):
            yield a, b
        if len(uses[b]) <= len(uses[a]):
            yield b, a


def _report(field: str, rare: str, commons: list[str], uses: Uses) -> Iterator[Problem]:
    parts = []
    for common in commons:
        users = sorted({d.record_id or d.rel for d, _ in uses[common]})
        more = f" and {len(users) - 3} more" if len(users) > 3 else ""
        parts.append(f"'{common}' used by {', '.join(users[:3])}{more}")
    for doc, index in uses[rare]:
        yield RULE.problem(
            doc,
            doc.at(field, index),
            f"{field} '{rare}' is near {'; '.join(parts)}",
            f"use one spelling: '{commons[0]}'",
        )
