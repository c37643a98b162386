"""The Typer-free paths give exactly what the Typer app gives, byte for byte."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

from curate.cli import fast
from tests.conftest import ENV, FIXTURES, Invoke


def both(
    cli: Invoke, args: list[str], capsys: pytest.CaptureFixture[str], mp: pytest.MonkeyPatch
) -> None:
    for key, value in ENV.items():
        mp.setenv(key, value)
    mp.delenv("GITHUB_ACTIONS", raising=False)
    code = fast.run(args)
    assert code is not None, "the fast path should take this shape"
    fast_out = capsys.readouterr()
    typer = cli(args)
    assert code == typer.exit_code
    assert (fast_out.out, fast_out.err) == (typer.stdout, typer.stderr)


@pytest.mark.parametrize(
    "fmt", [[], ["-f", "card"], ["--format", "json"], ["--format=yaml"], ["-f", "markdown"]]
)
@pytest.mark.parametrize("name", ["IGF-1", "nonesuch", "mekasermin"])
def test_show(
    cli: Invoke,
    root: Path,
    fmt: list[str],
    name: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    both(cli, ["--root", str(root), "show", name, *fmt], capsys, monkeypatch)


@pytest.mark.parametrize(
    "args",
    [
        ["IGF-1", "Increlx"],
        ["IGF-2", "-f", "json"],
        ["--format=tsv", "igf1", "BCAAs", "mekasermin"],
        ["Zn", "--refresh"],
        ["-f", "tsv"],  # names from stdin
    ],
)
def test_resolve(
    cli: Invoke,
    root: Path,
    args: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("igf1\n\nBCAAs\n"))
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    code = fast.run(["--root", str(root), "resolve", *args])
    fast_out = capsys.readouterr()
    typer = cli(["--root", str(root), "resolve", *args], input="igf1\n\nBCAAs\n")
    assert code == typer.exit_code
    assert (fast_out.out, fast_out.err) == (typer.stdout, typer.stderr)
    assert fast_out.out


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    root = tmp_path / "messy"
    shutil.copytree(
        FIXTURES / "lint" / "schema", root, ignore=shutil.ignore_patterns("expected.txt")
    )
    return root


@pytest.mark.parametrize(
    "extra",
    [
        [],
        ["-f", "json"],
        ["--format=github"],
        ["--format", "sarif"],
        ["--strict", "--no-cache"],
        ["--select", "CU101", "--ignore=CU201"],
        ["--select", "nonesuch"],
        ["data/compounds/typos.yaml"],
        ["data/compounds/typos.yaml", "-f", "json"],
        ["no/such.yaml"],
        ["README.md"],
    ],
)
def test_lint(
    cli: Invoke,
    messy: Path,
    extra: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(messy)
    (messy / "README.md").write_text("not a record\n")
    both(cli, ["--root", str(messy), "lint", *extra], capsys, monkeypatch)


def test_clean_lint_prints_the_count_line_without_rich(
    cli: Invoke, root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    both(cli, ["--root", str(root), "lint", "data/compounds/leucine.yaml"], capsys, monkeypatch)
    assert fast.run(["--root", str(root), "lint"]) == 0
    files = len(list((root / "data").rglob("*.yaml")))
    assert capsys.readouterr().err == f"0 error(s), 0 warning(s) in 0 of {files} file(s)\n"


@pytest.mark.parametrize(
    "args",
    [
        ["show"],
        ["show", "--help"],
        ["show", "a", "b"],
        ["show", "x", "-f", "rich"],
        ["lint", "--fix"],
        ["lint", "--list-rules"],
        ["lint", "--help"],
        ["lint", "-f", "pdf"],
        ["lint", "--format"],
        ["resolve", "IGF-1", "-f", "yaml"],
        ["resolve", "--help"],
        ["search", "IGF-1"],
    ],
)
def test_other_shapes_go_to_typer(args: list[str]) -> None:
    assert fast.run(args) is None
