"""Every spelling a seed article uses for a compound the knowledge base holds is found by
`curate scan` on that article.

A spelling is a name as the article writes it: "mekasermin" for mecasermin, "leucin" for
leucine, "LongR³-IGF-I" for IGF-1 LR3. Swedish inflections and compound words built on a
name ("MGF-peptiden", "leucintillskott") are other words and are not listed; nor are names
of things the knowledge base does not hold (seed 000's "MGF" for the body's own IGF-1Ec
splice variant is not the synthetic peptide `mgf_peptide`).
"""

from __future__ import annotations

import json
import shutil
from functools import cache

import pytest
from typer.testing import CliRunner

from curate.cli.app import app
from tests.conftest import ENV, FIXTURES, REPO

ARTICLES = FIXTURES / "articles"

ARTICLE_NAMES = SEED_000, SEED_002, SEED_003 = (
    "seed_000_igf1_mgf.txt",
    "seed_002_leucine_autophagy.txt",
    "seed_003_igf1_immune.txt",
)
CASES = [
    (SEED_000, "mecasermin_igf1", "IGF\u20111"),
    (SEED_000, "mecasermin_igf1", "IGF-1"),
    (SEED_000, "mecasermin_igf1", "insulin-like growth factor 1"),
    (SEED_000, "mecasermin_igf1", "mecasermin"),
    (SEED_000, "mecasermin_igf1", "mekasermin"),
    (SEED_000, "mecasermin_igf1", "Increlex"),
    (SEED_000, "mgf_peptide", "MGF-peptid"),
    (SEED_000, "igf1_lr3", "LongR³-IGF-I"),
    (SEED_000, "des_1_3_igf1", "Des(1-3)-IGF-I"),
    (SEED_000, "resistance_training", "styrketräning"),
    (SEED_002, "leucine", "leucin"),
    (SEED_002, "leucine", "Leucin"),
    (SEED_002, "leucine", "Leucine"),
    (SEED_002, "bcaa", "BCAA"),
    (SEED_002, "rapamycin", "rapamycin"),
    (SEED_002, "rapamycin", "Rapamycin"),
    (SEED_002, "whey_protein", "vassleprotein"),
    (SEED_002, "whey_protein", "Whey Protein"),
    (SEED_002, "intermittent_fasting", "periodisk fasta"),
    (SEED_002, "intermittent_fasting", "Fasta varannan dag"),
    (SEED_002, "intermittent_fasting", "fasting"),
    (SEED_002, "protein_cycling", "protein-cykling"),
    (SEED_002, "protein_cycling", "Protein-cykling"),
    (SEED_002, "calorie_restriction", "kalorirestriktion"),
    (SEED_002, "resistance_training", "motståndsträning"),
    (SEED_002, "resistance_training", "styrketräning"),
    (SEED_002, "resistance_training", "resistance exercise"),
    (SEED_002, "resistance_training", "Resistance Training"),
    (SEED_003, "mecasermin_igf1", "IGF-1"),
    (SEED_003, "mecasermin_igf1", "Insulin-like growth factor 1"),
    (SEED_003, "igf1_supplements", "IGF-1 supplements"),
    (SEED_003, "igf1_supplements", "IGF-1 Supplement"),
    (SEED_003, "igf1_supplements", "IGF supplement"),
    (SEED_003, "dairy", "Dairy"),
    (SEED_003, "dairy", "dairy products"),
    (SEED_003, "dairy", "cow milk"),
    (SEED_003, "dairy", "Milk"),
    (SEED_003, "magnesium", "Magnesium"),
    (SEED_003, "zinc", "zinc"),
    (SEED_003, "selenium", "Selenium"),
    (SEED_003, "green_tea_polyphenols", "Green Tea"),
    (SEED_003, "green_tea_polyphenols", "green tea"),
    (SEED_003, "alcohol", "Alcohol"),
    (SEED_003, "alcohol", "alcohol intake"),
]


def _case(case: object) -> tuple[str, str, str]:
    values = getattr(case, "values", case)
    assert isinstance(values, tuple)
    return values


@cache
def _article(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, set[str]]]:
    """Mention texts per compound id, per article, as `curate scan -f json` reports them."""
    root = tmp_path_factory.mktemp("kb")
    for folder in ("data", "schemas"):
        shutil.copytree(REPO / folder, root / folder)
    runner = CliRunner()
    out: dict[str, dict[str, set[str]]] = {}
    for name in ARTICLE_NAMES:
        args = ["--root", str(root), "scan", str(ARTICLES / name), "-f", "json"]
        result = runner.invoke(app, args, env=ENV)
        assert result.exit_code == 0, result.output
        [report] = json.loads(result.stdout)
        out[name] = {c["id"]: {m["text"] for m in c["mentions"]} for c in report["compounds"]}
    return out


@pytest.mark.parametrize(("article", "rid", "spelling"), CASES)
def test_scan_finds_each_spelling_the_seed_uses(
    found: dict[str, dict[str, set[str]]], article: str, rid: str, spelling: str
) -> None:
    assert spelling in _article(article), "a case must quote its article"
    assert spelling in found[article].get(rid, set())


@pytest.mark.parametrize("article", ARTICLE_NAMES)
def test_every_compound_scan_finds_in_a_seed_has_its_spellings_listed(
    found: dict[str, dict[str, set[str]]], article: str
) -> None:
    listed = {rid for name, rid, _ in map(_case, CASES) if name == article}
    assert set(found[article]) == listed
