"""`curate add` where it cannot write: read-only folders, a read-only checkout, a full disk."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from curate.repo import journal, store
from tests.conftest import Invoke
from tests.kb.test_add import batch, write_jsonl


def _batch(tmp_path: Path, n: int, prefix: str = "hx") -> Path:
    """n compounds, each with its own source, lint-clean together, as JSON Lines."""
    return write_jsonl(tmp_path / f"{prefix}.jsonl", batch(n, prefix))


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


def test_errors_and_conflicts_go_to_stderr_one_line_each(
    cli: Invoke, root: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n  bad: [\n")
    zinc = {**store.load_record(root / "data/compounds/zinc.yaml"), "status": "food"}
    differs = tmp_path / "zinc.jsonl"
    differs.write_text(json.dumps(zinc) + "\n")
    result = cli(["--root", str(root), "add", str(bad), str(differs)])
    assert result.exit_code == 1
    first, second = result.stderr.splitlines()
    assert first.startswith(f"curate: error: {bad}:2: YAML syntax error")
    assert second == (
        f"curate: error: {differs}:1: compound zinc exists and differs in status; "
        "--update rewrites it, --merge combines lists"
    )
    assert result.stdout == (
        "nothing written: 1 error(s), 1 conflict(s); would have been 0 created, 0 updated, 0 unchanged\n"
    )


def test_a_big_import_prints_a_summary_and_lists_records_when_asked(
    cli: Invoke, root: Path, tmp_path: Path
) -> None:
    quiet = cli(["--root", str(root), "add", str(_batch(tmp_path, 400, "qa"))])
    assert (quiet.exit_code, quiet.stdout) == (0, "800 created, 0 updated, 0 unchanged\n")
    listed = cli(["--root", str(root), "add", "--verbose", str(_batch(tmp_path, 400, "qb"))])
    lines = listed.stdout.splitlines()
    assert listed.exit_code == 0 and len(lines) == 801
    assert (
        lines[0] == "created source qb_src_0" and lines[-1] == "800 created, 0 updated, 0 unchanged"
    )


def test_nothing_changed_is_not_written(cli: Invoke, root: Path, tmp_path: Path) -> None:
    batch = str(_batch(tmp_path, 2))
    first = json.loads(cli(["--root", str(root), "add", batch, "-f", "json"]).stdout)
    again = json.loads(cli(["--root", str(root), "add", batch, "-f", "json"]).stdout)
    assert first["written"] is True
    assert again["written"] is False and len(again["unchanged"]) == 4


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_ends_before_interrupted_is_said(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C at the 100th record (a chosen point) while the bar is drawn on a terminal."""
    from curate.cli.app import app
    from curate.kb import batch as planning

    batch = str(_batch(tmp_path, 200))
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    check_one, checked = planning.Planner._one, [0]

    def interrupted_at_100(self: planning.Planner, item: Any) -> None:
        checked[0] += 1
        if checked[0] == 100:
            raise KeyboardInterrupt
        check_one(self, item)

    monkeypatch.setattr(planning.Planner, "_one", interrupted_at_100)
    code = app(["--root", str(root), "add", batch], standalone_mode=False)
    said = terminal.getvalue()
    assert code == 130 and "checking records" in said  # the bar was there
    before, _, after = said.partition("curate: interrupted\n")
    assert "\x1b[?25h" in before and after == ""  # the bar gave the cursor back, then the line


def test_the_lock_timeout_is_said_as_given(cli: Invoke, root: Path, tmp_path: Path) -> None:
    batch = str(_batch(tmp_path, 1))
    with journal.locked(root):  # another writer holds the root
        result = cli(["--root", str(root), "add", "--lock-timeout", "0.3", batch])
    assert result.exit_code == 2
    assert "writing to this root for over 0.3s" in result.stderr


def test_a_batch_that_cannot_be_completed_yet_does_not_stop_reading(
    cli: Invoke, root: Path
) -> None:
    """A committed batch (its journal written) whose folder went read-only before its renames."""
    txn = root / ".curate/txn/1-1"
    txn.mkdir(parents=True)
    zinc = store.load_record(root / "data/compounds/zinc.yaml")
    (txn / "0.yaml").write_text(store.render_record({**zinc, "id": "halfway"}, "compound"))
    plan = [{"staged": "0.yaml", "target": "data/compounds/halfway.yaml"}]
    (txn / "journal.json").write_text(json.dumps({"files": plan}))
    target = root / "data/compounds/halfway.yaml"
    with read_only([root / "data/compounds"]):
        result = cli(["--root", str(root), "show", "IGF-1"])
        assert result.exit_code == 0 and result.stdout.startswith("ID: mecasermin_igf1")
        assert result.stderr == (
            f"curate: warning: cannot complete an interrupted batch (1-1) yet: {target}: "
            f"{os.strerror(errno.EPERM if os.geteuid() == 0 else errno.EACCES)}; "
            "answers may miss part of it\n"
        )
    done = cli(["--root", str(root), "show", "halfway"])  # writable again: completed
    assert done.exit_code == 0 and "completed an interrupted batch (1-1)" in done.stderr
    assert _staged(root) == []
