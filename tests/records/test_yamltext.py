from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from curate.records import yamltext
from curate.repo import store

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
    out = yamltext.dump_record(
        {"id": "x", "aliases": [text], "title": text}, "../../schemas/source.schema.json"
    )
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


PLAIN = [
    "yes", "No", "on", "OFF", "y", "n", "true", "False", "null", "Null", "~", "", "1", "-1",
    "+2", "0x1f", "0o17", "1_000", "1e3", "3.5", ".5", ".inf", "-.Inf", ".nan", "2020-01-01",
    "2001-12-14t21:59:43.10-05:00", "<<", "=", "Hello", "Øl", "IGF-1", "ja", "12:30",
    "leucine", "Zinc", "[a, b]", "{a: 1}",
]  # fmt: skip


@pytest.mark.parametrize("text", PLAIN)
def test_plain_scalars_resolve_as_pyyaml_does(text: str) -> None:
    """The resolver shortcut never changes what a plain scalar means."""
    doc = f"key: {text}\nlist:\n  - {text}\n"

    def outcome(load: Callable[[str], Any]) -> Any:
        try:
            return load(doc)
        except yaml.YAMLError as exc:  # "<<" and "=" have tags no safe loader builds
            return (type(exc).__name__, getattr(exc, "problem", None))

    assert outcome(yamltext.load_text) == outcome(lambda t: yaml.load(t, Loader=yaml.SafeLoader))


def test_load_canonical_reads_what_dump_record_writes_as_libyaml_does() -> None:
    from curate.records.yamltext import dump_record, load_canonical, load_text
    from tests.conftest import REPO

    files = sorted((REPO / "data").rglob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert load_canonical(text) == load_text(text), path
    tricky = ["yes", "null", "1.5", "0755", "-3", "12", "a: b", "#x", "x #y", " pad", "x\ty",
              '"q"', "back\\slash", "é ü 李", "", "[1]", "on", "~", "2015-01-01", "- dash"]  # fmt: skip
    record = {"id": "x", "title": tricky[0], "aliases": tricky, "year": 2015, "notes": []}
    for value in tricky:
        record["title"] = value
        text = dump_record(record, "source.schema.json")
        assert load_canonical(text) in (None, load_text(text)), value
        assert load_canonical(text) is not None or "\\" in text, value


def test_load_canonical_leaves_any_other_shape_to_libyaml() -> None:
    from curate.records.yamltext import load_canonical

    for text in ["id: x\nid: y\n", "id: x", "id: x\n\nb: 1\n", "id:  x\n", "id: x # c\n",
                 "a:\nb: 1\n", "a:\n   - x\n", "a: [x]\n", "id: x\r\n", "---\nid: x\n",
                 "a: 1.0\n", "a: true\n", "a: \n", "'a': b\n", "a: b: c\n", "  a: b\n"]:  # fmt: skip
        assert load_canonical(text) is None, text
