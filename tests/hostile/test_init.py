"""`curate init` where it must not write, and what a new repository must survive."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from curate.repo import store
from tests.conftest import Invoke


@pytest.fixture
def umask() -> Iterator[int]:
    """A umask other than the usual 022, so that 0600 and 0644 both show as wrong."""
    old = os.umask(0o002)
    try:
        yield 0o002
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_file_init_writes_honours_the_umask(cli: Invoke, tmp_path: Path, umask: int) -> None:
    target = tmp_path / "new"
    assert cli(["init", str(target)]).exit_code == 0
    files = [p for p in target.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"README.md", "compound.schema.json", ".gitignore"}
    assert {str(p.relative_to(target)): _mode(p) for p in files} == {
        str(p.relative_to(target)): 0o666 & ~umask for p in files
    }


def _refuse_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Were init to write anything, the test fails there instead of touching the machine."""

    def wrote(path: Path, *args: object, **kwargs: object) -> None:
        raise AssertionError(f"init wrote {path}")

    monkeypatch.setattr(Path, "mkdir", wrote)
    monkeypatch.setattr(store, "write_atomic", wrote)


def test_init_of_the_file_system_root_is_refused(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse_writes(monkeypatch)
    result = cli(["init", "/"])
    assert result.exit_code == 2
    assert result.stderr == (
        "curate: error: /: refusing to make the file system's root a curation root\n"
    )


@pytest.mark.parametrize("inside", ["data/compounds", "sub/deeper"])
def test_init_inside_a_root_is_refused(
    cli: Invoke, root: Path, monkeypatch: pytest.MonkeyPatch, inside: str
) -> None:
    target = root / inside
    _refuse_writes(monkeypatch)
    result = cli(["init", str(target)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"curate: error: {target}: is inside the curation root {root}; refusing to nest one\n"
    )


def test_a_clone_of_a_new_repository_is_a_root(cli: Invoke, tmp_path: Path) -> None:
    origin, clone = tmp_path / "origin", tmp_path / "clone"
    assert cli(["init", str(origin)]).exit_code == 0
    git = [
        "git",
        "-c",
        "user.email=t@curate.invalid",
        "-c",
        "user.name=t",
        "-c",
        "init.defaultBranch=main",
    ]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "new"]):
        subprocess.run([*git, *args], cwd=origin, check=True, capture_output=True)
    subprocess.run([*git, "clone", "-q", str(origin), str(clone)], check=True, capture_output=True)
    assert store.is_root(clone) and (clone / "data/sources").is_dir()
    assert cli(["--root", str(clone), "lint"]).exit_code == 0
    new = cli(["--root", str(clone), "new", "first_one"])
    assert new.exit_code == 0 and (clone / "data/compounds/first_one.yaml").is_file()
