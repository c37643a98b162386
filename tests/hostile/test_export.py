"""`curate export -o`: only where it is asked to write, never into the knowledge base."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import Invoke


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "cards", "sqlite"])
def test_export_honours_the_umask(cli: Invoke, root: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    old = os.umask(0o002)
    try:
        assert cli(["--root", str(root), "export", "-f", fmt, "-o", str(out)]).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o664


def _records(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "where",
    [
        "data/compounds/zinc.yaml",
        "data/compounds/new.yaml",
        "data/out.csv",
        "data/sources/../x.csv",
    ],
)
def test_export_into_data_is_refused(cli: Invoke, root: Path, where: str) -> None:
    before = _records(root)
    result = cli(["--root", str(root), "export", "-f", "csv", "--force", "-o", str(root / where)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"curate: error: {root / where}: refusing to write an export inside data/, over the records\n"
    )
    assert _records(root) == before


def test_export_through_a_symlink_into_data_is_refused(
    cli: Invoke, root: Path, tmp_path: Path
) -> None:
    link = tmp_path / "innocent.jsonl"
    link.symlink_to(root / "data/compounds/zinc.yaml")
    before = _records(root)
    result = cli(["--root", str(root), "export", "--force", "-o", str(link)])
    assert result.exit_code == 2 and "inside data/" in result.stderr
    assert _records(root) == before


def test_export_makes_no_missing_folder(cli: Invoke, root: Path, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "out.jsonl"
    result = cli(["--root", str(root), "export", "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"curate: error: {out.parent}: no such folder to write the export into\n"
    )
    assert not (tmp_path / "no").exists()


def test_sqlite_to_stdout_is_refused(
    cli: Invoke, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli(["--root", str(root), "export", "-f", "sqlite", "-o", "-"])
    assert result.exit_code == 2
    assert result.stderr.startswith("curate: error: --format sqlite writes a database")
    assert not (tmp_path / "-").exists()


def test_a_text_export_to_dash_goes_to_stdout(
    cli: Invoke, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli(["--root", str(root), "export", "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith('{"kind": "source"')
    assert not (tmp_path / "-").exists()
