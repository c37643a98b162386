"""`curate lint` given selections, paths and files that must not pass quietly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke


def _break(root: Path) -> None:
    (root / "data/compounds/broken.yaml").write_text("id: broken\ntype: compound\n")


@pytest.mark.parametrize("select", [["--select="], ["--select", ","], ["--select", " , "]])
def test_an_empty_selection_is_a_usage_error(cli: Invoke, root: Path, select: list[str]) -> None:
    _break(root)
    result = cli(["--root", str(root), "lint", *select])
    assert result.exit_code == 2
    assert (
        result.stderr == "curate: error: --select names no rule; see `curate lint --list-rules`\n"
    )


def test_an_empty_ignore_is_a_usage_error(cli: Invoke, root: Path) -> None:
    result = cli(["--root", str(root), "lint", "--ignore="])
    assert result.exit_code == 2
    assert "--ignore names no rule" in result.stderr


def test_an_unknown_rule_is_a_usage_error(cli: Invoke, root: Path) -> None:
    _break(root)
    result = cli(["--root", str(root), "lint", "--select", "CU999"])
    assert result.exit_code == 2
    assert result.stderr.startswith("curate: error: unknown rule 'CU999'")


YAML_1_1_TRAPS = ["NO", "no", "on", "Off", "y", "1:20"]  # text to YAML 1.2, not to PyYAML


def _record(root: Path, text: str) -> Path:
    path = root / "data/compounds/nitric_oxide.yaml"
    path.write_text(
        "id: nitric_oxide\ntype: compound\nstatus: approved\nevidence_level: preclinical\n"
        "best_data_tier: animal\n" + text
    )
    return path


def test_plain_scalars_mean_what_yaml_1_2_says(cli: Invoke, root: Path) -> None:
    _record(root, f"aliases: [{', '.join(YAML_1_1_TRAPS)}]\nroute_form: 1:20\n")
    result = cli(["--root", str(root), "lint", "--select", "CU101"])
    assert result.exit_code == 0, result.stdout
    shown = cli(["--root", str(root), "show", "nitric_oxide", "-f", "json"]).stdout
    assert (
        '"aliases": [\n    "NO",\n    "no",\n    "on",\n    "Off",\n    "y",\n    "1:20"\n  ]'
        in shown
    )
    assert '"route_form": "1:20"' in shown


@pytest.mark.parametrize(
    ("value", "read_as"),
    [("0123", "int 123"), ("0o17", "int 15"), ("0x1F", "int 31"), ("~", "NoneType None"),
     (".inf", "float inf")],
)  # fmt: skip
def test_numbers_and_null_are_what_yaml_1_2_says(
    cli: Invoke, root: Path, value: str, read_as: str
) -> None:
    _record(root, f"route_form: {value}\n")
    result = cli(["--root", str(root), "lint", "--select", "CU101"])
    assert result.exit_code == 1
    assert f"route_form should be text, not {read_as}" in result.stdout


def test_fix_writes_text_every_yaml_reader_reads_alike(cli: Invoke, root: Path) -> None:
    import yaml

    traps = [*YAML_1_1_TRAPS, '"0123"', '"0o17"', '"0x1F"', '".inf"']
    path = _record(root, f"aliases: [{', '.join(traps)}]\nroute_form: '~'\n")
    assert cli(["--root", str(root), "lint", "--fix"]).exit_code == 0
    text = path.read_text()
    assert '  - "NO"\n  - "no"\n  - "on"\n  - "Off"\n  - "y"\n  - "1:20"\n  - "0123"\n' in text
    expected = [*YAML_1_1_TRAPS, "0123", "0o17", "0x1F", ".inf"]
    as_1_1 = yaml.load(text, Loader=yaml.SafeLoader)  # what a YAML 1.1 reader makes of it
    assert (as_1_1["aliases"], as_1_1["route_form"]) == (expected, "~")
    shown = cli(["--root", str(root), "show", "nitric_oxide", "-f", "yaml"]).stdout
    assert yaml.load(shown, Loader=yaml.SafeLoader)["aliases"] == expected


def test_a_number_too_long_to_read_is_one_problem(cli: Invoke, root: Path) -> None:
    path = _record(root, "route_form: " + "7" * 5000 + "\n")
    result = cli(["--root", str(root), "lint"])
    assert result.exit_code == 1
    assert result.stdout == f"{path}:6:13: error CU001 YAML syntax error: a number of 5000 digits\n"
    shown = cli(["--root", str(root), "show", "zinc"])
    assert shown.exit_code == 0 and "a number of 5000 digits (skipped" in shown.stderr
