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

DRIVER = """
import sys
out = sys.argv.pop(1)
sys.argv[0] = "curate"
from curate.__main__ import main
try:
    main()
except SystemExit:
    pass
with open(out, "w") as f:
    f.write("\\n".join(sorted(sys.modules)))
"""
# fastjsonschema: the packaged schemas' validators are compiled ahead of time; hashlib and
# _hashlib: OpenSSL, where _blake2 gives the same digests; inspect: what dataclasses costs.
WATCHED = {
    "typer", "pydantic", "rich", "jsonschema", "rapidfuzz", "sqlite3", "click",
    "fastjsonschema", "hashlib", "_hashlib", "inspect", "dataclasses", "csv",
}  # fmt: skip
DATACLASSES = {"dataclasses", "inspect"}
ARTICLE = str(FIXTURES / "articles" / "seed_002_leucine_autophagy.txt")
LEUCINE, ZINC = "data/compounds/leucine.yaml", "data/compounds/zinc.yaml"


@pytest.mark.parametrize(
    ("args", "needs"),
    [
        (["show", "IGF-1"], {"sqlite3"}),
        (["show", "IGF-1", "-f", "json"], {"sqlite3"}),
        (["resolve", "IGF-1", "igf1"], {"sqlite3"}),
        (["lint"], {"rapidfuzz", *DATACLASSES}),  # vocabulary-drift compares values
        (["lint", "-f", "json"], {"rapidfuzz", *DATACLASSES}),
        (["search", "leucine"], {"sqlite3", "rapidfuzz", *DATACLASSES}),
        (["search", "--status", "approved"], {"sqlite3", *DATACLASSES}),
        (["scan", ARTICLE], {"sqlite3", "rapidfuzz"}),  # a typo of a name is one to check
        (["scan", ARTICLE, "-f", "json"], {"sqlite3", "rapidfuzz"}),
        (["diff", LEUCINE, ZINC], set()),
        (["add", "--dry-run", str(SEED_CARD)], {"sqlite3", "csv", *DATACLASSES}),
        (["export", "--format", "jsonl"], {"rapidfuzz", *DATACLASSES}),  # it lints the root first
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


def test_a_warm_lint_reads_no_yaml_and_builds_no_dataclass(root: Path, tmp_path: Path) -> None:
    listing = tmp_path / "modules.txt"
    command = [sys.executable, "-c", DRIVER, str(listing), "--root", str(root), "lint"]
    env = {**ENV, "PATH": "/usr/bin:/bin"}
    subprocess.run(command, cwd=root, env=env, capture_output=True, check=False)
    assert "yaml" in listing.read_text().split()  # the first run read every file
    subprocess.run(command, cwd=root, env=env, capture_output=True, check=False)
    loaded = {name.split(".")[0] for name in listing.read_text().split()}
    assert "curate" in loaded
    assert loaded & (WATCHED | {"yaml"}) == set()
