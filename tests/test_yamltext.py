from __future__ import annotations

import pytest

from curate import store, yamltext

TRICKY = [
    "yes",
    "No",
    "on",
    "OFF",
    "null",
    "~",
    "true",
    "1",
    "-1",
    "1.5",
    "1e3",
    ".inf",
    "0x1F",
    "0o17",
    "2024-01-01",
    "12:30",
    ": x",
    "- x",
    "-",
    "?",
    "#x",
    "a #b",
    "a: b",
    "ends:",
    "é ü ø",
    "'q'",
    '"q"',
    "back\\slash",
    " lead",
    "trail ",
    "",
    "tab\there",
    "line\nbreak",
    "!tag",
    "&anchor",
    "*alias",
    "%directive",
    "@at",
    "`tick",
    "[list]",
    "{map}",
    "a, b",
    "IGF‑1",
    "LongR³-IGF-I",
    "\u2028sep",
    "\x7fdel",
    "\ufeffbom",
    "nel\x85x",
    "GH/IGF-1 axis",
    "approved / labelled",
    "4E-BP1",
    "100%",
]


@pytest.mark.parametrize("text", TRICKY)
def test_every_string_reads_back_as_itself(text: str) -> None:
    out = yamltext.dump_record({"id": "x", "aliases": [text], "title": text}, "source.schema.json")
    assert yamltext.load_text(out) == {"id": "x", "aliases": [text], "title": text}


def test_canonical_text_layout() -> None:
    record = {"sources": ["b"], "aliases": [], "id": "x", "type": "food", "extra": {"k": 1}}
    text = store.render_record(record, "compound")
    assert text == (
        "# yaml-language-server: $schema=../../schemas/compound.schema.json\n"
        'id: x\naliases: []\ntype: food\nsources:\n  - b\nextra: {"k": 1}\n'
    )


def test_long_strings_are_not_folded() -> None:
    text = store.render_record({"id": "x", "summary": "word " * 100 + "end"}, "source")
    assert len(text.splitlines()) == 3


def test_scalars_of_other_types() -> None:
    text = store.render_record(
        {"id": "x", "year": 2014, "flag": True, "none": None, "ratio": 0.5}, "source"
    )
    assert yamltext.load_text(text) == {
        "id": "x",
        "year": 2014,
        "flag": True,
        "none": None,
        "ratio": 0.5,
    }
