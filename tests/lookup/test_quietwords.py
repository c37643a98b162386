"""scan's review keeps the words it found nothing to check in, per index generation:
a later scan skips them and reports the same; an edit to a record asks them again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from curate.lookup import quietwords, review, scan
from curate.lookup.index import Index
from curate.repo import cache
from tests.conftest import FIXTURES

ARTICLE = FIXTURES / "articles" / "seed_002_leucine_autophagy.txt"
TEXT = "Zinkum and plumbago were studied; Zinc too."


def _scan(root: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[str]]:
    asked: list[str] = []
    real = review._word

    def counted(index: Index, key: str, word: str) -> Any:
        asked.append(key)
        return real(index, key, word)

    monkeypatch.setattr(review, "_word", counted)
    index = Index(root)
    try:
        report = review.scan_input(index, scan.load(index), "text", iter([text]))
    finally:
        index.close()
        monkeypatch.undo()
    found = {rid: len(found.mentions) for rid, found in report.found.items()}
    checks = [u.as_dict() for u in report.uncertain], [u.as_dict() for u in report.unknown]
    return (found, checks), asked


def test_a_second_scan_reports_the_same_and_asks_only_the_words_to_check(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    first, asked_first = _scan(root, text, monkeypatch)
    second, asked_second = _scan(root, text, monkeypatch)
    assert second == first
    assert len(asked_first) > 100
    to_check = {u["text"].lower() for u in first[1][0]}
    assert set(asked_second) <= to_check  # only the words that had something to check


def test_an_edit_to_a_record_asks_every_word_again(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, _asked = _scan(root, TEXT, monkeypatch)
    assert "plumbago" not in {u["text"] for u in before[1][0]}
    record = root / "data" / "compounds" / "zinc.yaml"
    record.write_text(record.read_text().replace("  - zink\n", "  - zink\n  - plumbagos\n"))
    after, asked = _scan(root, TEXT, monkeypatch)
    assert "plumbago" in asked
    assert {u["text"]: u["status"] for u in after[1][0]}["plumbago"] == "fuzzy"


@pytest.mark.parametrize("payload", [b"", b"\x00garbage", b"\xfb\x00\x00\x00"])
def test_a_damaged_file_reads_as_empty(
    root: Path, monkeypatch: pytest.MonkeyPatch, payload: bytes
) -> None:
    first, _asked = _scan(root, TEXT, monkeypatch)
    cache.write(root, quietwords.CACHE_NAME, payload)
    again, asked = _scan(root, TEXT, monkeypatch)
    assert again == first
    assert "plumbago" in asked


def test_a_file_with_other_than_words_reads_as_empty(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _scan(root, TEXT, monkeypatch)
    index = Index(root)
    signature = quietwords.QuietWords(index).signature
    index.close()
    cache.save(root, quietwords.CACHE_NAME, signature, {"words": ["plumbago", 3]})
    _again, asked = _scan(root, TEXT, monkeypatch)
    assert "plumbago" in asked
