"""Each rule against its fixture root: failing files give exactly the expected
(path, line, col, code); the passing files in the same root give nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curate.lint import engine, rules
from tests.conftest import FIXTURES

RULE_DIRS = sorted(p for p in (FIXTURES / "lint").iterdir() if p.is_dir())


def copy(fixture: Path, tmp_path: Path) -> Path:
    root = tmp_path / fixture.name
    shutil.copytree(fixture, root, ignore=shutil.ignore_patterns("expected.txt"))
    return root


def test_every_rule_has_a_fixture_and_documentation() -> None:
    assert sorted(r.name for r in rules.all_rules()) == [p.name for p in RULE_DIRS]
    for rule in rules.all_rules():
        assert rule.code.startswith("CU") and len(rule.doc.split()) >= 8, rule.name


@pytest.mark.parametrize("fixture", RULE_DIRS, ids=lambda p: p.name)
def test_rule_finds_exactly_the_expected_problems(fixture: Path, tmp_path: Path) -> None:
    root = copy(fixture, tmp_path)
    expected = (fixture / "expected.txt").read_text().split()
    result = engine.lint(root, select=[fixture.name], use_cache=False)
    got = [f"{p.path}:{p.line}:{p.col}" for p in result.problems]
    codes = sorted({p.code for p in result.problems})
    assert got == expected[0::2]
    assert codes == sorted(set(expected[1::2]))
    assert all("\n" not in p.message for p in result.problems)


@pytest.mark.parametrize("fixture", RULE_DIRS, ids=lambda p: p.name)
def test_cached_run_gives_the_same_problems(fixture: Path, tmp_path: Path) -> None:
    root = copy(fixture, tmp_path)
    first = engine.lint(root)
    again = engine.lint(root)
    assert again.problems == first.problems
    assert (root / ".curate" / ".gitignore").read_text() == "*\n"


@pytest.mark.parametrize("cached", [False, True])
@pytest.mark.parametrize("fixture", RULE_DIRS, ids=lambda p: p.name)
def test_each_file_alone_gets_its_share_of_the_full_run(
    fixture: Path, tmp_path: Path, cached: bool
) -> None:
    """Pre-commit's view: one file judged against the root, as in a run over everything."""
    root = copy(fixture, tmp_path)
    full = engine.lint(root, use_cache=cached)
    files = sorted(p for p in (root / "data").rglob("*.yaml") if p.is_file())  # as git has them
    assert files
    for path in files:
        rel = path.relative_to(root).as_posix()
        alone = engine.lint(root, [path], use_cache=cached)
        assert alone.problems == [p for p in full.problems if p.path == rel], rel


def test_the_good_records_alone_are_clean(tmp_path: Path) -> None:
    root = copy(FIXTURES / "lint" / "no-sources", tmp_path)
    (root / "data/compounds/bare.yaml").unlink()
    assert engine.lint(root).problems == []
