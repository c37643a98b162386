"""`curate export` of a root that fails lint: refused with the errors, unless --no-check."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke


def _break(root: Path) -> None:
    zinc = root / "data/compounds/zinc.yaml"
    zinc.write_text(zinc.read_text().replace("status: supplement", "status: sold out"))
    (root / "data/compounds/orphan.yaml").write_text(
        "id: orphan\ntype: food\nstatus: food\nevidence_level: preclinical\n"
        "best_data_tier: animal\nsources:\n  - no_such_source\n"
    )


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "cards", "sqlite"])
def test_a_root_with_lint_errors_is_not_exported(
    cli: Invoke, root: Path, tmp_path: Path, fmt: str
) -> None:
    _break(root)
    out = tmp_path / f"out.{fmt}"
    result = cli(["--root", str(root), "export", "-f", fmt, "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    lines = result.stderr.splitlines()
    assert "curate: error: data/compounds/orphan.yaml:7:5: CU202" in lines[0]
    assert "curate: error: data/compounds/zinc.yaml" in lines[1] and "CU101" in lines[1]
    assert "'sold out' is not an allowed value" in lines[1]
    assert lines[-1] == (
        f"curate: error: not exporting: 2 lint error(s) in {root}; "
        "fix them (see `curate lint`), or pass --no-check"
    )


def test_no_check_exports_anyway(cli: Invoke, root: Path) -> None:
    _break(root)
    result = cli(["--root", str(root), "export", "--no-check"])
    assert result.exit_code == 0 and '"status": "sold out"' in result.stdout


def test_a_clean_root_exports(cli: Invoke, root: Path) -> None:
    assert cli(["--root", str(root), "lint"]).exit_code == 0
    result = cli(["--root", str(root), "export"])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.count("\n") == len(list((root / "data").rglob("*.yaml")))


def test_export_checks_from_the_cache_lint_left(cli: Invoke, root: Path) -> None:
    """Both lint with the root's rule options: `lint && export` lints each file once (export
    then reads the records from the name index, which it builds as `show` does)."""
    assert cli(["--root", str(root), "lint"]).exit_code == 0
    cache = root / ".curate" / "cache"

    def lint_cache() -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in cache.iterdir() if p.name.startswith("lint-")}

    left = lint_cache()
    assert left
    assert cli(["--root", str(root), "export"]).exit_code == 0
    assert lint_cache() == left  # nothing linted again
    assert cli(["--root", str(root), "lint"]).exit_code == 0
    assert lint_cache() == left
