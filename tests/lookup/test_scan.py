from __future__ import annotations

import json
from pathlib import Path

import pytest

from curate.lookup import scan
from curate.lookup.index import Index
from tests.conftest import FIXTURES, Invoke

ARTICLES = FIXTURES / "articles"


@pytest.fixture
def automaton(root: Path) -> object:
    return scan.load(Index(root))


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        ("seed_000_igf1_mgf.txt", {"mecasermin_igf1", "mgf_peptide", "igf1_lr3", "des_1_3_igf1",
                                    "resistance_training"}),
        ("seed_002_leucine_autophagy.txt",
         {"leucine", "bcaa", "intermittent_fasting", "protein_cycling", "rapamycin", "whey_protein",
          "calorie_restriction", "resistance_training"}),
        ("seed_003_igf1_immune.txt",
         {"mecasermin_igf1", "dairy", "magnesium", "zinc", "selenium", "green_tea_polyphenols",
          "alcohol", "igf1_supplements"}),
    ],
)  # fmt: skip
def test_seed_articles(automaton: object, article: str, expected: set[str]) -> None:
    found = scan.scan_text(automaton, (ARTICLES / article).read_text())
    assert set(found) == expected


def test_seed_000_dashes_and_superscripts(automaton: object) -> None:
    found = scan.scan_text(automaton, (ARTICLES / "seed_000_igf1_mgf.txt").read_text())
    first = found["mecasermin_igf1"].mentions[0]
    assert (first.line, first.col, first.text) == (1, 1, "IGF\u20111")
    lr3 = found["igf1_lr3"].mentions
    assert [(m.line, m.col, m.text, m.alias) for m in lr3] == [
        (61, 121, "LongR³-IGF-I", "Long R3 IGF-1")
    ]
    assert [m.text for m in found["des_1_3_igf1"].mentions] == ["Des(1-3)-IGF-I"]
    texts = {m.text for m in found["mecasermin_igf1"].mentions}
    # "mekasermin" (twice in the seed) is the spelling fold's, as `resolve` takes it.
    assert texts == {
        "IGF\u20111",
        "IGF-1",
        "insulin-like growth factor 1",
        "mecasermin",
        "mekasermin",
        "Increlex",
    }
    assert [m.line for m in found["mecasermin_igf1"].mentions if m.text == "mekasermin"] == [
        *_lines_with("mekasermin")
    ]


def _lines_with(word: str) -> list[int]:
    text = (ARTICLES / "seed_000_igf1_mgf.txt").read_text()
    return [n for n, line in enumerate(text.splitlines(), 1) for _ in range(line.count(word))]


def test_seed_003_never_takes_igf2_for_igf1(automaton: object) -> None:
    text = (ARTICLES / "seed_003_igf1_immune.txt").read_text()
    assert "IGF-2" in text
    mentions = scan.scan_text(automaton, text)["mecasermin_igf1"].mentions
    assert {m.text for m in mentions} == {"IGF-1", "Insulin-like growth factor 1"}


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("IGF-1R and IGF-1Ec and IGF-2 and IGFBP", set()),
        ("IGF1R, IGF-1es", set()),
        ("two IGF-1s, BCAAs", {"mecasermin_igf1", "bcaa"}),
        ("take IGF-1 LR3 daily", {"igf1_lr3"}),
        ("the IGF-1-genen and (IGF-1).", {"mecasermin_igf1"}),
        ("Incre\u00adlex® is approved", {"mecasermin_igf1"}),
        ("leucintillskott", set()),
        ("LEUCINE, leucin; L-leucine", {"leucine"}),
        ("mechanistic target of rapamycin (mTOR)", {"rapamycin"}),
        ("sirolimus", set()),
        ("MGF (mechano-growth factor), the IGF-1Ec variant", set()),
        ("en syntetisk MGF-peptid", {"mgf_peptide"}),
    ],
)
def test_word_edges_and_longest_match(automaton: object, text: str, ids: set[str]) -> None:
    assert set(scan.scan_text(automaton, text)) == ids


def test_scan_command_json_and_stdin(cli: Invoke, root: Path) -> None:
    result = cli(["--root", str(root), "scan", "-f", "json"], input="IGF‑1 and zinc\nand IGF-I\n")
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert [c["id"] for c in data[0]["compounds"]] == ["mecasermin_igf1", "zinc"]
    mentions = data[0]["compounds"][0]["mentions"]
    assert mentions == [
        {"line": 1, "col": 1, "text": "IGF\u20111", "alias": "IGF-1"},
        {"line": 2, "col": 5, "text": "IGF-I", "alias": "IGF-1"},
    ]
    assert data[0]["compounds"][0]["risk_flags"][1] == "hypoglycemia"


def test_scan_text_report(cli: Invoke, root: Path) -> None:
    out = cli(["--root", str(root), "scan", str(ARTICLES / "seed_000_igf1_mgf.txt")]).stdout
    assert "5 known compound(s)" in out
    assert "igf1_lr3  mechanistic only · unapproved  1 mention(s)" in out
    assert "61:121 LongR³-IGF-I" in out


def test_scan_missing_file(cli: Invoke, root: Path) -> None:
    result = cli(["--root", str(root), "scan", "nope.txt"])
    assert result.exit_code == 2 and result.stderr == "curate: error: nope.txt: no such file\n"
