"""What a scan leaves the curator to look at: near misses and names in no record.

`uncertain`: words of the text that only fuzzily match a name (a typo, "mecasermn"),
or that are a whole word or start of several records' names (an abbreviation or
code: "IGF"), each with the resolver's candidates. `unknown`: terms that look like
compound names (see `terms`) that the resolver refuses, ranked by how often the text
uses them: the to-do list. Both come from the resolver, so they agree with `resolve`.
"""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing
# compiles a NamedTuple's string annotations, and a process's first compile() costs a
# third of a `python -c pass`.

from collections.abc import Iterable
from typing import Any, NamedTuple

from curate.lookup import names, ratio, stages, words
from curate.lookup.answer import CUTOFF, FUZZY_MIN, Candidate, Resolution
from curate.lookup.index import Index
from curate.lookup.mentions import Found, Scanned
from curate.lookup.quietwords import QuietWords
from curate.lookup.resolve import resolve
from curate.lookup.scan import Dictionary, scan_stream
from curate.records.model import Record


# Plain classes, not dataclasses (`scan` cannot afford importing inspect), nor NamedTuples
# (a field named `count` would hide tuple.count).
class Uncertain:
    """A word or term that only fuzzily or partly names a record: one to check."""

    __slots__ = ("candidates", "col", "count", "line", "stage", "status", "text")

    def __init__(
        self, text: str, count: int, line: int, col: int, status: str, stage: str,
        candidates: tuple[Candidate, ...],
    ) -> None:  # fmt: skip
        self.text, self.count, self.line, self.col = text, count, line, col
        self.status = status  # fuzzy | ambiguous | partial
        self.stage, self.candidates = stage, candidates

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "count": self.count, "line": self.line, "col": self.col,
            "status": self.status, "stage": self.stage,
            "candidates": [c.as_dict() for c in self.candidates],
        }  # fmt: skip


class Unknown:
    """A term that looks like a compound name and names no record: one to do."""

    __slots__ = ("col", "count", "line", "suggestions", "text", "why")

    def __init__(
        self, text: str, count: int, line: int, col: int, why: str,
        suggestions: tuple[Candidate, ...] = (),
    ) -> None:  # fmt: skip
        self.text, self.count, self.line, self.col = text, count, line, col
        self.why = why  # code | ending | dose
        self.suggestions = suggestions  # the resolver's 'did you mean', never applied

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "count": self.count, "line": self.line, "col": self.col,
                "why": self.why, "suggestions": [c.as_dict() for c in self.suggestions]}  # fmt: skip


class ScanReport(NamedTuple):
    """One input's scan: the compounds found, their records, and what to look at."""

    input: str
    found: dict[str, Found]
    records: dict[str, Record]
    uncertain: list[Uncertain]
    unknown: list[Unknown]


def scan_input(
    index: Index, dictionary: Dictionary, name: str, pieces: Iterable[str]
) -> ScanReport:
    scanned = scan_stream(dictionary, pieces)
    records = {rid: index.record("compound", rid) or {"id": rid} for rid in scanned.found}
    quiet = QuietWords(index)
    uncertain, unknown = review(index, scanned, quiet)
    quiet.save()
    return ScanReport(name, scanned.found, records, uncertain, unknown)


def review(
    index: Index, scanned: Scanned, quiet: QuietWords | None = None
) -> tuple[list[Uncertain], list[Unknown]]:
    """What to check and what to do; `quiet` holds words known to need no check, and is
    told the words this review found so."""
    uncertain: dict[str, Uncertain] = {}
    unknown: list[Unknown] = []
    for key, (count, line, col, text, why) in scanned.terms.items():
        answer = resolve(index, text)
        if answer.status in ("fuzzy", "ambiguous"):
            uncertain[key] = _uncertain(answer, count, line, col)
        elif answer.status == "none":
            part = _partial(index, answer)
            if part is not None:
                uncertain[key] = _uncertain(part, count, line, col)
            else:
                unknown.append(Unknown(text, count, line, col, why, answer.candidates))
    for key, (count, line, col, text, _why) in scanned.words.items():
        if key in uncertain or key in scanned.terms:
            continue
        asked = text if text.isupper() else key  # the two ways `_word` asks about a word
        if quiet is not None and asked in quiet:
            continue
        near = _word(index, key, text)
        if near is not None and near.status in ("fuzzy", "ambiguous"):
            uncertain[key] = _uncertain(near, count, line, col)
        elif quiet is not None:
            quiet.add(asked)
    rank = lambda u: (-u.count, u.line, u.col)  # noqa: E731
    return sorted(uncertain.values(), key=rank), sorted(unknown, key=rank)


def _word(index: Index, key: str, text: str) -> Resolution | None:
    """A word in no match: a typo of a name, or an abbreviation several names start with."""
    if text.isupper() and len(key) >= stages.FAMILY_MIN and key.isalpha():
        return resolve(index, text)
    if len(key) < FUZZY_MIN or not any(c.isalpha() for c in key) or not _near(index, key):
        return None
    return stages.fuzzy(index, text, key, key, [])


def _near(index: Index, key: str) -> bool:
    """Whether some name the fuzzy stage would keep reaches its cutoff: if none does, the
    stage answers none, which is no word to check. The whole stage (its steps and
    candidates) is built only for the few words it leaves."""
    keys, entries = stages.fuzzy_keys(index, " ".join(names.numbers(key)), key, CUTOFF)

    def keep(pos: int) -> bool:
        _file, rid, name = entries[pos]
        return not words.shared_lead(index.db, keys[pos], rid, name)

    return bool(ratio.scored(key, keys, CUTOFF, keep))


def _partial(index: Index, answer: Resolution) -> Resolution | None:
    """A term that is a word or the start of one record's names ("polyphenols"): partial."""
    norm = names.normalize(answer.query)
    hits = stages.family_hits(index, norm, names.compact(norm))
    if not hits:
        return None
    listed = tuple(Candidate(rid, name, 0.0) for rid, (_f, name) in sorted(hits.items())[:5])
    return answer._replace(status="partial", stage=9, candidates=listed)


def _uncertain(answer: Resolution, count: int, line: int, col: int) -> Uncertain:
    stage = answer.stage_name or ""
    return Uncertain(answer.query, count, line, col, answer.status, stage, answer.candidates)
