"""`curate add` where it cannot write: read-only folders, a read-only checkout, a full disk."""

from __future__ import annotations

import errno
import json
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from curate.repo import journal
from tests.conftest import Invoke

BASE = {
    "type": "compound",
    "status": "unapproved",
    "evidence_level": "preclinical",
    "best_data_tier": "animal",
}


def _batch(tmp_path: Path, n: int, prefix: str = "hx") -> Path:
    """n compounds, each with its own source, lint-clean together."""
    lines = []
    for i in range(n):
        lines.append({"kind": "source", "id": f"{prefix}_src_{i}", "type": "animal",
                      "title": f"Study {i}", "summary": "Mice."})  # fmt: skip
        lines.append({"id": f"{prefix}_{i}", "aliases": [f"{prefix.upper()}-{i}Q"], **BASE,
                      "sources": [f"{prefix}_src_{i}"]})  # fmt: skip
    path = tmp_path / f"{prefix}.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".curate" not in p.parts
    }


def _staged(root: Path) -> list[Path]:
    txn = root / ".curate/txn"
    return sorted(txn.rglob("*")) if txn.exists() else []


@contextmanager
def read_only(paths: list[Path]) -> Iterator[None]:
    """Make paths unwritable for this process as the kernel sees it: chmod for a user,
    and for root (whom modes do not stop) the immutable attribute."""
    as_root = os.geteuid() == 0
    modes = {p: p.stat().st_mode for p in paths}
    for path in paths:
        if as_root:
            subprocess.run(["chattr", "+i", str(path)], check=True, capture_output=True)
        else:
            path.chmod(modes[path] & ~0o222)
    try:
        yield
    finally:
        for path in reversed(paths):
            if as_root:
                subprocess.run(["chattr", "-i", str(path)], check=True, capture_output=True)
            else:
                path.chmod(modes[path])


def test_a_read_only_compounds_folder_fails_in_one_line_and_never_lands_later(
    cli: Invoke, root: Path, tmp_path: Path
) -> None:
    compounds = root / "data/compounds"
    before = _tree(root)
    with read_only([compounds]):
        result = cli(["--root", str(root), "add", str(_batch(tmp_path, 3))])
        assert result.exit_code == 2
        assert result.stderr.startswith(
            f"curate: error: {compounds}: cannot write into this folder"
        )
        assert result.stderr.endswith("(nothing was changed)\n") and result.stderr.count("\n") == 1
        for args in (["show", "IGF-1"], ["lint"], ["add", "--dry-run", str(_batch(tmp_path, 2))]):
            later = cli(["--root", str(root), *args])
            assert later.exit_code == 0 and "curate:" not in later.stderr, (args, later.stderr)
    assert _tree(root) == before
    after = cli(["--root", str(root), "show", "hx_0"])  # writable again: nothing completes
    assert after.exit_code == 1 and "completed" not in after.stderr
    assert _tree(root) == before
    assert _staged(root) == []


@pytest.mark.parametrize("warm", [False, True])
def test_reading_commands_work_on_a_read_only_checkout(
    cli: Invoke, root: Path, tmp_path: Path, warm: bool
) -> None:
    """CI caches, containers, another user's clone: no cache can be written, answers still come."""
    if warm:  # caches left by an earlier run, now read-only too
        assert cli(["--root", str(root), "lint"]).exit_code == 0
        assert cli(["--root", str(root), "resolve", "IGF-1"]).exit_code == 0
    batch = _batch(tmp_path, 2)
    paths = sorted(root.rglob("*"), reverse=True)
    with read_only([*paths, root]):
        for args, code in (
            (["show", "IGF-1"], 0),
            (["lint"], 0),
            (["add", "--dry-run", str(batch)], 0),
            (["resolve", "IGF-1", "Increlx"], 0),
            (["search", "zinc"], 0),
        ):
            result = cli(["--root", str(root), *args])
            assert result.exit_code == code and "curate:" not in result.stderr, (
                args,
                result.stderr,
            )


def _full_disk_after(monkeypatch: pytest.MonkeyPatch, files: int) -> None:
    """The staging writes fail with ENOSPC once `files` of them have been written."""
    written = [0]

    def filling(write: object) -> object:
        def write_or_fail(path: object, data: bytes) -> None:
            if written[0] >= files:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
            written[0] += 1
            write(path, data)  # type: ignore[operator]

        return write_or_fail

    monkeypatch.setattr(journal, "_write_raw", filling(journal._write_raw))
    monkeypatch.setattr(journal, "_write_synced", filling(journal._write_synced))


@pytest.mark.parametrize(
    ("compounds", "fails_after"),
    # 6 of 6 files staged: the journal fails; 10,000 files: two processes stage, both fail
    [(3, 0), (3, 4), (3, 6), (100, 150), (5000, 3000)],
)
def test_a_full_disk_during_add_leaves_nothing_behind(
    cli: Invoke,
    root: Path,
    tmp_path: Path,
    compounds: int,
    fails_after: int,
) -> None:
    batch = _batch(tmp_path, compounds)
    before = _tree(root)
    with pytest.MonkeyPatch.context() as full:
        _full_disk_after(full, fails_after)
        result = cli(["--root", str(root), "add", str(batch)])
    assert result.exit_code == 2
    assert result.stderr.startswith("curate: error: ")
    assert result.stderr.endswith(
        ": cannot stage the batch: No space left on device (nothing was changed)\n"
    )
    assert result.stderr.count("\n") == 1
    assert _staged(root) == []  # the staged files are gone at once
    assert _tree(root) == before
    if compounds < 10:  # room again: it lands (a big batch's sync would only cost time here)
        assert cli(["--root", str(root), "add", str(batch)]).exit_code == 0
        assert len(_tree(root)) == len(before) + 2 * compounds
