"""Each command's plain path imports only what it uses: never Typer, pydantic or Rich off a terminal.

Typer costs about five interpreter starts to import and more to parse; Rich, jsonschema,
rapidfuzz and sqlite3 each cost a share of a command that needs none of them. Each
command runs in a fresh interpreter, which then lists the modules it holds.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ENV, FIXTURES, SEED_CARD

# Runs curate, then writes what REPORT says of the interpreter it leaves.
DRIVER_REPORTING = """
import sys
out = sys.argv.pop(1)
sys.argv[0] = "curate"
from curate.__main__ import main
try:
    main()
except SystemExit:
    pass
with open(out, "w") as f:
    f.write(REPORT)
"""
DRIVER = DRIVER_REPORTING.replace("REPORT", '"\\n".join(sorted(sys.modules))')
# fastjsonschema: the packaged schemas' validators are compiled ahead of time; hashlib and
# _hashlib: OpenSSL, where _blake2 gives the same digests; inspect: what dataclasses costs.
WATCHED = {
    "typer", "pydantic", "rich", "jsonschema", "rapidfuzz", "sqlite3", "click",
    "fastjsonschema", "hashlib", "_hashlib", "inspect", "dataclasses", "csv",
}  # fmt: skip
ARTICLE = str(FIXTURES / "articles" / "seed_002_leucine_autophagy.txt")
NEAR = str(FIXTURES / "articles" / "seed_003_igf1_immune.txt")
LEUCINE, ZINC = "data/compounds/leucine.yaml", "data/compounds/zinc.yaml"


@pytest.mark.parametrize(
    ("args", "needs"),
    [
        (["show", "IGF-1"], {"sqlite3"}),
        (["show", "IGF-1", "-f", "json"], {"sqlite3"}),
        (["resolve", "IGF-1", "igf1"], {"sqlite3"}),
        (["lint"], {"rapidfuzz"}),  # vocabulary-drift compares values
        (["lint", "-f", "json"], {"rapidfuzz"}),
        (["search", "leucine"], {"sqlite3", "rapidfuzz"}),
        (["search", "--status", "approved"], {"sqlite3"}),
        # No word of the article comes within the fuzzy cutoff of a name: no rapidfuzz.
        (["scan", ARTICLE], {"sqlite3"}),
        (["scan", ARTICLE, "-f", "json"], {"sqlite3"}),
        (["scan", NEAR], {"sqlite3", "rapidfuzz"}),  # "IGFBP-1" scores 80 against "IGF-1"
        (["diff", LEUCINE, ZINC], set()),
        (["add", "--dry-run", str(SEED_CARD)], {"sqlite3"}),
        # It lints the root first, then reads the records from the name index.
        (["export", "--format", "jsonl"], {"rapidfuzz", "sqlite3"}),
        (["--help"], set()),
        (["lint", "--help"], set()),
        (["--version"], {"csv"}),  # importlib.metadata reads RECORD files with it
        (["lint", "-f", "xml"], set()),
    ],
)
def test_plain_path_imports(root: Path, tmp_path: Path, args: list[str], needs: set[str]) -> None:
    listing = tmp_path / "modules.txt"
    command = [sys.executable, "-c", DRIVER, str(listing), "--root", str(root), *args]
    subprocess.run(command, cwd=root, env={**ENV, "PATH": "/usr/bin:/bin"}, capture_output=True,
                   check=False)  # fmt: skip
    loaded = {name.split(".")[0] for name in listing.read_text().split()}
    assert "curate" in loaded
    assert loaded & WATCHED == needs


def _second_run(root: Path, tmp_path: Path, command_args: list[str]) -> list[str]:
    """The modules a command's second run holds (the first, which reads every file, must
    have imported PyYAML)."""
    listing = tmp_path / "modules.txt"
    command = [sys.executable, "-c", DRIVER, str(listing), "--root", str(root), *command_args]
    env = {**ENV, "PATH": "/usr/bin:/bin"}
    subprocess.run(command, cwd=root, env=env, capture_output=True, check=False)
    assert "yaml" in listing.read_text().split()
    subprocess.run(command, cwd=root, env=env, capture_output=True, check=False)
    modules = listing.read_text().split()
    assert "curate" in modules
    return modules


def test_a_warm_lint_reads_no_yaml_and_imports_no_rule(root: Path, tmp_path: Path) -> None:
    modules = _second_run(root, tmp_path, ["lint"])
    loaded = {name.split(".")[0] for name in modules}
    assert loaded & (WATCHED | {"yaml", "datetime"}) == set()
    # Selection and suppressions go by the rules' catalogue: no rule's module is needed
    # (but the one whose default similarity the configuration reports).
    rule_modules = [m for m in modules if m.startswith("curate.lint.rules.")]
    assert rule_modules == ["curate.lint.rules.vocabulary_drift"]


def test_a_warm_export_reads_no_yaml(root: Path, tmp_path: Path) -> None:
    """The records come from the name index's copy: no file is parsed, no PyYAML imported."""
    loaded = {name.split(".")[0] for name in _second_run(root, tmp_path, ["export"])}
    assert "yaml" not in loaded


READER_PROBE = DRIVER_REPORTING.replace(
    "REPORT", 'type(sys.modules["yaml.reader"].Reader.NON_PRINTABLE).__name__'
)


@pytest.mark.parametrize(
    "args",
    [
        ["diff", LEUCINE, ZINC],
        ["add", "--dry-run", str(SEED_CARD)],
        ["export", "--format", "jsonl"],
        ["lint"],  # a cold one: it reads every file
    ],
)
def test_plain_paths_read_yaml_through_yamllib(root: Path, tmp_path: Path, args: list[str]) -> None:
    """yaml.reader's Unicode-wide pattern (libyaml never uses it) is left uncompiled."""
    listing = tmp_path / "reader.txt"
    command = [sys.executable, "-c", READER_PROBE, str(listing), "--root", str(root), *args]
    subprocess.run(command, cwd=root, env={**ENV, "PATH": "/usr/bin:/bin"}, capture_output=True,
                   check=False)  # fmt: skip
    assert listing.read_text() == "OnFirstUse"


# Counts compile() calls other than importlib's own (which compiles a module with no .pyc yet).
COMPILE_COUNTER = """
import builtins, sys
compiled = []
_compile = builtins.compile
def counting(source, filename, *args, **kwargs):
    if "importlib" not in sys._getframe(1).f_code.co_filename:
        compiled.append(filename)
    return _compile(source, filename, *args, **kwargs)
builtins.compile = counting
""" + DRIVER_REPORTING.replace("REPORT", '"\\n".join(compiled)')


@pytest.mark.parametrize(
    "args",
    [
        ["show", "IGF-1"],
        ["resolve", "IGF-1"],
        ["lint"],
        ["search", "leucine"],
        ["scan", ARTICLE],
        ["scan", NEAR, "-f", "json"],
        ["diff", LEUCINE, ZINC],
        ["add", "--dry-run", str(SEED_CARD)],
        ["export", "--format", "jsonl"],
        ["--help"],
    ],
)
def test_plain_paths_compile_nothing(root: Path, tmp_path: Path, args: list[str]) -> None:
    """No NamedTuple with string annotations: typing compiles each, and a process's first
    compile() builds every AST type, a third of a `python -c pass`."""
    listing = tmp_path / "compiled.txt"
    command = [sys.executable, "-c", COMPILE_COUNTER, str(listing), "--root", str(root), *args]
    subprocess.run(command, cwd=root, env={**ENV, "PATH": "/usr/bin:/bin"}, capture_output=True,
                   check=False)  # fmt: skip
    assert listing.read_text() == ""


def test_the_collector_runs_less_often(root: Path, tmp_path: Path) -> None:
    """A run's objects mostly live as long as it does: a pass every 700 allocations (the
    default) found no garbage and cost 3% of a plain command."""
    probe = DRIVER_REPORTING.replace("REPORT", 'str(__import__("gc").get_threshold()[0])')
    listing = tmp_path / "threshold.txt"
    command = [sys.executable, "-c", probe, str(listing), "--root", str(root), "show", "IGF-1"]
    subprocess.run(command, cwd=root, env={**ENV, "PATH": "/usr/bin:/bin"}, capture_output=True,
                   check=False)  # fmt: skip
    assert int(listing.read_text()) == 20_000
