"""The resolver's stages after the name keys: bracketed and paired names, word order
(`reorder`), fuzzy, family names (see resolve's docstring for the order and the numbers).

Imported only when stages 1-4 found nothing: an exact lookup never pays for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from curate.lookup import names, ratio, reorder, score, words
from curate.lookup.answer import (
    DEFAULT_LIMITS,
    FUZZY_MIN,
    SUGGEST_MIN,
    Candidate,
    Resolution,
    Step,
    Thresholds,
)
from curate.lookup.index import Index

# The resolver, handed in for the parts of a split name: `resolve` imports this module.
Resolver = Callable[..., Resolution]

FAMILY_MIN = 3  # letters a family name needs ("IGF")
FAMILY_ROWS = 200  # word-table rows read for a family name; the candidates shown are fewer
SHOWN = score.SHOWN


def after_keys(
    index: Index,
    query: str,
    keys: dict[str, list[str]],
    steps: list[Step],
    split: Resolver | None,
    limits: Thresholds = DEFAULT_LIMITS,
) -> Resolution:
    """The stages after 1-4; `split` resolves the parts of a bracketed or paired name
    (None for a part itself)."""
    if split is not None:
        bracket = names.bracketed(query)
        if bracket is not None:
            return _parts(index, query, bracket, steps, 7, split)
        paired = names.pair(query)
        if paired is not None:
            return _parts(index, query, paired, steps, 8, split)
    norm, compact = keys["norm"][0], keys["compact"][0]
    answer = reorder.exact(index, query, norm, steps)
    if answer is None:
        answer = fuzzy(index, query, norm, compact, steps, limits)
    if answer.status == "none":
        # After fuzzy: a typo in a name in its own order stays the fuzzy stage's answer.
        found = reorder.tolerant(index, query, norm, steps, limits)
        answer = found or answer._replace(steps=tuple(steps))
    if answer.status == "none":
        return _family(index, query, norm, compact, answer)
    return answer


def _parts(
    index: Index,
    query: str,
    parts: tuple[str, str],
    steps: list[Step],
    stage: int,
    resolve: Resolver,
) -> Resolution:
    """Both parts of "X (Y)" (stage 7) or "X / Y" (stage 8), each resolved on its own."""
    kind = "bracket" if stage == 7 else "pair"
    a, b = (resolve(index, part, split=False) for part in parts)
    for part, answer in ((parts[0], a), (parts[1], b)):
        steps.append(Step(kind, part, _summary(answer)))
    files = a.files + b.files
    done = tuple(steps)
    if a.resolved and b.resolved and a.id == b.id:
        status = "fuzzy" if "fuzzy" in (a.status, b.status) else "normalized"
        score = min(a.score or 0.0, b.score or 0.0)
        return Resolution(query, status, a.id, score, stage, a.candidates[:1], files, done)
    if a.resolved and b.resolved:
        both = (a.candidates[0], b.candidates[0])
        return Resolution(query, "ambiguous", None, None, stage, both, files, done)
    if stage == 7:
        # One part names a record: the other reaches nothing, or is one of several it could be.
        for one, other in ((a, b), (b, a)):
            if one.resolved and (
                other.status == "none" or one.id in {c.id for c in other.candidates}
            ):
                how = "one part" if other.status == "none" else "the parts agree"
                return Resolution(
                    query, one.status, one.id, one.score, 7, one.candidates, one.files, done, how
                )
    listed = _unique([*a.candidates, *b.candidates])
    if "ambiguous" in (a.status, b.status) or (a.resolved and b.status == "ambiguous"):
        return Resolution(query, "ambiguous", None, None, stage, tuple(listed), files, done)
    return Resolution(query, "none", candidates=tuple(listed[:3]), steps=done)


def _summary(answer: Resolution) -> str:
    if answer.resolved:
        return f"{answer.id} ({answer.status}, stage {answer.stage})"
    listed = ", ".join(c.id for c in answer.candidates)
    return f"{answer.status}" + (f" ({listed})" if listed else "")


def _unique(candidates: list[Candidate]) -> list[Candidate]:
    seen: dict[str, Candidate] = {}
    for c in candidates:
        seen.setdefault(c.id, c)
    return list(seen.values())


def fuzzy_keys(
    index: Index, numbers: str, compact: str, cutoff: float
) -> tuple[list[str], Sequence[tuple[str, str, str]]]:
    """The compact keys the fuzzy stage scores, and (file, id, name) of each."""
    # ratio >= cutoff bounds the candidate's length, so only those lengths are scored.
    spread = int(len(compact) * (100 - cutoff) / cutoff) + 1
    return index.fuzzy_candidates(
        numbers, compact[:1], compact[-1:], len(compact) - spread, len(compact) + spread
    )


def fuzzy(
    index: Index, query: str, norm: str, compact: str, steps: list[Step],
    limits: Thresholds = DEFAULT_LIMITS,
) -> Resolution:  # fmt: skip
    """Stage 5: names near the query as written, whose numbers are the query's exactly."""
    if len(compact) < FUZZY_MIN:
        steps.append(Step("fuzzy", compact, f"shorter than {FUZZY_MIN} characters"))
        return Resolution(query, "none", steps=tuple(steps))
    numbers = " ".join(names.numbers(norm))
    keys, entries = fuzzy_keys(index, numbers, compact, limits.cutoff)
    best: score.Scores = {}
    last = 100.0
    # Best first: a record's first name is its best, and past the SHOWN-th record's score
    # nothing is shown, so no more ids' leading words are asked about.
    for key, points, pos in ratio.scored(compact, keys, min(SUGGEST_MIN, limits.cutoff)):
        if len(best) >= SHOWN and points < last:
            break
        file, rid, name = entries[pos]
        if rid in best:
            continue
        if words.shared_lead(index.db, key, rid, name):
            continue  # an id's leading word that another record shares names nothing
        best[rid], last = score.scored(points, compact, key, name, file), points
    guard = f"names with numbers ({numbers})" if numbers else "names with no numbers"
    return score.verdict(query, best, 5, ("fuzzy", compact, guard), limits, steps)


def family_hits(index: Index, norm: str, compact: str) -> dict[str, tuple[str, str]]:
    """Record id -> (file, name) of names that have the query as a whole word or start with it."""
    if len(compact) < FAMILY_MIN or not any(c.isalpha() for c in compact):
        return {}
    rows: list[tuple[str, str, str, str]] = []
    if " " not in norm:
        rows += words.word_hits(index.db, norm, True, FAMILY_ROWS)
    rows += words.compact_prefix(index.db, compact, FAMILY_ROWS)
    hits: dict[str, tuple[str, str]] = {}
    ends_in_number = compact[-1].isdigit()
    last = names.numbers(compact)[-1:]
    for file, rid, name, key in rows:
        # A name that goes on with the query's last number ("IGF-1" in "IGF-10", "IGF-1R")
        # is another molecule's.
        if not ends_in_number or names.numbers(key[: len(compact) + 1])[-1:] == last:
            hits.setdefault(rid, (file, name))
    return hits


def _family(index: Index, query: str, norm: str, compact: str, fuzzy: Resolution) -> Resolution:
    """Stage 9: a whole word or the start of several records' names ("IGF", "growth")."""
    steps = list(fuzzy.steps)
    if len(compact) < FAMILY_MIN or not any(c.isalpha() for c in compact):
        steps.append(Step("family", compact, f"shorter than {FAMILY_MIN} characters"))
        return fuzzy._replace(steps=tuple(steps))
    hits = family_hits(index, norm, compact)
    if len(hits) < 2:
        found = f"a name of {next(iter(hits))} only" if hits else "no name"
        steps.append(Step("family", compact, f"{found} starts with it or has it as a word"))
        return fuzzy._replace(steps=tuple(steps))
    ranked = sorted(hits.items(), key=lambda item: (len(item[1][1]), item[0]))
    listed = tuple(Candidate(rid, name, 0.0) for rid, (_f, name) in ranked[:SHOWN])
    more = "+" if len(hits) >= FAMILY_ROWS else ""
    steps.append(Step("family", compact, f"a word or start of {len(hits)}{more} records' names"))
    files = tuple(f for _r, (f, _n) in ranked[:SHOWN])
    return Resolution(query, "ambiguous", None, None, 9, listed, files, tuple(steps))
