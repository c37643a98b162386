"""scan: streamed input, the curator's review lists, and a cache that is only data."""

from __future__ import annotations

import json
import marshal
import pickle
import random
from pathlib import Path
from typing import Any

import pytest

from curate.lookup import scan
from curate.lookup.index import Index
from tests.conftest import FIXTURES, Invoke
from tests.lookup import cardkb

ARTICLES = FIXTURES / "articles"


@pytest.fixture
def dictionary(root: Path) -> scan.Dictionary:
    return scan.load(Index(root))


def _mentions(found: dict[str, scan.Found]) -> dict[str, list[tuple[int, int, str, str]]]:
    return {rid: [(m.line, m.col, m.text, m.alias) for m in f.mentions] for rid, f in found.items()}


def _cut(text: str, rng: random.Random, at_spaces: bool) -> list[str]:
    cuts = sorted(rng.sample(range(1, len(text)), 40))
    if at_spaces:
        cuts = sorted({text.rfind(" ", 0, c) + 1 for c in cuts} - {0})
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]


@pytest.mark.parametrize("article", sorted(p.name for p in ARTICLES.iterdir()))
def test_pieces_find_what_the_whole_text_does(dictionary: scan.Dictionary, article: str) -> None:
    text = (ARTICLES / article).read_text()
    whole = scan.scan_stream(dictionary, [text])
    pieces = scan.scan_stream(dictionary, _cut(text, random.Random(article), True))
    assert _mentions(pieces.found) == _mentions(whole.found)
    assert pieces.words == whole.words and pieces.terms == whole.terms


def test_one_long_line_in_pieces_keeps_its_columns(dictionary: scan.Dictionary) -> None:
    filler = "the study of muscle growth in older adults " * 3000
    text = f"{filler}IGF-1 LR3 {filler}mekasermin and zink\nzinc"
    found = scan.scan_stream(dictionary, _cut(text, random.Random(1), True)).found
    lr3 = len(filler) + 1
    assert _mentions(found)["igf1_lr3"] == [(1, lr3, "IGF-1 LR3", "IGF-1 LR3")]
    assert [m.col for m in found["mecasermin_igf1"].mentions] == [lr3 + 10 + len(filler)]
    assert [(m.line, m.col) for m in found["zinc"].mentions] == [
        (1, 2 * len(filler) + 26),
        (2, 1),
    ]


def test_a_scan_holds_one_piece_at_a_time(
    dictionary: scan.Dictionary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Peak memory follows the piece, not the input: what is carried stays short."""
    seen: list[int] = []
    real = scan._scan_part

    def spy(*args: Any) -> str:
        seen.append(len(args[1]))
        return real(*args)

    monkeypatch.setattr(scan, "_scan_part", spy)
    piece = "IGF-1 and zinc in the muscle of older adults. " * 200
    pieces = (piece for _ in range(500))
    found = scan.scan_stream(dictionary, pieces).found
    assert len(found["zinc"].mentions) == 200 * 500
    assert len(seen) == 501 and max(seen) < len(piece) + 200


def test_a_file_is_read_in_pieces_cut_at_white_space(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan, "PIECE", 64)
    path = tmp_path / "a.txt"
    path.write_text("IGF\u20111 " * 100 + "x" * 200 + " mecasermin", encoding="utf-8")
    _name, pieces = scan.read_pieces(str(path))
    got = list(pieces)
    assert "".join(got) == path.read_text(encoding="utf-8")
    assert all(p.endswith(" ") for p in got[:-1]) and max(map(len, got)) < 400


def test_bad_utf8_is_named_with_its_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from curate.errors import CurateError

    monkeypatch.setattr(scan, "PIECE", 16)
    path = tmp_path / "bad.txt"
    path.write_bytes(b"zinc " * 10 + b"\xff")
    with pytest.raises(CurateError, match=r"bad.txt: not UTF-8 text \(byte 50\)"):
        list(scan.read_pieces(str(path))[1])


def test_scan_lists_uncertain_names_and_unknown_terms(cli: Invoke, tmp_path: Path) -> None:
    root = cardkb.build(tmp_path / "kb")
    text = (
        "BPC-157 250 mcg daily, then BPC-157 again; Ipamorelin 200 mcg.\n"
        "Mecasermn and Increlex and the IGF family; IGF-1R is a receptor.\n"
        "Semaglutide (Wegovy) with 5 mg of retatrutide and mekasermin.\n"
    )
    done = cli(["--root", str(root), "scan", "-f", "json"], input=text)
    (data,) = json.loads(done.stdout)
    assert [c["id"] for c in data["compounds"]] == ["mecasermin_igf1", "semaglutide_wegovy"]
    uncertain = {
        u["text"]: (u["status"], [c["id"] for c in u["candidates"]]) for u in data["uncertain"]
    }
    assert uncertain == {
        "Mecasermn": ("fuzzy", ["mecasermin_igf1"]),
        "IGF": ("ambiguous", ["mecasermin_igf1", "igf1_lr3", "des_1_3_igf1"]),
    }
    assert [(u["text"], u["count"], u["why"]) for u in data["unknown"]] == [
        ("BPC-157", 2, "code"),
        ("Ipamorelin", 1, "ending"),
        ("IGF-1R", 1, "code"),
        ("retatrutide", 1, "ending"),
    ]
    assert data["unknown"][0] == {
        "text": "BPC-157", "count": 2, "line": 1, "col": 1, "why": "code", "suggestions": []
    }  # fmt: skip
    text_out = cli(["--root", str(root), "scan"], input=text).stdout
    assert "  to do: 4 term(s) in no record" in text_out
    assert "    BPC-157 ×2  (code, first 1:1)" in text_out
    assert "    2:1 Mecasermn ×1  fuzzy: mecasermin_igf1 ('mecasermin_igf1')" in text_out


def test_scan_finds_what_resolve_accepts_in_a_word(tmp_path: Path) -> None:
    """The card KB has no 'mecasermin' alias: the id's leading word, folded, still answers."""
    index = Index(cardkb.build(tmp_path / "kb"))
    found = scan.scan_text(scan.load(index), "mekasermin, Mecasermin and semaglutid; BCAAs")
    assert _mentions(found) == {
        "mecasermin_igf1": [
            (1, 1, "mekasermin", "mecasermin_igf1"),
            (1, 13, "Mecasermin", "mecasermin_igf1"),
        ],
        "semaglutide_wegovy": [(1, 28, "semaglutid", "semaglutide_wegovy")],
        "bcaa": [(1, 40, "BCAAs", "bcaa")],
    }
    assert found["mecasermin_igf1"].folded and not found["bcaa"].folded


def _cache_files(root: Path) -> list[Path]:
    return sorted((root / ".curate" / "cache").glob("scan*"))


def test_a_planted_cache_file_never_runs_code(root: Path, tmp_path: Path) -> None:
    """Issue 11: the cache held a pickle, and unpickling a planted file runs its code."""
    index = Index(root)
    scan.load(index)
    (cached,) = _cache_files(root)
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[Any, ...]:
            return (open, (str(marker), "w"))

    generation = index.meta("generation")
    for name in (cached.name, f"scan-{generation}.automaton"):
        (cached.parent / name).write_bytes(pickle.dumps(Payload()))
    found = scan.scan_text(scan.load(Index(root)), "IGF-1 and zinc")
    assert not marker.exists()
    assert set(found) == {"mecasermin_igf1", "zinc"}
    assert [p.name for p in _cache_files(root)] == [cached.name]  # rebuilt; the pickle gone
    assert marshal.loads(cached.read_bytes())[0]


@pytest.mark.parametrize(
    "damage",
    [
        marshal.dumps((["igf1"], [])),
        marshal.dumps(([1], [[]])),
        marshal.dumps((["igf1"], [[("igf1", (("x", 2),))]])),
        marshal.dumps([]),
        b"{",
        b"",
    ],
)
def test_a_damaged_cache_is_rebuilt(root: Path, damage: bytes) -> None:
    index = Index(root)
    scan.load(index)
    (cached,) = _cache_files(root)
    cached.write_bytes(damage)
    assert set(scan.scan_text(scan.load(Index(root)), "Increlex, zink")) == {
        "mecasermin_igf1",
        "zinc",
    }
    assert marshal.loads(cached.read_bytes())[0]


def test_a_word_with_nothing_left_once_normalized_is_no_word(dictionary: scan.Dictionary) -> None:
    """U+FE70 (an Arabic presentation form) is a word character that NFKC leaves as none."""
    text = "zinc \ufe70 zinc and \ufe72 IGF-1\nzinc"
    scanned = scan.scan_stream(dictionary, [text])
    assert _mentions(scanned.found) == {
        "zinc": [(1, 1, "zinc", "zinc"), (1, 8, "zinc", "zinc"), (2, 1, "zinc", "zinc")],
        "mecasermin_igf1": [(1, 19, "IGF-1", "IGF-1")],
    }
    assert list(scanned.words) == ["and"]
