"""`curate add` given files that are not what they claim, or that loaders read two ways."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Invoke

COMPOUND = "type: compound\nstatus: approved\nevidence_level: preclinical\nbest_data_tier: animal\n"
CSV_HEADER = "id,type,status,evidence_level,best_data_tier"


def add(cli: Invoke, root: Path, *args: str) -> tuple[int, str]:
    """Exit code and everything said (errors go to stdout or stderr)."""
    result = cli(["--root", str(root), "add", *args])
    return result.exit_code, result.stdout + result.stderr


def add_text(cli: Invoke, root: Path, path: Path, text: str) -> tuple[int, str]:
    path.write_text(text)
    return add(cli, root, str(path))


def written(root: Path, rid: str) -> bool:
    return (root / "data/compounds" / f"{rid}.yaml").exists()


def test_a_yaml_key_given_twice_names_both_places(cli: Invoke, root: Path, tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text("id: first_id\n" + COMPOUND + "id: second_id\n")
    code, said = add(cli, root, str(path))
    assert code == 1
    assert f"{path}:6:1: key 'id' was already given at line 1, column 1" in said
    assert not written(root, "first_id") and not written(root, "second_id")


def test_a_yaml_key_given_twice_in_a_list_of_records(
    cli: Invoke, root: Path, tmp_path: Path
) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- id: one_x\n  type: compound\n  type: food\n")
    code, said = add(cli, root, str(path))
    assert code == 1 and f"{path}:3:3: key 'type' was already given at line 2, column 3" in said


def test_a_forced_format_that_finds_nothing_is_an_error(
    cli: Invoke, root: Path, tmp_path: Path
) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps([{"id": "some_x", "type": "food"}]))
    code, said = add(cli, root, "--from", "csv", str(path))
    assert code == 1 and f"{path}:1: CSV error: the header line has no 'id' column" in said
    comments = tmp_path / "only-comments.yaml"
    comments.write_text("# nothing here yet\n")
    code, said = add(cli, root, str(comments))
    assert code == 1 and f"{comments}: no records found reading it as yaml" in said
    header = tmp_path / "header-only.txt"
    header.write_text("id,type\n")
    code, said = add(cli, root, "--from", "csv", str(header))
    assert code == 1 and f"{header}: no records found reading it as csv (--from csv)" in said


def test_a_folder_is_one_line(cli: Invoke, root: Path) -> None:
    result = cli(["--root", str(root), "add", str(root / "data/compounds")])
    assert result.exit_code == 2
    assert result.stderr == f"curate: error: {root / 'data/compounds'}: is a folder, not a file\n"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("twice.json", '[{"id": "a_x"},\n {"id": "b_x", "type": "food", "id": "c_x"}]', ":2:32: key 'id' was already given at line 2, column 3"),
        ("twice.jsonl", '{"id": "a_x"}\n{"id": "b_x", "id": "c_x"}\n', ":2:15: key 'id' was already given at line 2, column 2"),
        ("big.json", '{"id": "x", "year": ' + "7" * 5000 + "}", ":1:21: JSON error: a number of 5000 digits"),
        ("big.yaml", "id: x\nyear: " + "7" * 5000 + "\n", ":2: YAML error: a number of 5000 digits"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, ":1: JSON error: nested too deeply"),
        ("deep.yaml", "id: " + "[" * 100_000 + "]" * 100_000 + "\n", ":1: YAML syntax error: exceeded maximum nesting depth"),
        ("wide.csv", "id,type\nwide_x," + "a" * 140_000 + "\n", ":2: CSV error: a cell is longer than 131072 characters"),
    ],
)  # fmt: skip
def test_bad_json_and_huge_inputs_are_one_line_each(
    cli: Invoke, root: Path, tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    code, said = add_text(cli, root, path, text)
    assert code == 1
    assert f"{path}{message}" in said
    assert "internal error" not in said


def test_a_spreadsheet_csv_with_bom_crlf_and_quotes(
    cli: Invoke, root: Path, tmp_path: Path
) -> None:
    path = tmp_path / "sheet.csv"
    rows = [
        CSV_HEADER + ",aliases,reading_note",
        'sheet_one,compound,approved,preclinical,animal,"A, one; B-1","says ""hi""\r\nand more"',
        "sheet_two,food,food,preclinical,animal,,",
    ]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode() + b"\r\n")
    code, said = add(cli, root, str(path))
    assert code == 0, said
    record = (root / "data/compounds/sheet_one.yaml").read_text()
    assert "  - A, one\n  - B-1\n" in record
    assert 'reading_note: "says \\"hi\\"\\nand more"\n' in record
    assert written(root, "sheet_two")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,type\nx_id,food\n", ":1: CSV error: the header line has no 'id' column (it names: name, type)"),
        ("\nx_id,food\n", ":1: CSV error: the first line must name the columns"),
        ("id,type\n,food\n", ":2: the 'id' cell is empty"),
        ("id,type,id\nx_id,food,y_id\n", ":1: CSV error: column 'id' is named twice in the header"),
        ('id,type\nx_id,food\ny_id,"food\nz_id,food\n', ':3: CSV error: a quoted cell opens here and never closes'),
    ],
)  # fmt: skip
def test_csv_says_what_is_missing_and_where(
    cli: Invoke, root: Path, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.csv"
    code, said = add_text(cli, root, path, text)
    assert code == 1
    assert f"{path}{message}" in said
    assert "invalid id None" not in said and "required property" not in said


def test_yaml_1_2_scalars_round_trip_through_add(cli: Invoke, root: Path, tmp_path: Path) -> None:
    import yaml

    path = tmp_path / "no.yaml"
    path.write_text(
        "id: nitric_oxide\naliases: [NO, no, on, Off, y, 1:20, '0123', '0o17', '0x1F']\n"
        + COMPOUND
        + "route_form: '~'\nreading_note: '.inf'\n"
    )
    code, said = add(cli, root, str(path))
    assert code == 0, said
    text = (root / "data/compounds/nitric_oxide.yaml").read_text()
    expected = ["NO", "no", "on", "Off", "y", "1:20", "0123", "0o17", "0x1F"]
    as_1_1 = yaml.load(text, Loader=yaml.SafeLoader)  # what a YAML 1.1 reader makes of it
    assert (as_1_1["aliases"], as_1_1["route_form"], as_1_1["reading_note"]) == (
        expected,
        "~",
        ".inf",
    )
    assert cli(["--root", str(root), "lint"]).exit_code == 0
    again = cli(["--root", str(root), "add", str(path)])
    assert again.exit_code == 0 and "0 created, 0 updated, 1 unchanged" in again.stdout


def test_yaml_1_2_numbers_are_numbers_in_add(cli: Invoke, root: Path, tmp_path: Path) -> None:
    path = tmp_path / "src.yaml"
    path.write_text(
        "kind: source\nid: odd_src\ntype: review\ntitle: 1:20\nsummary: s\npmid: 0123\n"
    )
    code, said = add(cli, root, str(path))
    assert code == 1
    assert "pmid: 123 is not of type 'string'" in said and "title" not in said
