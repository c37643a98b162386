"""The plain path gives exactly what the Typer app gives, byte for byte, for every command."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

from curate.cli import fast, spec
from curate.cli.app import app
from tests.conftest import ENV, FIXTURES, SEED_CARD, Invoke

ARTICLE = FIXTURES / "articles" / "seed_002_leucine_autophagy.txt"


def both(
    cli: Invoke,
    args: list[str],
    capsys: pytest.CaptureFixture[str],
    mp: pytest.MonkeyPatch,
    stdin: str = "",
) -> tuple[int, str, str]:
    for key, value in ENV.items():
        mp.setenv(key, value)
    mp.delenv("GITHUB_ACTIONS", raising=False)
    mp.setattr(sys, "stdin", io.StringIO(stdin))
    code = fast.run(args)
    assert code is not None, "the plain path should take this shape"
    plain = capsys.readouterr()
    typer = cli(args, input=stdin)
    assert (code, plain.out, plain.err) == (typer.exit_code, typer.stdout, typer.stderr)
    return code, plain.out, plain.err


@pytest.mark.parametrize(
    "fmt", [[], ["-f", "card"], ["--format", "json"], ["--format=yaml"], ["-fmarkdown"]]
)
@pytest.mark.parametrize("name", ["IGF-1", "nonesuch", "mekasermin"])
def test_show(
    cli: Invoke, root: Path, fmt: list[str], name: str,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
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
    cli: Invoke, root: Path, args: list[str],
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    _, out, _ = both(
        cli, ["--root", str(root), "resolve", *args], capsys, monkeypatch, "igf1\n\nBCAAs\n"
    )
    assert out


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
        ["--list-rules"],
    ],
)
def test_lint(
    cli: Invoke, messy: Path, extra: list[str],
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(messy)
    (messy / "README.md").write_text("not a record\n")
    both(cli, ["--root", str(messy), "lint", *extra], capsys, monkeypatch)


@pytest.mark.parametrize(
    "args",
    [
        ["search", "leucine"],
        ["search", "--status", "approved"],
        ["search", "IGF", "--limit", "1", "-f", "json"],
        ["search", "xylophone"],
        ["scan", str(ARTICLE)],
        ["scan", str(ARTICLE), "-f", "json"],
        ["diff", "data/compounds/leucine.yaml", "data/compounds/zinc.yaml"],
        ["diff", "data/compounds/leucine.yaml", "data/compounds/zinc.yaml", "--stat"],
        ["diff", "data/compounds/leucine.yaml", "data/compounds/zinc.yaml", "-f", "markdown"],
        ["add", "--dry-run", str(SEED_CARD)],
        ["add", "--dry-run", "-f", "json", str(SEED_CARD)],
        ["export", "--format", "jsonl"],
        ["export", "-f", "csv"],
    ],
)
def test_other_commands(
    cli: Invoke, root: Path, args: list[str],
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(root)
    both(cli, ["--root", str(root), *args], capsys, monkeypatch)


def test_root_after_the_command(
    cli: Invoke, root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = both(cli, ["show", "IGF-1", "--root", str(root)], capsys, monkeypatch)
    assert code == 0 and out.startswith("ID: mecasermin_igf1\n")
    code, out, _ = both(cli, ["lint", f"--root={root}", "-f", "json"], capsys, monkeypatch)
    assert code == 0 and '"problems": []' in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lint", "-f", "xml"], "--format: 'xml' is not one of text, json, github, sarif"),
        (["lint", "--format"], "Option '--format' requires an argument."),
        (["lint", "--formt", "json"], "No such option: --formt (did you mean --format?)"),
        (["show"], "Missing argument 'NAME'."),
        (["show", "a", "b"], "Got unexpected extra argument (b)"),
        (["search", "--limit", "0"], "--limit: 0 is less than the minimum of 1"),
        (["search", "--limit", "x"], "--limit: 'x' is not a whole number"),
        (["resolve", "IGF-1", "-f", "yaml"], "--format: 'yaml' is not one of text, tsv, json"),
        (["lint", "--strict=yes"], "Option '--strict' does not take a value."),
        (["--color", "blue", "lint"], "--color: 'blue' is not one of auto, always, never"),
    ],
)
def test_usage_errors_are_one_line_and_a_pointer_to_help(
    cli: Invoke, root: Path, args: list[str], message: str,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    code, out, err = both(cli, ["--root", str(root), *args], capsys, monkeypatch)
    command = next(a for a in args if a in spec.all_commands())
    assert (code, out) == (2, "")
    assert err == f"curate: error: {message}\nTry 'curate {command} --help' for help.\n"


@pytest.mark.parametrize("command", [None, *spec.all_commands()])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(
    cli: Invoke, command: str | None, flag: str,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    code, out, _ = both(cli, [*([command] if command else []), flag], capsys, monkeypatch)
    assert code == 0 and out.startswith("Usage: curate ")
    assert "<" not in out and "list[" not in out and "range" not in out
    if command is None:  # every command's whole description, none cut off
        for declared in spec.all_commands().values():
            assert declared.help.split()[-1] in out
            assert " ".join(declared.help.split()[:4]) in out


def test_version(
    cli: Invoke, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib.metadata import version

    for flag in ("--version", "-V"):
        code, out, _ = both(cli, [flag], capsys, monkeypatch)
        assert (code, out) == (0, f"curate {version('curate')}\n")


def test_bare_curate_prints_usage_on_stderr_and_exits_2(
    cli: Invoke, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = both(cli, [], capsys, monkeypatch)
    assert (code, out) == (2, "") and err.startswith("Usage: curate [OPTIONS] COMMAND")


def test_every_typer_command_is_declared() -> None:
    """A command added on the Typer app alone would be missing from the plain path and --help."""
    typer_names = {c.name for c in app.registered_commands}
    assert typer_names == set(spec.all_commands())


@pytest.mark.parametrize(
    "args", [["--install-completion"], ["--show-completion"], ["nosuchcommand"]]
)
def test_shapes_left_to_typer(args: list[str]) -> None:
    assert fast.run(args) is None


def test_completion_requests_go_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_CURATE_COMPLETE", "complete_bash")
    assert fast.run(["show", "IGF"]) is None
