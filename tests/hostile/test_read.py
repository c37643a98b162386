"""Reading commands on a root holding what is not a record file: named, and the rest served.

The commands run in a subprocess so that a hang (a FIFO opened for reading) ends
at the timeout, a safety net only: the assertions are on what they say.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Invoke

SAFETY_NET = 120  # seconds; a command that hangs fails here instead of hanging the suite


def curate(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "curate", "--root", str(root), *args],
        capture_output=True, text=True, check=False, timeout=SAFETY_NET,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **(env or {})},
    )  # fmt: skip


@pytest.fixture(params=["fifo", "symlink loop"])
def bad_file(request: pytest.FixtureRequest, root: Path) -> tuple[Path, str]:
    path = root / "data/compounds/odd.yaml"
    if request.param == "fifo":
        os.mkfifo(path)
        return path, "is a FIFO (named pipe), not a regular file; not read"
    path.symlink_to(path)
    return path, "cannot read: Too many levels of symbolic links"


def test_lint_names_it_and_checks_the_rest(root: Path, bad_file: tuple[Path, str]) -> None:
    _path, why = bad_file
    result = curate(root, "lint")
    assert result.returncode == 1
    assert (
        result.stdout
        == f"{root}/data/compounds/odd.yaml: error CU008 {why} (hint: replace it with a record file or remove it)\n"
    )
    assert "1 error(s), 0 warning(s) in 1 of" in result.stderr
    assert curate(root, "lint").stdout == result.stdout  # from the cache: the same


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["show", "IGF-1", "-f", "json"], '"id": "mecasermin_igf1"'),
        (["resolve", "igf1"], "igf1\tmecasermin_igf1\t"),
        (["search", "zinc", "-f", "json"], '"id": "zinc"'),
    ],
)
def test_lookups_name_it_and_answer(
    root: Path, bad_file: tuple[Path, str], args: list[str], out: str
) -> None:
    path, why = bad_file
    result = curate(root, *args)
    assert result.returncode == 0 and out in result.stdout
    assert result.stderr == f"curate: warning: {path}: {why} (skipped; run `curate lint`)\n"


def test_export_refuses_naming_it(root: Path, bad_file: tuple[Path, str]) -> None:
    _path, why = bad_file
    result = curate(root, "export")
    assert result.returncode == 1 and result.stdout == ""
    assert f"curate: error: data/compounds/odd.yaml: CU008 {why}\n" in result.stderr


def test_scan_refuses_a_fifo(root: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    result = curate(root, "scan", str(fifo))
    assert result.returncode == 2
    assert (
        result.stderr
        == f"curate: error: {fifo}: is a FIFO (named pipe), not a regular file; not read\n"
    )


def test_lint_of_a_folder_says_so(cli: Invoke, root: Path) -> None:
    result = cli(["--root", str(root), "lint", str(root / "data/compounds")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"curate: error: {root / 'data/compounds'}: is a folder; "
        "name record files, or none to lint the whole root\n"
    )


def test_a_file_where_the_state_folder_goes(cli: Invoke, root: Path, tmp_path: Path) -> None:
    (root / ".curate").write_text("not a folder")
    assert cli(["--root", str(root), "show", "zinc"]).exit_code == 0  # readers manage without
    record = tmp_path / "new.yaml"
    record.write_text(
        "id: new_one\ntype: food\nstatus: food\nevidence_level: preclinical\nbest_data_tier: animal\n"
    )
    result = cli(["--root", str(root), "add", str(record)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"curate: error: {root / '.curate'}: is not a folder; "
        "curate keeps its lock, journal and caches there: move it away\n"
    )


def test_a_record_file_name_that_is_not_utf8(root: Path) -> None:
    odd = os.fsencode(root / "data/compounds") + b"/\xff.yaml"
    with open(odd, "wb") as handle:
        handle.write(b"id: odd\n")
    for args in (["lint"], ["show", "zinc"], ["export"]):
        result = curate(root, *args)
        assert result.returncode == 2, args
        assert result.stderr == (
            f"curate: error: {root}/data/compounds/\\xff.yaml: file name is not UTF-8; "
            "rename it ID.yaml (ids are lowercase ASCII)\n"
        )


@pytest.mark.parametrize("args", [["resolve", "\udcff"], ["resolve", "-f", "json", "Å\udcff"]])
def test_undecodable_argument_bytes_come_back_as_given(root: Path, args: list[str]) -> None:
    """A strict UTF-8 stdout (a desktop locale) once made this an internal error."""
    result = subprocess.run(
        [sys.executable, "-m", "curate", "--root", str(root), *map(os.fsencode, args)],
        capture_output=True, check=False, timeout=SAFETY_NET,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict", "LANG": "C.UTF-8"},
    )  # fmt: skip
    assert result.returncode == 1 and result.stderr == b""
    assert os.fsencode(args[-1]) in result.stdout


def test_lang_c_with_non_ascii_names(root: Path) -> None:
    result = curate(root, "resolve", "Åxq", env={"LC_ALL": "C", "LANG": "C"})
    assert result.returncode == 1 and result.stdout.startswith("Åxq\t-\tnone")
    result = curate(root, "resolve", "Å", env={"PYTHONIOENCODING": "ascii:strict"})
    assert result.returncode == 1 and result.stdout.startswith("\\xc5\t-\tnone")
