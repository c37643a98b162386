"""The published hook with the real pre-commit, from a fresh clone: pre-commit installs curate
itself (nothing on PATH), a bad record blocks the commit with file:line:col, a good one passes,
a deleted source that a compound links is caught, and a root may sit in a subfolder.

A local clone of this repository stands in for the public one (`repo:` and `rev:`). pre-commit
builds the hook's environment once (curate and its dependencies from PyPI) for both repositories.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from curate.repo import scaffold
from tests.conftest import REPO

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
BAD = """id: bad_one
aliasses:
  - Bad One
type: compound
status: supplement
evidence_level: preclinical
best_data_tier: animal
sources:
  - norton_layman_leucine_2006
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    # pip's and virtualenv's caches outlive the session (beside the test venv): the hook's
    # environment is new for every commit of curate, its dependencies' wheels are not.
    cache = Path(sys.prefix) / "cache"
    yield {
        "PIP_CACHE_DIR": str(cache / "pip"),
        "VIRTUALENV_OVERRIDE_APP_DATA": str(cache / "virtualenv"),
        "PATH": "/usr/local/bin:/usr/bin:/bin",  # no curate here: the hook must bring its own
        "HOME": str(home),
        "PRE_COMMIT_HOME": str(home / "cache"),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        **{k: os.environ[k] for k in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_CONFIG_FILE") if k in os.environ},
    }  # fmt: skip


@pytest.fixture(scope="module")
def hook(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A clone standing in for the public repository, and its commit as rev."""
    clone = tmp_path_factory.mktemp("upstream") / "curate"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    rev = subprocess.run(
        ["git", "-C", str(clone), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return str(clone), rev


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def commit(repo: Path, env: dict[str, str], message: str) -> tuple[int, str]:
    done = run(["git", "commit", "-q", "-m", message], repo, env)
    return done.returncode, done.stdout + done.stderr


def new_repo(path: Path, env: dict[str, str]) -> None:
    run(["git", "init", "-q", str(path)], path.parent, env).check_returncode()
    run([str(PRE_COMMIT), "install"], path, env).check_returncode()


def test_published_hook_with_the_root_in_a_subfolder(
    tmp_path: Path, env: dict[str, str], hook: tuple[str, str]
) -> None:
    repo = tmp_path / "consumer"
    shutil.copytree(REPO / "data", repo / "kb" / "data")
    (repo / ".pre-commit-config.yaml").write_text(scaffold.pre_commit_config(hook))
    new_repo(repo, env)
    run(["git", "add", "."], repo, env).check_returncode()
    code, out = commit(repo, env, "the shipped records")
    assert code == 0, out

    bad = repo / "kb/data/compounds/bad_one.yaml"
    bad.write_text(BAD)
    run(["git", "add", "."], repo, env).check_returncode()
    code, out = commit(repo, env, "a bad record")
    assert code != 0 and "kb/data/compounds/bad_one.yaml:2:1: error CU101" in out, out

    bad.write_text(BAD.replace("aliasses", "aliases"))
    run(["git", "add", "."], repo, env).check_returncode()
    code, out = commit(repo, env, "fixed")
    assert code == 0, out

    # A commit that only deletes a linked source passes pre-commit no names at all.
    run(
        ["git", "rm", "-q", "kb/data/sources/norton_layman_leucine_2006.yaml"], repo, env
    ).check_returncode()
    code, out = commit(repo, env, "drop a source")
    assert code != 0 and "CU202" in out and "norton_layman_leucine_2006" in out, out
    assert "kb/data/compounds/bad_one.yaml:9:5: error CU202" in out


def test_a_repository_made_by_curate_init(
    tmp_path: Path, env: dict[str, str], hook: tuple[str, str]
) -> None:
    root = tmp_path / "kb"
    args = [sys.executable, "-m", "curate", "init", str(root), "--hook-repo", hook[0]]
    run(
        [*args, "--hook-rev", hook[1]], tmp_path, {**env, "PATH": os.environ["PATH"]}
    ).check_returncode()
    new_repo(root, env)
    shutil.copy(REPO / "data/sources/norton_layman_leucine_2006.yaml", root / "data/sources")
    (root / "data/compounds/bad_one.yaml").write_text(BAD)
    run(["git", "add", "."], root, env).check_returncode()
    code, out = commit(root, env, "a bad record")
    assert code != 0 and "data/compounds/bad_one.yaml:2:1: error CU101" in out, out
    (root / "data/compounds/bad_one.yaml").write_text(BAD.replace("aliasses", "aliases"))
    run(["git", "add", "."], root, env).check_returncode()
    code, out = commit(root, env, "good")
    assert code == 0, out
