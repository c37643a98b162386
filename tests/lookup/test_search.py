from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Invoke


def run(cli: Invoke, root: Path, *args: str) -> list[dict[str, object]]:
    result = cli(["--root", str(root), "search", *args, "-f", "json"])
    return json.loads(result.stdout) if result.stdout else []


def test_filters_alone_list_records(cli: Invoke, root: Path) -> None:
    assert [h["id"] for h in run(cli, root, "--status", "approved")] == ["mecasermin_igf1"]
    assert [h["id"] for h in run(cli, root, "--status", "not_stated")] == ["rapamycin"]
    assert [h["id"] for h in run(cli, root, "--source-type", "meta_analysis")] == ["leucine"]
    assert [h["id"] for h in run(cli, root, "--type", "practice")] == [
        "calorie_restriction",
        "intermittent_fasting",
        "protein_cycling",
        "resistance_training",
    ]
    assert [h["id"] for h in run(cli, root, "--evidence", "marketing only")] == [
        "alcohol",
        "bcaa",
        "dairy",
        "green_tea_polyphenols",
        "igf1_supplements",
        "magnesium",
        "protein_cycling",
        "selenium",
        "zinc",
    ]


def test_query_ranks_by_best_field(cli: Invoke, root: Path) -> None:
    hits = run(cli, root, "autophagy", "--limit", "3")
    assert len(hits) == 3
    assert {h["id"] for h in hits} <= {
        "calorie_restriction",
        "intermittent_fasting",
        "protein_cycling",
        "rapamycin",
        "leucine",
    }
    first = run(cli, root, "Increlex")[0]
    assert (first["id"], first["field"], first["match"]) == (
        "mecasermin_igf1",
        "aliases",
        "Increlex",
    )


def test_outcome_filter_and_query(cli: Invoke, root: Path) -> None:
    hits = run(cli, root, "IGF1", "--outcome", "immune")
    assert [h["id"] for h in hits] == ["igf1_supplements", "zinc"]


def test_nothing_found_exits_1_and_bad_filters_exit_2(cli: Invoke, root: Path) -> None:
    assert cli(["--root", str(root), "search", "xylophone"]).exit_code == 1
    bad = cli(["--root", str(root), "search", "--status", "legal"])
    assert bad.exit_code == 2 and "--status: 'legal' is not one of approved," in bad.stderr


def test_text_table(cli: Invoke, root: Path) -> None:
    out = cli(["--root", str(root), "search", "--status", "approved"]).stdout
    assert out.splitlines()[0].split() == [
        "id",
        "┃",
        "best",
        "match",
        "┃",
        "evidence",
        "level",
        "┃",
        "status",
    ]
    assert "mecasermin_igf1" in out and "approved / labelled" in out
