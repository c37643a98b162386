"""The lint cache's signature: it changes with curate's own code."""

from __future__ import annotations

import os
from pathlib import Path

from curate.lint.context import code_stamps


def test_code_stamps_name_every_python_file_with_its_size_and_mtime(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "sub" / "__pycache__").mkdir(parents=True)
    (tmp_path / "pkg" / "a.py").write_text("a = 1\n")
    (tmp_path / "pkg" / "sub" / "b.py").write_text("b = 22\n")
    (tmp_path / "pkg" / "sub" / "notes.txt").write_text("not code\n")
    (tmp_path / "pkg" / "sub" / "__pycache__" / "b.cpython-311.pyc").write_bytes(b"\0")
    os.utime(tmp_path / "pkg" / "a.py", ns=(1, 10**18))
    stamps = code_stamps(str(tmp_path / "pkg"))
    b_mtime = (tmp_path / "pkg" / "sub" / "b.py").stat().st_mtime_ns
    assert stamps == [f"{tmp_path}/pkg/a.py:6:{10**18}", f"{tmp_path}/pkg/sub/b.py:7:{b_mtime}"]


def test_code_stamps_list_what_rglob_finds_in_curate() -> None:
    package = Path(__file__).resolve().parents[2] / "curate"
    expected = sorted(
        f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in package.rglob("*.py")
    )
    assert code_stamps(str(package)) == expected
