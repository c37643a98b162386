"""scan's terms: the faster searches find exactly what their plain definitions do."""

from __future__ import annotations

import random
import re

from curate.lookup import terms
from tests.conftest import FIXTURES

PIECES = ["BPC", "a", "x", "Ipamorelin", "5", "157", "-", "\u2011", "2.5", " ", " ", "\n", "mg",
          "mcg", "g", "IU", "of", ",", ".", "/", "_", "α", "zz", "HTP", "TB-500", "Leucine",
          "Carnitine", "amine", "statin"]  # fmt: skip
# The patterns as first written, with backtracking: what the possessive ones must equal.
PLAIN_CODE = re.compile(
    r"(?<![\w/.:-])[A-Za-z][A-Za-z]{0,7}[-\u2010\u2011\u2013]?\d+[A-Za-z]{0,3}(?![\w-])"
)
PLAIN_LONG_WORD = re.compile(r"\b[A-Za-z][a-z]{4,}\b")
BEFORE_DOSE = re.compile(terms.BEFORE_DOSE)


def _texts() -> list[str]:
    rng = random.Random(14)
    made = ["5 mg-BPC 10 mg", "x 5 mg-BPC 10 mg", "5-HTP 100 mg", "aBPC-1 5 mg-5-HTP 2 g"]
    made += [" ".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 30))) for _ in range(1500)]
    made += ["".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 30))) for _ in range(1500)]
    return made + [p.read_text() for p in sorted((FIXTURES / "articles").glob("*.txt"))]


def _endings(text: str) -> list[tuple[int, int]]:
    out = []
    for match in PLAIN_LONG_WORD.finditer(text):
        word = match.group().lower()
        if word.endswith(terms.ENDINGS) and len(word) > 3 + min(
            len(e) for e in terms.ENDINGS if word.endswith(e)
        ):
            out.append(match.span())
    return out


def test_each_search_finds_what_its_definition_does() -> None:
    texts = _texts()
    assert sum(bool(BEFORE_DOSE.search(t)) for t in texts) > 100  # the cases are there
    for text in texts:
        doses = [(m.span(1), m.end()) for m in BEFORE_DOSE.finditer(text)]
        assert [(m.span(1), m.end()) for m in terms._before_dose(text)] == doses, text
        codes = [m.span() for m in PLAIN_CODE.finditer(text)]
        assert [m.span() for m in terms.CODE.finditer(text)] == codes, text
        assert terms._with_ending(text) == _endings(text), text


def test_the_run_a_match_cut_is_found() -> None:
    assert [m.group(1) for m in terms._before_dose("BPC 5 mg-HTP 10 mg")] == ["BPC", "HTP"]


def test_words_folded_together_fold_as_each_alone() -> None:
    from curate.lookup import names

    text = " ".join(_texts()[-3:]).lower()
    words = sorted(set(re.findall(r"[^\W_]+", text)))
    words += ["", "e", "ee", "eee", "cce", "phe", "the", "zzy", "aae", "oee", "quе", "ll"]
    assert len(words) > 500
    assert names.fold_all(words) == [names.fold(w) for w in words]
    assert names.fold_all([]) == [] and names.fold_all([""]) == [""]
