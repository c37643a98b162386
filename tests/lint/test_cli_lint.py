from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from curate.lint import engine
from curate.lint.problem import Problem
from tests.conftest import FIXTURES, REPO, Invoke


@pytest.fixture
def messy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A root with one broken schema record, one drifting value and a non-canonical file.

    The working folder is the root: reported paths are relative to it (no git here)."""
    root = tmp_path / "messy"
    shutil.copytree(
        FIXTURES / "lint" / "schema", root, ignore=shutil.ignore_patterns("expected.txt")
    )
    shutil.copy(
        FIXTURES / "lint/canonical-form/data/compounds/messy.yaml",
        root / "data/compounds/messy.yaml",
    )
    monkeypatch.chdir(root)
    return root


def test_shipped_data_is_clean(cli: Invoke) -> None:
    result = cli(["--root", str(REPO), "lint", "--no-cache", "--strict"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert "0 error(s), 0 warning(s)" in result.stderr


def test_text_is_grouped_by_file_with_locations(
    cli: Invoke, messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(messy)
    result = cli(["lint"])
    assert result.exit_code == 1
    blocks = result.stdout.strip().split("\n\n")
    assert [b.split(":")[0] for b in blocks] == [
        "data/compounds/messy.yaml",
        "data/compounds/typos.yaml",
        "data/sources/bad_src.yaml",
    ]
    assert (
        "data/compounds/typos.yaml:3:1: error CU101 unknown field 'aliasses' (hint: did you mean 'aliases'?)"
        in result.stdout
    )
    assert "CU101" in result.stderr and "schema" in result.stderr  # the summary table
    assert "6 error(s), 3 warning(s) in 3 of 5 file(s)" in result.stderr


def test_json_shape(cli: Invoke, messy: Path) -> None:
    result = cli(["--root", str(messy), "lint", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["version"] == 1
    first = data["problems"][0]
    assert list(first) == [
        "path",
        "line",
        "col",
        "record_id",
        "code",
        "rule",
        "severity",
        "message",
        "hint",
    ]
    assert first["path"] == "data/compounds/messy.yaml" and first["rule"] == "canonical-form"
    assert data["summary"] == {
        "files": 5,
        "files_with_problems": 3,
        "errors": 6,
        "warnings": 3,
        "fixed": [],
        "by_rule": {"CU101": 6, "CU103": 2, "CU203": 1},
    }


def test_github_annotations_are_automatic_under_actions(cli: Invoke, messy: Path) -> None:
    result = cli(["--root", str(messy), "lint"], env={"GITHUB_ACTIONS": "true"})
    lines = result.stdout.splitlines()
    assert len(lines) == 9
    assert lines[1] == (
        "::error file=data/compounds/typos.yaml,line=3,col=1,title=CU101 schema::"
        "unknown field 'aliasses' (did you mean 'aliases'?)"
    )


def test_sarif(cli: Invoke, messy: Path) -> None:
    sarif = json.loads(cli(["--root", str(messy), "lint", "-f", "sarif"]).stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    result = run["results"][1]
    assert rule_ids[result["ruleIndex"]] == result["ruleId"] == "CU101"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "data/compounds/typos.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3, "startColumn": 1},
    }


def test_exit_codes_strict_select_ignore(cli: Invoke, messy: Path) -> None:
    root = ["--root", str(messy), "lint"]
    assert cli([*root, "--select", "CU103"]).exit_code == 0
    assert cli([*root, "--select", "canonical-form", "--strict"]).exit_code == 1
    assert cli([*root, "--ignore", "CU1"]).exit_code == 0
    bad = cli([*root, "--select", "CU999"])
    assert bad.exit_code == 2 and bad.stderr.startswith("curate: error: unknown rule 'CU999'")


def test_list_rules_documents_every_rule(cli: Invoke) -> None:
    out = cli(["lint", "--list-rules"]).stdout
    assert out.count("\n    ") > 18
    assert (
        "CU204 alias-collision [error]" in out and "CU103 canonical-form [warning] [fixable]" in out
    )


def test_fix_rewrites_without_changing_data(cli: Invoke, messy: Path) -> None:
    path = messy / "data/compounds/messy.yaml"
    before = engine.lint(messy, use_cache=False)
    result = cli(["--root", str(messy), "lint", "--fix"])
    assert "fixed data/compounds/messy.yaml\nfixed data/compounds/typos.yaml\n" in result.stderr
    assert path.read_text().startswith(
        "# yaml-language-server: $schema=../../.curate/schemas/compound.schema.json\nid: messy\n"
    )
    after = engine.lint(messy, use_cache=False)

    def meaning(problems: list[Problem]) -> list[tuple[str, str, str]]:
        return sorted((p.path, p.code, p.message) for p in problems if p.code != "CU103")

    assert meaning(before.problems) == meaning(after.problems)
    assert {p.code for p in after.problems} == {"CU101", "CU203"}
    assert cli(["--root", str(messy), "lint", "--fix"]).stderr.count("fixed") == 0


def test_fix_leaves_files_with_comments_alone(tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(
        FIXTURES / "lint/canonical-form", root, ignore=shutil.ignore_patterns("expected.txt")
    )
    path = root / "data/compounds/messy.yaml"
    path.write_text(
        path.read_text().replace("status: supplement", "status: supplement  # checked 2026")
    )
    before = path.read_text()
    assert engine.lint(root, fix=True).fixed == []
    assert path.read_text() == before


@pytest.mark.parametrize("fixture", ["byte-order-mark", "line-endings"])
def test_fix_removes_bom_and_crlf(fixture: str, tmp_path: Path) -> None:
    root = tmp_path / fixture
    shutil.copytree(
        FIXTURES / "lint" / fixture, root, ignore=shutil.ignore_patterns("expected.txt")
    )
    result = engine.lint(root, fix=True)
    assert len(result.fixed) == 1
    assert not [p for p in result.problems if p.code in engine.fixable_codes()]
    raw = (root / result.fixed[0]).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw


def test_files_are_judged_against_the_whole_root(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "a"
    shutil.copytree(
        FIXTURES / "lint/alias-collision", root, ignore=shutil.ignore_patterns("expected.txt")
    )
    monkeypatch.chdir(root)
    result = cli(["--root", str(root), "lint", str(root / "data/compounds/igf.yaml"), "-f", "json"])
    problems = json.loads(result.stdout)["problems"]
    assert result.exit_code == 1
    assert [(p["path"], p["code"]) for p in problems] == [("data/compounds/igf.yaml", "CU204")]
    assert "igf_other" in problems[0]["message"]


def test_edits_between_runs_are_seen(tmp_path: Path) -> None:
    root = tmp_path / "e"
    shutil.copytree(
        FIXTURES / "lint/alias-collision", root, ignore=shutil.ignore_patterns("expected.txt")
    )
    assert len(engine.lint(root).problems) == 2
    other = root / "data/compounds/igf_other.yaml"
    other.write_text(other.read_text().replace("  - IGF-1\n", "  - IGF-3\n"))
    assert engine.lint(root, [root / "data/compounds/igf.yaml"]).problems == []
    assert engine.lint(root).problems == []
    other.unlink()
    (root / "data/compounds/igf_copy.yaml").write_text(
        (root / "data/compounds/igf.yaml").read_text()
    )
    codes = sorted(p.code for p in engine.lint(root).problems)
    assert codes == ["CU102", "CU201"]  # one record in two files: not also an alias collision


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lint", "nowhere.yaml"], "nowhere.yaml: no such file"),
        (["lint", "README.md"], "not a record file"),
    ],
)
def test_bad_file_arguments(
    cli: Invoke, args: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    result = cli(["--root", str(REPO), *args])
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
