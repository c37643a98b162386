"""How near a name is to a query: the score both fuzzy passes (stage 5, and stage 6 for
reorders) give, and which records are too near the best one to tell apart.

The score is rapidfuzz `ratio` on compact keys, which counts a changed letter as two
edits (one dropped, one added). The margin between the best two records must hold in
that score and in Levenshtein's, which counts it as one: by `ratio` alone "Taqberx"
is "Taberx" (92) rather than "Tavberx" (86), though either is one letter away. And the
best resolves only when its letters are as near as a typo (`typo_sized`).
"""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing
# compiles a NamedTuple's string annotations, and a process's first compile() costs a
# third of a `python -c pass`.

from collections.abc import Sequence
from typing import NamedTuple, TypeVar

from curate.lookup.answer import Candidate, Resolution, Step, Thresholds

SHOWN = 5  # candidates an answer lists

T = TypeVar("T")


def ratio(query: str, key: str) -> float:
    """How like the query a key is (0-100)."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(query, key))


class Scored(NamedTuple):
    """A record's best-scoring name: its score, its Levenshtein score and edits from the
    query, the letters of the shorter of the two, the name and its file."""

    score: float
    levenshtein: float
    edits: int
    letters: int
    name: str
    file: str


Scores = dict[str, Scored]  # record id -> its best-scoring name


def scored(points: float, query: str, key: str, name: str, file: str) -> Scored:
    from rapidfuzz.distance import Levenshtein

    edits = int(Levenshtein.distance(query, key))
    letters = min(sum(c.isalpha() for c in query), sum(c.isalpha() for c in key))
    levenshtein = 100.0 * (1 - edits / max(len(query), len(key), 1))
    return Scored(points, levenshtein, edits, letters, name, file)


def unscored(name: str, file: str) -> Scored:
    return Scored(0.0, 0.0, 0, 0, name, file)


def typo_sized(hit: Scored) -> bool:
    """Whether the letters are as near as a typo: one edit in three letters at most (one
    in any). The numbers agree exactly and weigh in the score, so five matching digits
    would carry a name of other letters past the cutoff ("BRA-55938" for ulbra_55938)."""
    return hit.edits <= max(1, hit.letters // 3)


def close(ranked: Sequence[tuple[str, Scored]], margin: float) -> list[str]:
    """The records, best first, that the best cannot be told apart from: within the
    margin of it by `ratio` or by Levenshtein's score."""
    if not ranked:
        return []
    top = ranked[0][1]
    return [
        rid
        for rid, hit in ranked
        if top.score - hit.score < margin
        or hit.score == top.score
        or top.levenshtein - hit.levenshtein < margin
    ]


def verdict(
    query: str, best: Scores, stage: int, step: tuple[str, str, str], limits: Thresholds,
    steps: list[Step],
) -> Resolution:  # fmt: skip
    """The answer from each record's best score: the record, `ambiguous` with the records
    that cannot be told apart, or `none` with the best few as suggestions (never applied).
    `step`: the stage's name, the key scored, and the guard that chose the names."""
    cutoff, margin = limits
    name, key, guard = step
    ranked = sorted(best.items(), key=lambda item: (-item[1].score, item[0]))[:SHOWN]
    candidates = [Candidate(rid, hit.name, hit.score) for rid, hit in ranked]
    if not ranked or ranked[0][1].score < cutoff or not typo_sized(ranked[0][1]):
        top = ""
        if ranked:
            rid, hit = ranked[0]
            top = f"best {rid} {hit.score:.0f}, " + (
                f"below {cutoff:.0f}"
                if hit.score < cutoff
                else f"{hit.edits} edits in {hit.letters} letters"
            )
        steps.append(Step(name, key, f"{top or 'no name near it'}, among {guard}"))
        return Resolution(query, "none", candidates=tuple(candidates[:3]), steps=tuple(steps))
    top_score = ranked[0][1].score
    near = close(ranked, margin)
    if len(near) > 1:
        listed = tuple(c for c in candidates if c.id in near)
        files = tuple(best[rid].file for rid in near)
        result = f"{len(near)} records within {margin:.0f} points"
        steps.append(Step(name, key, result))
        return Resolution(query, "ambiguous", None, top_score, stage, listed, files, tuple(steps))
    rid = ranked[0][0]
    steps.append(Step(name, key, f"{rid} {top_score:.0f}, among {guard}"))
    files = (best[rid].file,)
    return Resolution(
        query, "fuzzy", rid, top_score, stage, tuple(candidates[:3]), files, tuple(steps)
    )
