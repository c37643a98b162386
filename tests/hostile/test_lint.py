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
