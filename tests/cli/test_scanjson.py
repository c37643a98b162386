"""scan's JSON is written as it goes, and is byte for byte json.dumps of the whole report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from curate.cli import scanjson
from curate.lookup import review, scan
from curate.lookup.index import Index
from curate.lookup.mentions import Found
from tests.conftest import FIXTURES
from tests.lookup import cardkb

ARTICLES = FIXTURES / "articles"


def _tree(results: list[review.ScanReport]) -> list[dict[str, Any]]:
    """The report as one tree, the way it was built before it was streamed."""
    out = []
    for report in results:
        found = report.found
        order = sorted(found, key=lambda r: (found[r].mentions[0].line, found[r].mentions[0].col))
        compounds = [
            {
                "id": rid,
                "evidence_level": report.records[rid].get("evidence_level"),
                "status": report.records[rid].get("status"),
                "risk_flags": report.records[rid].get("risk_flags") or [],
                "ambiguous": found[rid].ambiguous,
                "mentions": [m.as_dict() for m in found[rid].mentions],
            }
            for rid in order
        ]
        out.append({
            "input": report.input,
            "compounds": compounds,
            "uncertain": [u.as_dict() for u in report.uncertain],
            "unknown": [u.as_dict() for u in report.unknown],
        })  # fmt: skip
    return out


def _reports(root: Path, texts: dict[str, str]) -> list[review.ScanReport]:
    index = Index(root)
    dictionary = scan.load(index)
    return [review.scan_input(index, dictionary, name, [text]) for name, text in texts.items()]


def _same_bytes(results: list[review.ScanReport]) -> None:
    expected = json.dumps(_tree(results), indent=2, ensure_ascii=False) + "\n"
    assert scanjson.text(results) == expected


def test_no_inputs_and_nothing_found(root: Path) -> None:
    _same_bytes([])
    _same_bytes(_reports(root, {"empty": "", "plain": "nothing named here"}))


def test_seed_articles_and_review_lists(tmp_path: Path) -> None:
    texts = {p.name: p.read_text() for p in sorted(ARTICLES.iterdir())}
    texts["to check"] = 'BPC-157 5 mg, Mecasermn, the IGF family, "quoted\\" \t tab, ünïcode'
    results = _reports(cardkb.build(tmp_path / "kb"), texts)
    assert any(r.uncertain for r in results) and any(r.unknown for r in results)
    _same_bytes(results)


def test_many_mentions_in_batches(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scanjson, "BATCH", 3)
    text = "IGF-1 and zinc, Zink; IGF\u20111\n" * 7 + "zinc"
    (result,) = _reports(root, {"-": text})
    assert len(result.found["zinc"].mentions) == 15
    _same_bytes([result])
    pieces = list(scanjson.chunks([result]))
    assert max(map(len, pieces)) < 1000  # never the whole list in one string


def test_a_mention_is_held_as_numbers_and_one_copy_of_each_spelling() -> None:
    found = Found("zinc")
    for line in range(1, 1001):
        found.mentions.add(line, 3, "Zink", "zink")
    found.mentions.add(1001, 1, "zinc", "zinc")
    assert len(found.mentions) == 1001 and found.mentions.spellings == [
        ("Zink", "zink"),
        ("zinc", "zinc"),
    ]
    assert found.mentions[-1] == (1001, 1, "zinc", "zinc")
    assert [m.line for m in found.mentions[998:]] == [999, 1000, 1001]
