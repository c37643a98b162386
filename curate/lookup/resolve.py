"""Name resolution in stages; a name two records could claim, or none, is refused.

1 exact id or alias; 2 normalized key (see names.normalize); 3 compact key, with
plural variants; 4 spelling fold (Swedish/English variants). Stages 2-4 also know a
record by its id's leading word where no other record shares it (`words`). Then, in
`stages`: 7 a bracketed other name ("Brand (INN)") and 8 two names joined by "/" or
"and", each part resolved on its own; 6 the words of a multi-word name in another
order; 5 fuzzy: rapidfuzz `ratio` on compact keys, only for queries of 5 or more
characters, only against names whose numbers (with the letters glued to them:
names.numbers) are exactly the query's, with a cutoff and a margin between the best
two records (see `score`); 6 again, when fuzzy found nothing: the words in another
order with a typo, by the fuzzy stage's score and rules (`reorder`); 9 a family name:
a whole word or prefix of several records' names is ambiguous. Scores that reward partial or token-subset matches are not used for an
answer: they call "IGF-2" IGF-1 and "leucine" isoleucine.

Every answer carries its `steps`: each stage tried, the key it looked up, and why it
stopped or went on (`curate resolve --explain`).
"""

from __future__ import annotations

import re

from curate.lookup import names
from curate.lookup.answer import (
    CUTOFF,
    DEFAULT_LIMITS,
    FUZZY_MIN,
    MARGIN,
    STAGE_NAMES,
    SUGGEST_MIN,
    Candidate,
    Resolution,
    Step,
    Thresholds,
)
from curate.lookup.index import Index
from curate.records import model

STAGE_COLUMNS = ((1, "name"), (2, "norm"), (3, "compact"), (4, "fold"))
__all__ = [
    "CUTOFF",
    "DEFAULT_LIMITS",
    "FUZZY_MIN",
    "MARGIN",
    "STAGE_NAMES",
    "SUGGEST_MIN",
    "Candidate",
    "Resolution",
    "Step",
    "Thresholds",
    "resolve",
    "resolve_checked",
]  # fmt: skip


def _keys(query: str) -> dict[str, list[str]]:
    norm = names.normalize(query)
    compact = names.compact(norm)
    compacts = [compact, *names.plural_variants(compact)] if compact else []
    return {
        "name": [query],
        "norm": [norm] if norm else [],
        "compact": compacts,
        "fold": model.uniq(names.fold(c) for c in compacts) if compacts else [],
    }


def _by_record(rows: list[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """Record id -> (file, first name) of matching rows."""
    out: dict[str, tuple[str, str]] = {}
    for file, rid, name in rows:
        out.setdefault(rid, (file, name))
    return out


_UNDECODED = re.compile("[\ud800-\udfff]")  # how Python keeps argument bytes it cannot decode


def resolve(
    index: Index, query: str, *, split: bool = True, limits: Thresholds = DEFAULT_LIMITS
) -> Resolution:
    """The record QUERY names; `split` False for a part of a bracketed or paired name."""
    if not query.isascii() and _UNDECODED.search(query):
        return Resolution(query, "none")  # bytes that were not UTF-8 name no record
    keys = _keys(query)
    if not keys["norm"]:
        return Resolution(query, "none", steps=(Step("norm", "", "nothing left to look up"),))
    steps: list[Step] = []
    for stage, column in STAGE_COLUMNS:
        tried = keys[column]
        hits = _by_record(
            [row for key in tried for row in index.names_where(column, key, leads=stage > 1)]
        )
        if not hits:
            steps.append(Step(column, " | ".join(tried), "no name"))
            continue
        candidates = [Candidate(rid, name, 100.0) for rid, (_f, name) in sorted(hits.items())]
        files = tuple(f for f, _ in hits.values())
        found = ", ".join(hits)
        if len(hits) > 1:
            steps.append(Step(column, " | ".join(tried), f"names of {len(hits)} records: {found}"))
            return Resolution(
                query, "ambiguous", None, 100.0, stage, tuple(candidates), files, tuple(steps)
            )
        steps.append(Step(column, " | ".join(tried), f"a name of {found}"))
        status = "exact" if stage == 1 else "normalized"
        return Resolution(
            query, status, candidates[0].id, 100.0, stage, tuple(candidates), files, tuple(steps)
        )
    from functools import partial

    from curate.lookup import stages
    from curate.lookup.fuzzytable import DamagedTable

    parts = partial(resolve, limits=limits) if split else None
    try:
        return stages.after_keys(index, query, keys, list(steps), parts, limits)
    except DamagedTable:  # a cached fuzzy table naming rows the index does not have
        index.fuzzy_table(again=True)
        return stages.after_keys(index, query, keys, steps, parts, limits)


def resolve_checked(index: Index, query: str, limits: Thresholds = DEFAULT_LIMITS) -> Resolution:
    """resolve(), refreshing the index first if a file behind the answer changed."""
    answer = resolve(index, query, limits=limits)
    if answer.files and not index.fresh(answer.files):
        index.refresh(force=True)
        answer = resolve(index, query, limits=limits)
    return answer
