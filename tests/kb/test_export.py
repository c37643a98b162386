from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

from tests.conftest import REPO, Invoke


def test_sqlite_tables_keys_and_queries(cli: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "kb.sqlite"
    assert cli(["--root", str(REPO), "export", "-f", "sqlite", "-o", str(out)]).exit_code == 0
    db = sqlite3.connect(out)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "compounds",
        "aliases",
        "sources",
        "compound_sources",
        "risk_flags",
        "broad_outcomes",
    } <= tables
    compounds = len(list((REPO / "data/compounds").glob("*.yaml")))
    assert db.execute("SELECT count(*) FROM compounds").fetchone()[0] == compounds
    approved = db.execute(
        "SELECT id FROM compounds WHERE status = 'approved' ORDER BY id"
    ).fetchall()
    assert approved == [("mecasermin_igf1",)]
    unstated = db.execute("SELECT id FROM compounds WHERE status = 'not_stated'").fetchall()
    assert unstated == [("rapamycin",)]
    via_alias = db.execute(
        "SELECT s.type FROM aliases a JOIN compound_sources cs ON cs.compound_id = a.compound_id "
        "JOIN sources s ON s.id = cs.source_id WHERE a.alias = 'Increlex' ORDER BY cs.position"
    ).fetchall()
    assert [t for (t,) in via_alias] == [
        "label",
        "government_review",
        "human_trial",
        "early_human",
        "review",
    ]
    assert db.execute(
        "SELECT doi FROM sources WHERE id = 'harrison_rapamycin_mice_2009'"
    ).fetchone() == ("10.1038/nature08221",)
    assert db.execute(
        "SELECT journal, year FROM sources WHERE id = 'xu_leucine_meta_analysis_2015'"
    ).fetchone() == ("Br J Nutr", 2015)
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "aliases_alias" in indexes and "compound_sources_source" in indexes


def test_sqlite_needs_an_output_and_never_overwrites(cli: Invoke, tmp_path: Path) -> None:
    assert cli(["--root", str(REPO), "export", "-f", "sqlite"]).exit_code == 2
    out = tmp_path / "x.sqlite"
    out.write_text("mine")
    result = cli(["--root", str(REPO), "export", "-f", "sqlite", "-o", str(out)])
    assert result.exit_code == 2 and "--force" in result.stderr and out.read_text() == "mine"


def test_jsonl_and_csv_shapes(cli: Invoke) -> None:
    lines = cli(["--root", str(REPO), "export"]).stdout.splitlines()
    first, last = json.loads(lines[0]), json.loads(lines[-1])
    assert first["kind"] == "source" and "kind" not in last and last["id"] == "zinc"
    rows = list(
        csv.DictReader(io.StringIO(cli(["--root", str(REPO), "export", "-f", "csv"]).stdout))
    )
    mec = next(r for r in rows if r["id"] == "mecasermin_igf1")
    assert mec["aliases"].startswith("mecasermin; Increlex; rhIGF-1")
    assert "systemic\\; local-injection" in mec["limits_risks"]  # a ';' inside an item is escaped


def test_cards_export_is_separated_and_parsable(cli: Invoke) -> None:
    from curate.records import cards

    text = cli(["--root", str(REPO), "export", "-f", "cards"]).stdout
    parsed = [cards.parse_card(chunk, line) for line, chunk in cards.split_cards(text)]
    compounds = len(list((REPO / "data/compounds").glob("*.yaml")))
    assert len(parsed) == compounds and all(not c.issues for c in parsed)
