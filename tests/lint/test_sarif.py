"""SARIF that validates against the official 2.1.0 schema and meets GitHub code scanning's
ingestion rules; paths relative to the git work tree's top in every format."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from curate.lint import rules
from tests.conftest import FIXTURES, Invoke

SARIF_SCHEMA = json.loads((FIXTURES / "sarif/sarif-schema-2.1.0.json").read_text())
# Every format jsonschema knows: the schema says "uri-reference", which draft 4 did not define.
VALIDATOR = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())


def fixture_root(name: str, dest: Path) -> Path:
    shutil.copytree(FIXTURES / "lint" / name, dest, ignore=shutil.ignore_patterns("expected.txt"))
    return dest


def sarif(cli: Invoke, root: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(cli(["--root", str(root), "lint", "-f", "sarif"]).stdout)
    VALIDATOR.validate(doc)
    return doc


def git_init(folder: Path) -> None:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)


def test_the_format_checker_catches_a_raw_space() -> None:
    """The check below would prove nothing if URIs were not checked at all."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "my file.yaml"}}}]}
    ]}]}  # fmt: skip
    with pytest.raises(jsonschema.ValidationError, match="uri-reference"):
        VALIDATOR.validate(bad)


def test_every_rule_has_help_and_the_driver_is_described(cli: Invoke, tmp_path: Path) -> None:
    doc = sarif(cli, fixture_root("schema", tmp_path / "r"))
    driver = doc["runs"][0]["tool"]["driver"]
    assert driver["version"] == driver["semanticVersion"] == "0.1.0"
    assert driver["informationUri"]
    codes = [r["id"] for r in driver["rules"]]
    assert codes == sorted(r.code for r in rules.all_rules())  # every rule, in code order
    for rule in driver["rules"]:  # GitHub's GH2012: each rule provides a 'help' object
        assert rule["help"]["text"] and rule["help"]["markdown"].startswith(f"**{rule['id']} ")
    drift = next(r for r in driver["rules"] if r["id"] == "CU205")
    assert "hypoglycaemia" in drift["help"]["text"] and "\n\n" in drift["help"]["markdown"]
    for result in doc["runs"][0]["results"]:
        assert codes[result["ruleIndex"]] == result["ruleId"]


def test_a_syntax_error_at_the_end_is_inside_the_file(cli: Invoke, tmp_path: Path) -> None:
    root = tmp_path / "eof"
    (root / "data/compounds").mkdir(parents=True)
    text = "id: eof\naliases: [a, b\n"
    (root / "data/compounds/eof.yaml").write_text(text)
    (region,) = [
        r["locations"][0]["physicalLocation"]["region"]
        for r in sarif(cli, root)["runs"][0]["results"]
    ]
    lines = text.splitlines()
    assert region["startLine"] == len(lines)
    assert 1 <= region["startColumn"] <= len(lines[-1])


def test_artifact_uris_are_percent_encoded(cli: Invoke, tmp_path: Path) -> None:
    root = fixture_root("no-sources", tmp_path / "r")
    (root / "data/compounds/bare.yaml").rename(root / "data/compounds/my file#1.yaml")
    git_init(root)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif(cli, root)["runs"][0]["results"]
    }
    assert "data/compounds/my%20file%231.yaml" in uris


@pytest.mark.parametrize("where", ["top", "inside", "outside"])
def test_paths_are_relative_to_the_git_top_in_every_format(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    repo = tmp_path / "repo"
    root = fixture_root("no-sources", repo / "kb")
    git_init(repo)
    monkeypatch.chdir({"top": repo, "inside": root / "data", "outside": tmp_path}[where])
    want = "kb/data/compounds/bare.yaml"
    args = ["--root", str(root), "lint"]
    assert json.loads(cli([*args, "-f", "json"]).stdout)["problems"][0]["path"] == want
    assert f"file={want}," in cli([*args, "-f", "github"]).stdout
    assert cli([*args, "-f", "text"]).stdout.startswith(f"{want}:9:10: warning CU207")
    run = sarif(cli, root)["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": want, "uriBaseId": "%SRCROOT%"}


def test_without_git_paths_follow_the_working_folder(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_root("no-sources", tmp_path / "plain" / "kb")
    args = ["--root", str(root), "lint", "-f", "json"]
    monkeypatch.chdir(tmp_path / "plain")
    assert json.loads(cli(args).stdout)["problems"][0]["path"] == "kb/data/compounds/bare.yaml"
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # the root is not under the working folder: absolute
    path = json.loads(cli(args).stdout)["problems"][0]["path"]
    assert path == str(root.resolve() / "data/compounds/bare.yaml")
    uri = sarif(cli, root)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"] == {
        "uri": (root.resolve() / "data/compounds/bare.yaml").as_uri()
    }
