"""The fuzzy stage's scores are rapidfuzz's own, with or without the check that spares
importing it: the check may only leave out keys whose ratio is below the floor."""

from __future__ import annotations

import random
import sys

import pytest
from rapidfuzz import fuzz, process

from curate.lookup import ratio

ALPHABETS = ("abcdeö1 ", "abcdefghijklmnopqrstuvwxyzåäö0123456789")


def _word(rng: random.Random, alphabet: str) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))


def test_could_reach_never_refuses_a_key_that_reaches_the_floor() -> None:
    rng = random.Random(7)
    refused = 0
    for n in range(20_000):
        a, b = (_word(rng, ALPHABETS[n % 2]) for _ in range(2))
        for floor in (50.0, 65.0, 85.0):
            reaches = fuzz.ratio(a, b) >= floor
            assert ratio.could_reach(a, b, floor) or not reaches, (a, b, floor)
            refused += not ratio.could_reach(a, b, floor)
    assert refused > 20_000  # and it does rule out most pairs


def test_could_reach_is_the_ratio_itself_not_only_the_shared_letters() -> None:
    # "gener" has every letter of "green", but their ratio is 60.
    assert fuzz.ratio("gener", "green") < 85
    assert not ratio.could_reach("gener", "green", 85.0)
    assert ratio.could_reach("protein", "proteiner", 85.0)  # 87.5


def test_a_ratio_equal_to_the_floor_is_left_to_rapidfuzz() -> None:
    a, b = "abcdefghijklmnopq" + "x" * 3, "abcdefghijklmnopq" + "y" * 3  # 17 of 20 each: 85
    assert ratio.could_reach(a, b, 85.0)
    assert ratio.scored(a, [b], 85.0) == process.extract(
        a, [b], scorer=fuzz.ratio, limit=None, score_cutoff=85.0
    )


@pytest.mark.parametrize("loaded", [True, False])
def test_scored_is_what_rapidfuzz_extract_gives(
    monkeypatch: pytest.MonkeyPatch, loaded: bool
) -> None:
    if not loaded:  # the path a process takes before anything imported rapidfuzz
        monkeypatch.delitem(sys.modules, "rapidfuzz.fuzz")
    rng = random.Random(11)
    for n in range(500):
        query = _word(rng, ALPHABETS[n % 2])
        keys = [_word(rng, ALPHABETS[n % 2]) for _ in range(rng.randint(0, 12))]
        keys += [query[:-1], query + "s", query]  # some that reach it, ties among them
        for floor in (65.0, 85.0):
            want = process.extract(query, keys, scorer=fuzz.ratio, limit=None, score_cutoff=floor)
            assert ratio.scored(query, keys, floor) == want
            odd = [hit for hit in want if hit[2] % 2]
            assert ratio.scored(query, keys, floor, keep=lambda pos: pos % 2 == 1) == odd
    assert ("rapidfuzz.fuzz" in sys.modules) == loaded


def test_keep_is_asked_only_of_keys_that_reach_the_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "rapidfuzz.fuzz")
    asked: list[int] = []

    def keep(pos: int) -> bool:
        asked.append(pos)
        return False

    assert ratio.scored("leucine", ["zinc", "leucin", "magnesium", "leucine"], 85.0, keep) == []
    assert asked == [1, 3]
