"""Ids Windows cannot check out, names that normalize to nothing, and invisible characters:
refused by `add`, `new`, `lint` and the schemas alike."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import REPO, Invoke

RESERVED = ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9"]
BASE = {
    "type": "food",
    "status": "food",
    "evidence_level": "preclinical",
    "best_data_tier": "animal",
}


@pytest.mark.parametrize("rid", RESERVED)
def test_reserved_ids_are_refused_by_new(cli: Invoke, root: Path, rid: str) -> None:
    result = cli(["--root", str(root), "new", rid])
    assert result.exit_code == 2
    assert result.stderr == (
        f"curate: error: invalid id '{rid}': Windows reserves it for a device, "
        f"so {rid}.yaml breaks a checkout there\n"
    )
    assert not (root / f"data/compounds/{rid}.yaml").exists()


@pytest.mark.parametrize("rid", ["con", "lpt1"])
def test_reserved_ids_are_refused_by_add(cli: Invoke, root: Path, tmp_path: Path, rid: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": rid, **BASE}) + "\n")
    result = cli(["--root", str(root), "add", str(path)])
    assert result.exit_code == 1
    assert f"invalid id '{rid}': Windows reserves it" in result.stdout + result.stderr


def test_reserved_ids_are_refused_by_lint_and_the_schemas(cli: Invoke, root: Path) -> None:
    (root / "data/compounds/nul.yaml").write_text(
        "id: nul\ntype: food\nstatus: food\nevidence_level: preclinical\nbest_data_tier: animal\n"
    )
    result = cli(["--root", str(root), "lint", "--select", "CU101"])
    assert result.exit_code == 1
    assert (
        "data/compounds/nul.yaml:1:5: error CU101 id: invalid id 'nul': Windows reserves it"
        in result.stdout
    )
    for name in ("compound", "source"):
        schema = json.loads((REPO / f"schemas/{name}.schema.json").read_text())
        pattern = jsonschema.Draft202012Validator(schema["properties"]["id"])
        assert (
            not pattern.is_valid("com1")
            and pattern.is_valid("com10")
            and pattern.is_valid("console")
        )


@pytest.mark.parametrize("alias", ["---", "()", "®™"])
def test_an_alias_that_normalizes_to_nothing(
    cli: Invoke, root: Path, tmp_path: Path, alias: str
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "marked", "aliases": ["Marked", alias], **BASE}) + "\n")
    result = cli(["--root", str(root), "add", str(path)])
    assert result.exit_code == 1
    assert f"compound marked: alias {alias!r} names nothing" in result.stdout + result.stderr
    assert not (root / "data/compounds/marked.yaml").exists()


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("reading_note", "a\x00b", "reading_note holds U+0000 (NUL) at character 2"),
        ("aliases", ["ok", "evil\u202egnp.exe"], "aliases item 2 holds U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("route_form", "oral\x1b[31m", "route_form holds U+001B (ESC)"),
        ("route_form", "isolate\u2066x", "route_form holds U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ],
)  # fmt: skip
def test_control_and_bidi_characters_are_refused_by_add(
    cli: Invoke, root: Path, tmp_path: Path, field: str, value: object, said: str
) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"id": "sneaky", **BASE, field: value}))
    result = cli(["--root", str(root), "add", str(path)])
    assert result.exit_code == 1
    assert f"compound sneaky: {said}" in result.stdout + result.stderr
    assert not (root / "data/compounds/sneaky.yaml").exists()


def test_tabs_and_line_breaks_are_text(cli: Invoke, root: Path, tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"id": "spaced", **BASE, "reading_note": "one\ttwo\nthree"}))
    assert cli(["--root", str(root), "add", str(path)]).exit_code == 0


def test_lint_finds_a_bidi_override_written_raw(cli: Invoke, root: Path) -> None:
    zinc = root / "data/compounds/zinc.yaml"
    zinc.write_text(zinc.read_text().replace("  - zink\n", "  - zi\u202enk\n"))
    result = cli(["--root", str(root), "lint"])
    assert result.exit_code == 1
    assert "error CU105 aliases item " in result.stdout and "U+202E" in result.stdout
