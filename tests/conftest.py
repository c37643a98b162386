from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curate.cli.app import app

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_CARD = FIXTURES / "cards" / "seed_001.txt"
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "CURATE_ROOT": ""}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the shipped knowledge base."""
    dest = tmp_path / "kb"
    shutil.copytree(REPO / "data", dest / "data")
    shutil.copytree(REPO / "schemas", dest / "schemas")
    return dest


Invoke = Callable[..., "Result"]


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Run the Typer app in-process with a fixed terminal width and no colour."""
    monkeypatch.delenv("CURATE_ROOT", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    runner = CliRunner()

    def invoke(
        args: Sequence[str], input: str | None = None, env: dict[str, str] | None = None
    ) -> Result:
        result = runner.invoke(app, list(args), input=input, env={**ENV, **(env or {})})
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def no_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine at its process limit: every helper fork is refused."""
    from curate.repo import forking

    def refuse(keep: tuple[int, ...] = ()) -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(forking, "fork", refuse)
