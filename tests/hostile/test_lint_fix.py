"""`curate lint --fix` rewrites a record's text, never its permissions."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
import yaml

from curate.repo import store
from tests.conftest import Invoke


def test_fix_keeps_a_files_mode(cli: Invoke, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)  # paths are reported relative to the working folder (no git here)
    path = root / "data/compounds/zinc.yaml"
    path.write_text(yaml.safe_dump(store.load_record(path), sort_keys=True))  # fields out of order
    for mode in (0o644, 0o640):
        path.chmod(mode)
        result = cli(["--root", str(root), "lint", "--fix"])
        assert "fixed data/compounds/zinc.yaml" in result.stderr
        assert stat.S_IMODE(path.stat().st_mode) == mode
        path.write_text(yaml.safe_dump(store.load_record(path), sort_keys=True))
