"""Each rule against its fixture root: failing files give exactly the expected
(path, line, col, code); the passing files in the same root give nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curate.lint import engine, rules
from curate.records import model
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


def test_the_catalogue_says_what_each_rule_module_declares() -> None:
    declared = [(module.__name__.rpartition(".")[2], module.RULE.code, module.RULE.name)
                for module in rules.modules()]  # fmt: skip
    assert declared == list(rules.CATALOGUE)
    assert rules.all_codes() == [r.code for r in rules.all_rules()]
    assert [r.code for r in rules.by_code_or_name("cu2")] == [
        "CU207", "CU201", "CU202", "CU203", "CU204", "CU205", "CU206",
    ]  # fmt: skip
    assert rules.codes_named(" doi-form ") == ["CU302"]


def test_every_rule_is_typed_against_lint_s_context() -> None:
    """`ctx: Any` would let a rule ask the context for what it does not have, unchecked."""
    for module in rules.modules():
        for name in ("check", "check_corpus"):
            fn = getattr(module, name, None)
            if fn is not None:
                assert fn.__annotations__["ctx"] == "Context", (module.__name__, name)


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


@pytest.mark.parametrize("tier", [t for t in model.DATA_TIERS if t != "none"])
def test_no_tier_rests_on_a_source_whose_type_is_not_stated(tmp_path: Path, tier: str) -> None:
    root = copy(FIXTURES / "lint" / "evidence-tier", tmp_path)
    path = root / "data/compounds/rests_on_unstated.yaml"
    path.write_text(
        path.read_text().replace("best_data_tier: review only", f"best_data_tier: {tier}")
    )
    result = engine.lint(root, select=["evidence-tier"], use_cache=False)
    flagged = [p for p in result.problems if p.path == "data/compounds/rests_on_unstated.yaml"]
    assert [p.code for p in flagged] == ["CU206"]
    assert "(linked types: not_stated)" in flagged[0].message
    assert "a 'not_stated' source supports no tier" in (flagged[0].hint or "")


def test_not_stated_is_in_the_vocabulary_and_supports_only_the_tier_none() -> None:
    assert model.TYPE_NOT_STATED in model.SOURCE_TYPES
    supported = [t for t, types in model.TIER_SUPPORT.items() if model.TYPE_NOT_STATED in types]
    assert supported == ["none"]
