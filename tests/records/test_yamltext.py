from __future__ import annotations

import math

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


# What YAML 1.2's core schema makes of each plain scalar (YAML 1.1 differs on most).
CORE = {
    "yes": "yes", "No": "No", "NO": "NO", "no": "no", "on": "on", "Off": "Off", "OFF": "OFF",
    "y": "y", "n": "n", "true": True, "False": False, "TRUE": True, "null": None, "Null": None,
    "~": None, "": None, "1": 1, "-1": -1, "+2": 2, "0123": 123, "0x1F": 31, "0o17": 15,
    "1_000": "1_000", "1e3": 1000.0, "3.5": 3.5, ".5": 0.5, ".inf": math.inf, "-.Inf": -math.inf,
    "2020-01-01": "2020-01-01", "2001-12-14t21:59:43.10-05:00": "2001-12-14t21:59:43.10-05:00",
    "<<": "<<", "=": "=", "Hello": "Hello", "Øl": "Øl", "IGF-1": "IGF-1", "ja": "ja",
    "1:20": "1:20", "12:30": "12:30", "leucine": "leucine", "0b101": "0b101", "[a, b]": ["a", "b"],
    "{a: 1}": {"a": 1},
}  # fmt: skip


@pytest.mark.parametrize("text", CORE)
def test_plain_scalars_resolve_as_yaml_1_2_core_schema(text: str) -> None:
    doc = f"key: {text}\nlist:\n  - {text}\n"
    assert yamltext.load_text(doc) == {"key": CORE[text], "list": [CORE[text]]}


def test_nan_and_the_c_loader() -> None:
    assert math.isnan(yamltext.load_text("x: .NaN\n")["x"])
    assert issubclass(yamltext.SafeLoader, yaml.CSafeLoader)


@pytest.mark.parametrize("text", [*CORE, "Y", "N", "On", "0o7", "+.inf", "1.5e-3", "190:20:30"])
def test_the_writer_quotes_what_any_reader_takes_for_other_than_text(text: str) -> None:
    """The same strings to YAML 1.2 (ours) and to YAML 1.1 (PyYAML's own loader)."""
    record = {"id": "x", "aliases": [text], "title": text}
    out = yamltext.dump_record(record, "source.schema.json")
    assert yamltext.load_text(out) == record
    assert yaml.load(out, Loader=yaml.SafeLoader) == record


@pytest.mark.parametrize("value", [0.5, 1e-05, 1e16, -2.5e300, math.inf, -math.inf, 3.0])
def test_floats_read_back_the_same_in_yaml_1_1_and_1_2(value: float) -> None:
    out = yamltext.dump_record({"ratio": value}, "source.schema.json")
    assert yamltext.load_text(out) == {"ratio": value}
    assert yaml.load(out, Loader=yaml.SafeLoader) == {"ratio": value}


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


@pytest.mark.parametrize(
    "text",
    [
        "# yaml-language-server: $schema=x\rid: a\n",  # a lone CR ends the comment: id is read
        "# yaml-language-server: $schema=x\x85id: a\n",  # so does NEL
        "# yaml-language-server: $schema=x\x01\nid: a\n",  # libyaml refuses a control anywhere
        "k" * 1030 + ": v\n",  # libyaml refuses an implicit key over 1,024 characters
        "# yaml-language-server: $schema=x\n",  # no mapping at all: null, not {}
        "id: x\n... note: z\n",  # a document's end marker at the start of a line
        "id: x\n--- note: z\n",  # and a document's start
    ],
)
def test_load_canonical_leaves_to_libyaml_what_libyaml_reads_otherwise(text: str) -> None:
    """Each read a record (or an empty one) where libyaml reads another, or refuses."""
    assert yamltext.load_canonical(text) is None


@pytest.mark.parametrize("key", ["... note", "--- note", "...", "---", "...x", "..\tx"])
def test_a_key_that_starts_like_a_document_marker_is_written_readably(key: str) -> None:
    text = yamltext.dump_record({"id": "x", key: "y"}, "source.schema.json")
    assert yamltext.load_text(text) == {"id": "x", key: "y"}
    assert yamltext.load_canonical(text) in (None, {"id": "x", key: "y"})
