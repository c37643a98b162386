"""Batches of writes: staged in one or two processes, committed whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from curate.errors import CurateError
from curate.repo import journal


def _files(root: Path, count: int) -> dict[Path, journal.Content]:
    folder = root / "data" / "compounds"
    out: dict[Path, journal.Content] = {}
    for n in range(count):
        text = f"id: r{n}\n".encode()
        out[folder / f"r{n}.yaml"] = text if n % 2 else (lambda t=text: t)
    return out


@pytest.mark.parametrize("count", [3, 100, 301])
def test_every_file_lands_and_the_staging_folder_goes(
    tmp_path: Path, count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal, "SPLIT_MIN", 300)  # 301 files: two stagers
    with journal.locked(tmp_path):
        journal.commit(tmp_path, _files(tmp_path, count))
    written = sorted((tmp_path / "data/compounds").iterdir())
    assert len(written) == count
    assert (tmp_path / "data/compounds/r1.yaml").read_text() == "id: r1\n"
    assert (tmp_path / "data/compounds/r2.yaml").read_text() == "id: r2\n"
    assert not any((tmp_path / journal.TXN).iterdir())


def test_a_failing_second_stager_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal, "SPLIT_MIN", 10)
    monkeypatch.setattr(journal, "SYNC_EACH_MAX", 5)
    parent = os.getpid()

    def only_in_the_parent() -> bytes:
        if os.getpid() != parent:
            raise OSError(28, "No space left on device")
        return b"id: x\n"

    files = {tmp_path / "data/compounds" / f"r{n}.yaml": only_in_the_parent for n in range(20)}
    (tmp_path / "data/compounds").mkdir(parents=True)
    with journal.locked(tmp_path), pytest.raises(CurateError, match="nothing was changed"):
        journal.commit(tmp_path, files)
    assert not any((tmp_path / "data/compounds").iterdir())
    assert not any((tmp_path / journal.TXN).iterdir())


@pytest.mark.usefixtures("no_fork")
def test_without_a_second_process_one_stages_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal, "SPLIT_MIN", 10)
    monkeypatch.setattr(journal, "SYNC_EACH_MAX", 5)
    with journal.locked(tmp_path):
        journal.commit(tmp_path, _files(tmp_path, 30))
    assert len(list((tmp_path / "data/compounds").iterdir())) == 30
