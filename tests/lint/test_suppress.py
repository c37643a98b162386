"""Inline suppression comments: what they hide, when they are reported, and that --fix keeps them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from curate.lint import engine
from curate.records import yamltext
from tests.conftest import FIXTURES, Invoke


def schema_root(tmp_path: Path) -> Path:
    root = tmp_path / "schema"
    shutil.copytree(FIXTURES / "lint/schema", root, ignore=shutil.ignore_patterns("expected.txt"))
    return root


def found(root: Path, *select: str) -> list[str]:
    problems = engine.lint(root, select=list(select) or None).problems
    return [f"{Path(p.path).name}:{p.line} {p.code}" for p in problems]


def test_a_line_comment_hides_its_line_only(tmp_path: Path) -> None:
    root = schema_root(tmp_path)
    typos = root / "data/compounds/typos.yaml"
    before = found(root, "CU101")
    assert "typos.yaml:5 CU101" in before and "typos.yaml:6 CU101" in before
    typos.write_text(
        typos.read_text().replace("type: compund\n", "type: compund  # curate: ignore[schema]\n")
    )
    after = found(root, "CU101")
    assert after == [f for f in before if f != "typos.yaml:5 CU101"]
    assert found(root, "CU901") == []  # it was used, even though only CU101 is reported


def test_a_file_comment_hides_the_rule_anywhere_and_exit_codes_follow(
    cli: Invoke, tmp_path: Path
) -> None:
    root = schema_root(tmp_path)
    for rel in ("data/compounds/typos.yaml", "data/sources/bad_src.yaml"):
        path = root / rel
        lines = path.read_text().split("\n")
        path.write_text("\n".join([lines[0], "# curate: ignore-file[CU1]", *lines[1:]]))
    result = cli(["--root", str(root), "lint", "--format", "json"])
    codes = {p["code"] for p in json.loads(result.stdout)["problems"]}
    assert "CU101" not in codes and "CU901" not in codes
    assert result.exit_code == 0


def test_a_comment_that_hides_nothing_names_what_is_idle(tmp_path: Path) -> None:
    root = schema_root(tmp_path)
    typos = root / "data/compounds/typos.yaml"
    typos.write_text(
        typos.read_text().replace(
            "status: aproved\n", "status: aproved  # curate: ignore[CU101,CU205]\n"
        )
    )
    problems = [p for p in engine.lint(root).problems if p.code == "CU901"]
    assert [(p.line, p.col, p.message) for p in problems] == [
        (6, 18, "`# curate: ignore[CU205]` suppresses nothing")
    ]
    # The same from the cache, and for the file alone (pre-commit's view).
    assert [p for p in engine.lint(root).problems if p.code == "CU901"] == problems
    assert [p for p in engine.lint(root, [typos]).problems if p.code == "CU901"] == problems


def test_fix_keeps_suppression_comments_beside_what_they_suppress(
    cli: Invoke, tmp_path: Path
) -> None:
    root = tmp_path / "kb"
    shutil.copytree(
        FIXTURES / "lint/no-sources", root, ignore=shutil.ignore_patterns("expected.txt")
    )
    bare = root / "data/compounds/bare.yaml"
    messy = (
        "# yaml-language-server: $schema=../../.curate/schemas/compound.schema.json\n"
        "# curate: ignore-file[CU104]\n"
        "status: supplement\n"
        "id: bare\n"
        "sources: [ ]   # curate: ignore[no-sources]\n"
        "aliases: [Bare, bare]\n"
        "type:    compound\n"
        "evidence_level: preclinical\n"
        "best_data_tier: animal\n"
    )
    bare.write_text(messy)
    assert found(root) == ["bare.yaml:3 CU103"]  # CU104 and CU207 hidden, both comments used
    result = cli(["--root", str(root), "lint", "--fix"])
    assert result.exit_code == 0 and "/data/compounds/bare.yaml\n" in result.stderr
    text = bare.read_text()
    assert text.split("\n")[:3] == [
        "# yaml-language-server: $schema=../../.curate/schemas/compound.schema.json",
        "# curate: ignore-file[CU104]",
        "id: bare",
    ]
    assert "sources: []  # curate: ignore[no-sources]\n" in text
    assert yamltext.load_text(text) == yamltext.load_text(messy)
    assert found(root) == []


def test_fix_leaves_a_file_with_other_comments_alone(cli: Invoke, tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(
        FIXTURES / "lint/no-sources", root, ignore=shutil.ignore_patterns("expected.txt")
    )
    bare = root / "data/compounds/bare.yaml"
    text = bare.read_text().replace("type: compound\n", "type:   compound  # a note\n")
    bare.write_text(text.replace("sources: []\n", "sources: []  # curate: ignore[CU207]\n"))
    before = bare.read_text()
    cli(["--root", str(root), "lint", "--fix"])
    assert bare.read_text() == before
    assert found(root) == ["bare.yaml:5 CU103"]
