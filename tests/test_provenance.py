"""Provenance of the shipped sources: every identifier a source records occurs in the
document that gives it, so that an identifier recalled from memory fails CI.

The documents are the seeds under tests/fixtures/ (the example card and the three
articles). A source is checked against the reference entry that carries it: the line of a
seed that contains its title (a reference-list entry, a card's source line). A source whose
title no seed gives is checked against the whole text of each seed its summary names
("Per seed 000"), and a seed article's own source against that article.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from curate.records.model import SOURCE_ORDER
from curate.repo import store
from tests.conftest import FIXTURES, REPO

SEEDS = {
    "000": FIXTURES / "articles" / "seed_000_igf1_mgf.txt",
    "001": FIXTURES / "cards" / "seed_001.txt",
    "002": FIXTURES / "articles" / "seed_002_leucine_autophagy.txt",
    "003": FIXTURES / "articles" / "seed_003_igf1_immune.txt",
}
# The citation fields (authors to publisher): each value must be quoted by its document.
IDENTIFIERS = SOURCE_ORDER[SOURCE_ORDER.index("authors") :]
_SEED_NAMED = re.compile(r"\bseed (\d{3})\b", re.IGNORECASE)
_OWN_SEED = re.compile(r"^seed_(\d{3})_")
_AUTHOR_SEPARATORS = re.compile(r"[,;]")


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def passages(record: dict[str, Any], seeds: dict[str, str]) -> list[str]:
    """The texts this source's identifiers must occur in (empty: nothing vouches for them)."""
    title = _flat(str(record.get("title", "")))
    lines = [
        ln for text in seeds.values() for ln in text.splitlines() if title and title in _flat(ln)
    ]
    if lines:
        return lines
    own = _OWN_SEED.match(str(record.get("id", "")))
    named = [own.group(1)] if own else _SEED_NAMED.findall(str(record.get("summary", "")))
    return [seeds[n] for n in named if n in seeds]


def identifier_values(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, value) for every identifier the record holds; authors one name at a time."""
    out: list[tuple[str, str]] = []
    for field in IDENTIFIERS:
        value = record.get(field)
        if value in (None, "", []):
            continue
        if isinstance(value, list):  # a list of names, each as the reference writes it
            out += [(field, str(n)) for n in value if str(n).casefold() != "et al."]
        elif field == "authors":
            names = (n.strip() for n in _AUTHOR_SEPARATORS.split(str(value)))
            out += [(field, n) for n in names if n and n.casefold() != "et al."]
        else:
            out.append((field, str(value)))
    return out


def unvouched(record: dict[str, Any], seeds: dict[str, str]) -> list[str]:
    """Identifiers of the record that no passage of its document contains."""
    texts = [_flat(p) for p in passages(record, seeds)]
    return [
        f"{field}: {value}"
        for field, value in identifier_values(record)
        if not any(_quoted(_flat(value), text) for text in texts)
    ]


def _quoted(value: str, text: str) -> bool:
    """The value as a whole word: a cut-off DOI or another year's digits do not count."""
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text) is not None


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    return {n: path.read_text(encoding="utf-8") for n, path in SEEDS.items()}


SOURCE_FILES = sorted((REPO / "data" / "sources").glob("*.yaml"))


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.stem)
def test_every_identifier_of_a_shipped_source_is_in_its_document(
    path: Path, seeds: dict[str, str]
) -> None:
    record = store.load_record(path)
    assert unvouched(record, seeds) == []


@pytest.mark.parametrize(
    ("planted", "caught"),
    [
        ({"doi": "10.1038/nature08222"}, ["doi: 10.1038/nature08222"]),
        ({"doi": "10.1038/nature0822"}, ["doi: 10.1038/nature0822"]),
        ({"pmid": "19587680"}, ["pmid: 19587680"]),
        ({"year": 2008}, ["year: 2008"]),
        ({"authors": ["Harrison DE", "Strong R"]}, ["authors: Strong R"]),
        ({"journal": "Nature Medicine"}, ["journal: Nature Medicine"]),
        ({"volume": "460", "issue": "7253", "pages": "392-6"}, ["pages: 392-6"]),
        ({"authors": "Harrison DE, et al."}, []),
    ],
)
def test_a_recalled_identifier_is_caught(
    seeds: dict[str, str], planted: dict[str, Any], caught: list[str]
) -> None:
    """A made-up or misplaced identifier on a real source fails: it is not in the entry."""
    record = store.load_record(REPO / "data/sources/harrison_rapamycin_mice_2009.yaml")
    assert unvouched(record, seeds) == []
    assert unvouched({**record, **planted}, seeds) == caught


def test_an_identifier_with_no_document_is_caught(seeds: dict[str, str]) -> None:
    record = {"id": "recalled", "title": "A paper no seed cites", "summary": "From memory."}
    assert unvouched({**record, "doi": "10.1000/xyz"}, seeds) == ["doi: 10.1000/xyz"]
    # Another entry's identifier does not vouch for this one: only its own line counts.
    moved = {
        "id": "x",
        "title": "Rapamycin fed late in life extends lifespan in genetically heterogeneous mice",
    }
    assert unvouched({**moved, "doi": "10.1038/nature11861"}, seeds) == ["doi: 10.1038/nature11861"]
