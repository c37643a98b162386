from __future__ import annotations

from pathlib import Path

from curate.repo import store
from tests.conftest import Invoke


def test_init_creates_a_usable_root(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "new"
    result = cli(["init", str(target)])
    assert result.exit_code == 0
    assert store.is_root(target) and (target / "data/sources").is_dir()
    assert (target / "schemas/compound.schema.json").read_text() == (
        store.PACKAGE_SCHEMAS / "compound.schema.json"
    ).read_text()
    assert (target / "README.md").is_file()
    assert store.find_root(target) == target.resolve()


def test_init_refuses_to_overwrite_and_creates_nothing(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "half"
    (target / "schemas").mkdir(parents=True)
    (target / "README.md").write_text("mine\n")
    result = cli(["init", str(target)])
    assert result.exit_code == 2
    assert "refusing to overwrite" in result.stderr
    assert (target / "README.md").read_text() == "mine\n"
    assert not (target / "data").exists()


def test_init_on_a_file_is_an_error(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    result = cli(["init", str(target)])
    assert result.exit_code == 2 and "not a folder" in result.stderr


def test_init_writes_a_pre_commit_hook_that_runs_lint(cli: Invoke, tmp_path: Path) -> None:
    import yaml

    target = tmp_path / "hooked"
    cli(["init", str(target)])
    config = yaml.safe_load((target / ".pre-commit-config.yaml").read_text())
    hook = config["repos"][0]["hooks"][0]
    assert hook["id"] == "curate-lint" and hook["entry"] == "curate lint --pre-commit"
    import re

    assert re.search(hook["files"], "data/compounds/x.yaml") and not re.search(
        hook["files"], "README.md"
    )
    assert (target / ".gitignore").read_text() == ".curate/\n"
    assert cli(["--root", str(target), "lint"]).exit_code == 0
