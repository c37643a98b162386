"""What the resolver answers: the answer, its candidates and the steps that led to it,
and the numbers every stage shares (imported by `resolve` and `stages` alike)."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing
# compiles a NamedTuple's string annotations, and a process's first compile() costs a
# third of a `python -c pass`.

from typing import Any, NamedTuple

FUZZY_MIN = 5
CUTOFF = 85.0
MARGIN = 5.0
# The floor for a 'did you mean': leucyl -> leucin (67) is one, insulin -> isoleucin (62) is not.
SUGGEST_MIN = 65.0
STAGE_NAMES = {1: "name", 2: "norm", 3: "compact", 4: "fold", 5: "fuzzy", 6: "reorder",
               7: "bracket", 8: "pair", 9: "family"}  # fmt: skip


# NamedTuples, not dataclasses: `curate show` resolves names and cannot afford `inspect`.
class Candidate(NamedTuple):
    id: str
    alias: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "alias": self.alias, "score": round(self.score, 1)}


class Step(NamedTuple):
    """One stage tried: its name, the key it looked up, and why it stopped or went on."""

    stage: str
    key: str
    result: str

    def as_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "key": self.key, "result": self.result}


class Resolution(NamedTuple):
    query: str
    status: str  # exact | normalized | fuzzy | ambiguous | none
    id: str | None = None
    score: float | None = None
    stage: int | None = None
    candidates: tuple[Candidate, ...] = ()
    files: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    how: str = ""  # how a stage reached it, where a bare stage number would not say

    @property
    def stage_name(self) -> str | None:
        if self.stage is None:
            return None
        name = STAGE_NAMES[self.stage]
        return f"{name} ({self.how})" if self.how else name

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
            "stage_name": self.stage_name,
            "steps": [s.as_dict() for s in self.steps],
        }


class Thresholds(NamedTuple):
    """The fuzzy stage's lowest score that resolves, and the lead the best record needs."""

    cutoff: float = CUTOFF
    margin: float = MARGIN


DEFAULT_LIMITS = Thresholds()
