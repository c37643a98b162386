"""Git repositories with known histories, built in tmp_path for the log and blame tests.

Every commit gets its own author and a date one day after the last, so order and
dates are fixed whatever the machine's clock says.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from curate.repo import store
from tests.conftest import REPO

START = 1_779_883_200  # 2026-05-27T12:00Z: the first commit is on 2026-05-28
DAY = 86_400


class Story:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.clock = START
        self.hashes: dict[str, str] = {}

    @classmethod
    def shipped(cls, tmp_path: Path, author: str = "Zoë Ångström") -> Story:
        """The shipped knowledge base, committed once as 'initial'."""
        root = tmp_path / "repo"
        shutil.copytree(REPO / "data", root / "data")
        story = cls(root)
        story.git("init", "-q", "-b", "main")
        story.commit("initial", author)
        return story

    def git(self, *args: str, author: str = "Ada Lovelace", check: bool = True) -> str:
        email = "".join(c for c in author.lower() if c.isascii() and c.isalnum()) or "someone"
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": f"{email}@example.invalid",
            "GIT_AUTHOR_DATE": f"@{self.clock} +0000",
            "GIT_COMMITTER_DATE": f"@{self.clock} +0000",
            "GIT_COMMITTER_NAME": "committer",
            "GIT_COMMITTER_EMAIL": "committer@example.invalid",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        done = subprocess.run(
            ["git", "-C", str(self.root), *args], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0 or not check, done.stderr
        return done.stdout.strip()

    def commit(self, message: str, author: str = "Ada Lovelace") -> str:
        self.clock += DAY
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, author=author)
        sha = self.git("rev-parse", "HEAD")
        self.hashes[message] = sha
        return sha

    def path(self, rid: str, kind: str = "compound") -> Path:
        return self.root / "data" / f"{kind}s" / f"{rid}.yaml"

    def edit(self, rid: str, kind: str = "compound", **fields: Any) -> None:
        edit_record(self.path(rid, kind), kind, **fields)

    def record(self, rid: str, kind: str = "compound") -> dict[str, Any]:
        return store.load_record(self.path(rid, kind))

    def short(self, message: str) -> str:
        return self.hashes[message][:7]


def edit_record(path: Path, kind: str, **fields: object) -> None:
    """Set (or, with None, remove) fields of a record file, written back canonically."""
    record = store.load_record(path)
    for key, value in fields.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    store.write_atomic(path, store.render_record(record, kind))  # type: ignore[arg-type]
