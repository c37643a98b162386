"""`curate resolve` where the clock is against it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from curate.repo import snapshot, store
from tests.conftest import Invoke

BASE = {
    "type": "compound",
    "status": "unapproved",
    "evidence_level": "preclinical",
    "best_data_tier": "none",
}


def test_a_file_added_in_its_folders_clock_tick_is_seen(
    cli: Invoke, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder's mtime is the same tick as the index's first look, and a file is
    added in that tick (the folder's mtime then does not move): the next lookup must
    list the folder again, as it reads a file changed in its tick again."""
    compounds, sources = root / "data/compounds", root / "data/sources"
    tick = compounds.stat().st_mtime_ns
    for path in [*compounds.iterdir(), *sources.iterdir(), sources]:
        os.utime(path, ns=(tick - 10**10, tick - 10**10))  # settled long ago
    monkeypatch.setattr(snapshot, "now_ns", lambda: tick + 1_000_000)
    assert cli(["--root", str(root), "resolve", "Newcomer X1"]).exit_code == 1
    store.write_record(root, "compound", {"id": "newcomer", "aliases": ["Newcomer X1"], **BASE})
    os.utime(compounds, ns=(tick, tick))  # the same tick: the folder's mtime did not move
    monkeypatch.setattr(snapshot, "now_ns", lambda: tick + 10 * snapshot.COARSE_RACY_NS)
    found = cli(["--root", str(root), "resolve", "Newcomer X1"])
    assert found.stdout.startswith("Newcomer X1\tnewcomer\texact"), found.stdout
