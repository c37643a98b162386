"""The fuzzy stage's scores: rapidfuzz's `ratio`, for the keys that can reach the floor.

`ratio` is the Indel similarity, 200 * LCS / (len a + len b). A word far from every
name, nearly every word of an article, is told so by that formula computed here (the
longest common subsequence by bit vectors, a few microseconds a key), so such a text
never imports rapidfuzz, which takes about as long as the whole scan. The keys that
reach the floor are scored by rapidfuzz, so every score shown is rapidfuzz's own; once
it is loaded, one call in C scores all keys faster, and the check is skipped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

Scored = tuple[str, float, int]  # (key, score, its position in the keys given)


def could_reach(query: str, key: str, floor: float) -> bool:
    """Whether ratio(query, key) is `floor` or more, or so close that only rapidfuzz's
    own float can tell."""
    return bool(_reaching(query, [key], floor))


def scored(
    query: str, keys: Sequence[str], floor: float, keep: Callable[[int], bool] | None = None
) -> list[Scored]:
    """What rapidfuzz's `process.extract(query, keys, scorer=ratio, limit=None,
    score_cutoff=floor)` gives, less the positions `keep` refuses (`keep` must not
    depend on the score: it is asked before scoring while rapidfuzz is not loaded)."""
    if "rapidfuzz.fuzz" in sys.modules:
        return [hit for hit in _extract(query, keys, floor) if keep is None or keep(hit[2])]
    picked = [i for i in _reaching(query, keys, floor) if keep is None or keep(i)]
    if not picked:
        return []
    found = _extract(query, [keys[i] for i in picked], floor)
    return [(key, score, picked[pos]) for key, score, pos in found]


def _extract(query: str, keys: Sequence[str], floor: float) -> list[Scored]:
    from rapidfuzz import fuzz, process

    return process.extract(query, keys, scorer=fuzz.ratio, limit=None, score_cutoff=floor)


def _reaching(query: str, keys: Sequence[str], floor: float) -> list[int]:
    """Positions of the keys whose ratio to `query` reaches the floor (or a hair below)."""
    # The common subsequence is at most the key's characters that `query` has at all:
    # one `translate` in C rules out most keys before the exact check in Python.
    others = dict.fromkeys(map(ord, query))
    masks: dict[str, int] | None = None
    picked = []
    for pos, key in enumerate(keys):
        total = len(query) + len(key)
        if 200 * (len(key) - len(key.translate(others))) < (floor - 1e-6) * total:
            continue
        masks = masks or _masks(query)
        if _reaches(masks, len(query), key, floor):
            picked.append(pos)
    return picked


def _masks(text: str) -> dict[str, int]:
    """Each character's positions in `text` as the bits of an int."""
    masks: dict[str, int] = {}
    for pos, char in enumerate(text):
        masks[char] = masks.get(char, 0) | 1 << pos
    return masks


def _reaches(masks: dict[str, int], length: int, key: str, floor: float) -> bool:
    # Hyyrö's bit-parallel LCS: the zero bits of `row` count the common subsequence.
    full = (1 << length) - 1
    row = full
    for char in key:
        match = row & masks.get(char, 0)
        row = ((row + match) | (row - match)) & full
    common = length - row.bit_count()
    # A ratio within a hair of the floor is left to rapidfuzz, whose float may round
    # either way.
    return 200 * common >= (floor - 1e-6) * (length + len(key))
