"""scan's review: the cheap check before the fuzzy stage changes nothing it reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from curate.lookup import review, scan, stages
from curate.lookup.index import Index
from tests.conftest import FIXTURES
from tests.lookup import cardkb

TYPOS = "Mecasermn, mekasermin, Leucin, zentrabul, semaglutid and IGF-1R, studied extensively."


def _reviewed(root: Path, text: str, monkeypatch: pytest.MonkeyPatch, check: bool) -> Any:
    if not check:
        monkeypatch.setattr(review, "_near", lambda index, key: True)
    calls = []
    real = stages.fuzzy

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(stages, "fuzzy", counted)
    index = Index(root)
    uncertain, unknown = review.review(index, scan.scan_stream(scan.load(index), [text]))
    monkeypatch.undo()
    return [u.as_dict() for u in uncertain], [u.as_dict() for u in unknown], calls


@pytest.mark.parametrize("kb", ["shipped", "cards"])
@pytest.mark.parametrize(
    "text", [*sorted((FIXTURES / "articles").glob("*.txt")), TYPOS], ids=lambda t: str(t)[-20:]
)
def test_the_check_reports_what_the_whole_stage_does(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kb: str, text: Path | str
) -> None:
    where = root if kb == "shipped" else cardkb.build(tmp_path / "cards")
    words = text if isinstance(text, str) else text.read_text()
    *checked, few = _reviewed(where, words, monkeypatch, True)
    *whole, every = _reviewed(where, words, monkeypatch, False)
    assert checked == whole
    assert len(few) < len(every)  # the words no name is near never reach the stage


def test_typos_still_reach_the_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    uncertain, _unknown, calls = _reviewed(cardkb.build(tmp_path / "kb"), TYPOS, monkeypatch, True)
    assert {u["text"]: u["status"] for u in uncertain} == {
        "Mecasermn": "fuzzy",
        "zentrabul": "ambiguous",
        "IGF": "ambiguous",
    }
    assert {"mecasermn", "zentrabul"} <= set(calls) and "extensively" not in calls
