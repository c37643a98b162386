"""Name resolution in stages; a name two records could claim, or none, is refused.

1 exact id or alias; 2 normalized key (see names.normalize); 3 compact key, with
plural variants; 4 spelling fold (Swedish/English variants); 5 fuzzy: rapidfuzz
`ratio` on compact keys, only for queries of 5 or more characters, only against
names whose numbers are exactly the query's, with a cutoff and a margin between
the best two records. Scores that reward partial or token-subset matches are not
used: they call "IGF-2" IGF-1 and "leucine" isoleucine.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from curate.lookup import names
from curate.lookup.index import Index
from curate.records import model

FUZZY_MIN = 5
CUTOFF = 85.0
MARGIN = 5.0
# The floor for a 'did you mean': leucyl -> leucin (67) is one, insulin -> isoleucin (62) is not.
SUGGEST_MIN = 65.0
STAGE_COLUMNS = ((1, "name"), (2, "norm"), (3, "compact"), (4, "fold"))


# NamedTuples, not dataclasses: `curate show` resolves names and cannot afford `inspect`.
class Candidate(NamedTuple):
    id: str
    alias: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "alias": self.alias, "score": round(self.score, 1)}


class Resolution(NamedTuple):
    query: str
    status: str  # exact | normalized | fuzzy | ambiguous | none
    id: str | None = None
    score: float | None = None
    stage: int | None = None
    candidates: tuple[Candidate, ...] = ()
    files: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.id is not None

    def as_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "status": self.status,
            "id": self.id,
            "score": None if self.score is None else round(self.score, 1),
            "stage": self.stage,
            "candidates": [c.as_dict() for c in self.candidates],
        }


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


class Thresholds(NamedTuple):
    """The fuzzy stage's lowest score that resolves, and the lead the best record needs."""

    cutoff: float = CUTOFF
    margin: float = MARGIN


DEFAULT_LIMITS = Thresholds()


def resolve(index: Index, query: str, limits: Thresholds = DEFAULT_LIMITS) -> Resolution:
    keys = _keys(query)
    if not keys["norm"]:
        return Resolution(query, "none")
    for stage, column in STAGE_COLUMNS:
        hits = _by_record([row for key in keys[column] for row in index.names_where(column, key)])
        if not hits:
            continue
        candidates = [Candidate(rid, name, 100.0) for rid, (_f, name) in sorted(hits.items())]
        files = [f for f, _ in hits.values()]
        if len(hits) > 1:
            return Resolution(
                query, "ambiguous", None, 100.0, stage, tuple(candidates), tuple(files)
            )
        status = "exact" if stage == 1 else "normalized"
        return Resolution(
            query, status, candidates[0].id, 100.0, stage, tuple(candidates), tuple(files)
        )
    return _fuzzy(index, query, keys["compact"][0], limits)


def _fuzzy(index: Index, query: str, compact: str, limits: Thresholds) -> Resolution:
    from rapidfuzz import fuzz, process

    if len(compact) < FUZZY_MIN:
        return Resolution(query, "none")
    # ratio >= cutoff bounds the candidate's length, so only those lengths are scored.
    spread = int(len(compact) * (100 - limits.cutoff) / limits.cutoff) + 1
    keys, entries = index.fuzzy_candidates(
        " ".join(names.digits(compact)),
        compact[:1],
        compact[-1:],
        len(compact) - spread,
        len(compact) + spread,
    )
    best: dict[str, tuple[float, str, str]] = {}
    for _key, score, pos in process.extract(
        compact, keys, scorer=fuzz.ratio, limit=None, score_cutoff=min(SUGGEST_MIN, limits.cutoff)
    ):
        file, rid, name = entries[pos]
        if rid not in best or score > best[rid][0]:
            best[rid] = (score, name, file)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    candidates = [Candidate(rid, name, score) for rid, (score, name, _f) in ranked[:5]]
    if not ranked or ranked[0][1][0] < limits.cutoff:
        # Suggestions come from the names already scored: never applied, only shown.
        return Resolution(query, "none", candidates=tuple(candidates[:3]))
    top_score = ranked[0][1][0]
    close = [c for c in candidates if top_score - c.score < limits.margin or c.score == top_score]
    files = [best[c.id][2] for c in close]
    if len(close) > 1:
        return Resolution(query, "ambiguous", None, top_score, 5, tuple(close), tuple(files))
    return Resolution(
        query, "fuzzy", ranked[0][0], top_score, 5, tuple(candidates[:3]), tuple(files)
    )


def resolve_checked(index: Index, query: str, limits: Thresholds = DEFAULT_LIMITS) -> Resolution:
    """resolve(), refreshing the index first if a file behind the answer changed."""
    answer = resolve(index, query, limits)
    if answer.files and not index.fresh(answer.files):
        index.refresh(force=True)
        answer = resolve(index, query, limits)
    return answer
