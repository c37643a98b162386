"""Every `--format json` output validates against its schema in schemas/output/, shipped in the wheel."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from curate.repo import store
from tests.conftest import FIXTURES, REPO, Invoke

OUTPUT = store.PACKAGE_SCHEMAS / "output"
COMMANDS = ("lint", "resolve", "search", "scan", "diff", "add", "config", "log", "blame")
BASE = {"type": "compound", "status": "unapproved", "evidence_level": "preclinical"}


def check(name: str, text: str) -> Any:
    schema = json.loads((OUTPUT / f"{name}.schema.json").read_text())
    doc = json.loads(text)
    jsonschema.Draft202012Validator(schema).validate(doc)
    return doc


def test_each_command_has_a_valid_schema_in_both_places() -> None:
    assert sorted(p.name for p in OUTPUT.iterdir()) == sorted(f"{c}.schema.json" for c in COMMANDS)
    for path in OUTPUT.iterdir():
        schema = json.loads(path.read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        assert path.name.split(".")[0] in schema["$id"]
        assert (REPO / "schemas/output" / path.name).read_text() == path.read_text()


def test_the_schemas_are_package_data(tmp_path: Path) -> None:
    """What setuptools puts in the wheel: build_py's tree is the wheel's content."""
    script = (
        "import sys; from setuptools import setup; "
        f"sys.argv = ['setup.py', '-q', 'build_py', '--build-lib', {str(tmp_path)!r}]; setup()"
    )
    subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True, capture_output=True)
    built = tmp_path / "curate/schemas/output"
    assert sorted(p.name for p in built.iterdir()) == sorted(p.name for p in OUTPUT.iterdir())


def test_lint_outputs(cli: Invoke, tmp_path: Path) -> None:
    messy = tmp_path / "messy"
    shutil.copytree(FIXTURES / "lint/schema", messy, ignore=shutil.ignore_patterns("expected.txt"))
    shutil.copy(
        FIXTURES / "lint/canonical-form/data/compounds/messy.yaml", messy / "data/compounds"
    )
    doc = check("lint", cli(["--root", str(messy), "lint", "-f", "json"]).stdout)
    assert doc["problems"] and any(p["hint"] is None for p in doc["problems"])
    fixed = check("lint", cli(["--root", str(messy), "lint", "-f", "json", "--fix"]).stdout)
    assert fixed["summary"]["fixed"]
    broken = tmp_path / "broken"
    shutil.copytree(
        FIXTURES / "lint/yaml-syntax", broken, ignore=shutil.ignore_patterns("expected.txt")
    )
    check("lint", cli(["--root", str(broken), "lint", "-f", "json"]).stdout)
    assert check("lint", cli(["--root", str(REPO), "lint", "-f", "json"]).stdout)["problems"] == []


def test_resolve_output_with_every_status(cli: Invoke, root: Path) -> None:
    for rid in ("zentrabal", "zentrabol"):
        store.write_record(root, "compound", {"id": rid, "best_data_tier": "none", **BASE})
    names = ["IGF-1", "igf1", "rapamycn", "zentrabul", "insulin", "leucyl", "!!"]
    doc = check("resolve", cli(["--root", str(root), "resolve", "-f", "json", *names]).stdout)
    assert {a["status"] for a in doc} == {"exact", "normalized", "fuzzy", "ambiguous", "none"}


def test_search_and_scan_outputs(cli: Invoke) -> None:
    args = ["--root", str(REPO)]
    assert check("search", cli([*args, "search", "leucine", "-f", "json"]).stdout)
    assert check("search", cli([*args, "search", "--status", "approved", "-f", "json"]).stdout)
    assert check("search", cli([*args, "search", "zzzqqq", "-f", "json"]).stdout) == []
    text = "IGF-1 and LongR³-IGF-I, zinc; IGF-2 is not. Zinq, BPC-157 and igf1r.\n"
    doc = check("scan", cli([*args, "scan", "-f", "json"], input=text).stdout)
    assert doc[0]["compounds"] and doc[0]["compounds"][0]["mentions"]
    article = next((FIXTURES / "articles").iterdir())
    check("scan", cli([*args, "scan", "-f", "json", str(article), "-"], input="").stdout)


def test_diff_output(cli: Invoke, root: Path, tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(root, new)
    zinc = new / "data/compounds/zinc.yaml"
    zinc.write_text(zinc.read_text().replace("status: supplement", "status: investigational"))
    record = {"id": "brand_new", "best_data_tier": "none", "aliases": ["Brand New"], **BASE}
    store.write_record(new, "compound", record)
    leucine = new / "data/compounds/leucine.yaml"
    leucine.write_text(leucine.read_text().replace("  - leucin\n", ""))
    source = sorted((new / "data/sources").iterdir())[0]
    source.unlink()
    doc = check("diff", cli(["diff", str(root), str(new), "-f", "json"]).stdout)
    assert doc["added"] and doc["removed"] and doc["changed"]
    assert check("diff", cli(["diff", str(root), str(root), "-f", "json"]).stdout)["changed"] == []


def test_add_outputs(cli: Invoke, root: Path, tmp_path: Path) -> None:
    args = ["--root", str(root), "add", "-f", "json"]
    records = [
        {"id": "fresh", "best_data_tier": "none", "aliases": ["Fresh One"], **BASE},
        {"kind": "source", "id": "fresh_src", "type": "animal", "title": "T", "summary": "S."},
    ]
    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps(records))
    assert check("add", cli([*args, "--dry-run", str(batch)]).stdout)["created"]
    assert check("add", cli([*args, str(batch)]).stdout)["written"]
    records[0]["status"] = "supplement"
    batch.write_text(json.dumps(records))
    assert check("add", cli([*args, str(batch)]).stdout)["conflicts"]
    assert check("add", cli([*args, "--update", str(batch)]).stdout)["updated"][0]["changes"]
    assert check("add", cli([*args, str(batch)]).stdout)["unchanged"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "bad", "type": "mineral"}]))
    assert check("add", cli([*args, str(bad)]).stdout)["errors"]


@pytest.mark.parametrize("toml", [None, '[lint]\nignore = ["CU203"]\n[resolve]\ncutoff = 90\n'])
def test_config_output(cli: Invoke, root: Path, toml: str | None) -> None:
    if toml is not None:
        (root / "curate.toml").write_text(toml)
    doc = check("config", cli(["--root", str(root), "config", "-f", "json"]).stdout)
    assert (doc["file"] is None) == (toml is None)
