"""What every CLI has: shell completion, colour switches (version, help and usage errors: test_fast)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke


def complete(cli: Invoke, words: str, root: Path | None = None) -> list[str]:
    """What bash would offer for the last word of `words` (a trailing space: a new word)."""
    split = words.split(" ")
    env = {"_CURATE_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(split) - 1)}  # fmt: skip
    result = cli([], env=env)
    assert result.exit_code == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_commands_complete(cli: Invoke) -> None:
    assert complete(cli, "curate s") == ["show", "search", "scan"]


def test_options_complete(cli: Invoke) -> None:
    offered = complete(cli, "curate lint --")
    assert {"--format", "--fix", "--select", "--root", "--color"} <= set(offered)


@pytest.mark.parametrize(
    ("words", "choices"),
    [
        ("curate lint --format ", ["text", "json", "github", "sarif"]),
        ("curate show IGF-1 -f ", ["card", "yaml", "json", "markdown", "references", "rich"]),
        ("curate export --format c", ["csv", "cards", "csl-json"]),
        ("curate --color ", ["auto", "always", "never"]),
        ("curate search --status a", ["approved"]),
    ],
)
def test_choices_complete(cli: Invoke, words: str, choices: list[str]) -> None:
    assert complete(cli, words) == choices


@pytest.mark.parametrize("command", ["show", "resolve"])
def test_record_ids_and_aliases_complete(cli: Invoke, root: Path, command: str) -> None:
    offered = complete(cli, f"curate --root {root} {command} mec")
    assert offered[:2] == ["mecasermin_igf1", "mecasermin"]  # the id first, then its aliases
    assert complete(cli, f"curate {command} --root {root} Incre") == ["Increlex"]


def test_diff_leaves_its_sides_to_the_shell(cli: Invoke, root: Path) -> None:
    """Files, folders or revisions, never record ids: bash falls back to file names on nothing."""
    assert complete(cli, f"curate --root {root} diff mec") == []


def test_names_complete_to_nothing_outside_a_root(cli: Invoke, tmp_path: Path) -> None:
    assert complete(cli, f"curate --root {tmp_path} show mec") == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(cli: Invoke, shell: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Typer's switch from detecting the running shell to naming it (read as the app is built)
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    script = cli(["--show-completion", shell]).stdout
    assert f"_CURATE_COMPLETE=complete_{shell}" in script


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ([], {}, False),  # not a terminal; NO_COLOR from the test environment
        (["--color", "always"], {}, True),
        ([], {"NO_COLOR": "", "FORCE_COLOR": "1"}, True),
        ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        (["--color=never"], {"NO_COLOR": "", "FORCE_COLOR": "1"}, False),
        (["--color", "always"], {"NO_COLOR": "1"}, True),
    ],
)
@pytest.mark.parametrize(
    "command",
    [
        ["lint", "--select", "CU103", "--no-cache"],
        ["search", "--status", "approved"],
        ["show", "IGF-1", "-f", "rich"],
    ],
)
def test_colour_switches(
    cli: Invoke, root: Path, command: list[str], args: list[str], env: dict[str, str],
    coloured: bool,
) -> None:  # fmt: skip
    (root / "data/compounds/zinc.yaml").write_text(
        (root / "data/compounds/zinc.yaml").read_text() + "\n\n"
    )  # one CU103 problem for lint to report
    result = cli(["--root", str(root), *command, *args], env=env)
    assert result.stdout and ("\x1b[" in result.stdout) is coloured
