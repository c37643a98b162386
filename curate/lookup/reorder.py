"""Stage 6: the words of a multi-word name in another order ("protein whey", "12 kav-IV").

Two passes. `exact`, before the fuzzy stage: each word spelling-folded, the words
sorted, looked up in the names table's `sorted` column. `tolerant`, only when the
fuzzy stage found nothing: a reorder with a typo in a word ("protien whey"). It
scores the names, of as many words, of the records that have the query's rarest word
(unless every word is common: see `words.sharing`), each as the query reads with its
words put in that name's order (the words it shares where the name has them, the
others in the places left), by the fuzzy stage's score and rules (`score`) and behind
its digit guard: the numbers, with the letters glued to them, must be the name's
exactly. Roman numerals count as numbers wherever they stand, since reordering moves
a name's end.

Only after the fuzzy stage, so that a typo in a name written in its own order is
still the fuzzy stage's answer; and a query that shares no whole word with a name
is no reorder of it.
"""

from __future__ import annotations

from collections import Counter
from itertools import permutations

from curate.lookup import names, score, words
from curate.lookup.answer import FUZZY_MIN, SUGGEST_MIN, Candidate, Resolution, Step, Thresholds
from curate.lookup.index import Index

COMMON = 200  # a word in this many names' records is too common to read ("10", "growth")
SECOND = 50  # the next rarest word is read too when it is in fewer records than this
MOVED = 3  # words that may differ from the name's: 3! orders of them are tried
SLACK = 4  # characters a Roman numeral made Arabic may change a compact key's length by


def exact(index: Index, query: str, norm: str, steps: list[Step]) -> Resolution | None:
    """The same words, each spelling-folded, in another order."""
    key = names.reordered(norm)
    if not key:
        steps.append(Step("reorder", norm, "one word"))
        return None
    # The digit guard: the words carry the numbers, so the same words have the same numbers.
    hits: dict[str, tuple[str, str]] = {}
    for file, rid, name in index.names_where("sorted", key):
        hits.setdefault(rid, (file, name))
    if not hits:
        steps.append(Step("reorder", key, "no name has these words"))
        return None
    candidates = tuple(Candidate(rid, name, 100.0) for rid, (_f, name) in sorted(hits.items()))
    files = tuple(f for f, _ in hits.values())
    if len(hits) > 1:
        steps.append(Step("reorder", key, f"the words of {len(hits)} records' names"))
        return Resolution(query, "ambiguous", None, 100.0, 6, candidates, files, tuple(steps))
    steps.append(Step("reorder", key, f"the words of a name of {candidates[0].id}"))
    return Resolution(
        query, "normalized", candidates[0].id, 100.0, 6, candidates, files, tuple(steps)
    )


def tolerant(
    index: Index, query: str, norm: str, steps: list[Step], limits: Thresholds
) -> Resolution | None:
    """The words in another order, one or more of them misspelt; None when it is no reorder
    of any name (the fuzzy stage's answer stands)."""
    mine = names.order_free(norm)
    compact = "".join(mine)
    if len(mine) < 2 or len(compact) < FUZZY_MIN:
        return None
    key = " ".join(mine)
    numbers = sorted(names.numbers(key))
    spread = int(len(compact) * (100 - limits.cutoff) / limits.cutoff) + 1 + SLACK
    rows = words.sharing(
        index.db, norm.split(), len(mine), (len(compact) - spread, len(compact) + spread),
        (COMMON, SECOND),
    )  # fmt: skip
    best: score.Scores = {}
    for file, rid, name, name_norm in rows:
        theirs = names.order_free(name_norm)
        if len(theirs) != len(mine) or sorted(names.numbers(" ".join(theirs))) != numbers:
            continue
        hit = in_their_order(mine, theirs, name, file)
        if hit.score >= SUGGEST_MIN and (rid not in best or hit.score > best[rid].score):
            best[rid] = hit
    guard = f"names with numbers ({' '.join(numbers)})" if numbers else "names with no numbers"
    answer = score.verdict(query, best, 6, ("reorder", key, guard), limits, steps)
    return answer if answer.status != "none" else None


def in_their_order(mine: list[str], theirs: list[str], name: str, file: str) -> score.Scored:
    """The score of the query's words put in the name's order: the words both have in
    the name's places, the others in the places left, in the order that scores best.
    Score 0 when they have no word in common or too many differ."""
    spare = Counter(mine)
    placed: list[str | None] = []
    for word in theirs:
        placed.append(word if spare[word] > 0 else None)
        spare[word] -= word == placed[-1]
    left = list(spare.elements())
    target = "".join(theirs)
    found = score.unscored(name, file)
    if len(left) == len(mine) or len(left) > MOVED:
        return found
    for order in permutations(left):
        filler = iter(order)
        attempt = "".join(w if w is not None else next(filler) for w in placed)
        points = score.ratio(attempt, target)
        if points > found.score:
            found = score.scored(points, attempt, target, name, file)
    return found
