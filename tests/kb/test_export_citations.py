"""`curate export --format bibtex|csl-json|ris` and `show --format references`."""

from __future__ import annotations

from pathlib import Path

import pytest

from curate.lint import engine
from tests.conftest import Invoke
from tests.kb.test_citations import empty_root, files


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json", "ris"])
def test_export_reads_back_to_the_same_sources(
    cli: Invoke, root: Path, tmp_path: Path, fmt: str
) -> None:
    # Sources with the citation fields too, as a reference import leaves them.
    refs = tmp_path / "refs.txt"
    refs.write_text(
        "- Doe JA, Müller, Jürgen. A fictional trial: 50% & more_of it. J Fict Med. "
        "2019;4(2):11-19. doi:10.5555/fict.2019.001\n"
    )
    added = cli(
        ["--root", str(root), "add", str(refs), "--from", "references", "--type", "human_trial"]
    )
    assert added.exit_code == 0, added.stdout
    out = tmp_path / f"export.{fmt}"
    assert cli(["--root", str(root), "export", "-f", fmt, "-o", str(out)]).exit_code == 0
    again = cli(["--root", str(root), "add", str(out), "--from", fmt])
    count = len(list((root / "data/sources").glob("*.yaml")))
    assert again.exit_code == 0
    assert again.stdout.endswith(f"0 created, 0 updated, {count} unchanged\n")
    fresh = empty_root(cli, tmp_path)
    into = cli(["--root", str(fresh), "add", str(out), "--from", fmt])
    assert into.exit_code == 0, into.stdout
    shipped = {k: v for k, v in files(root).items() if (root / "data/sources" / k).exists()}
    assert files(fresh) == shipped


def test_export_of_one_compound(cli: Invoke, root: Path) -> None:
    result = cli(["--root", str(root), "export", "-f", "bibtex", "--compound", "leucine"])
    assert result.exit_code == 0
    keys = [
        line.split("{", 1)[1].rstrip(",")
        for line in result.stdout.splitlines()
        if line.startswith("@")
    ]
    linked = cli(["--root", str(root), "show", "leucine", "-f", "yaml"]).stdout
    assert keys and all(f"  - {k}" in linked for k in keys)
    unknown = cli(["--root", str(root), "export", "-f", "ris", "--compound", "nope"])
    assert unknown.exit_code == 1 and "no compound with id 'nope'" in unknown.stderr
    wrong = cli(["--root", str(root), "export", "-f", "jsonl", "--compound", "leucine"])
    assert wrong.exit_code == 2


def test_show_references(cli: Invoke, root: Path) -> None:
    result = cli(["--root", str(root), "show", "leucine", "-f", "references"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split(". ", 1)[0] for line in lines] == [str(n) for n in range(1, len(lines) + 1)]
    assert any("doi:10.1093/jn/136.2.533S." in line for line in lines)


SOURCE = """# yaml-language-server: $schema=../../schemas/source.schema.json
id: {id}
type: review
title: A fictional review
summary: Fictional test data.
{extra}
"""


def test_lint_fix_moves_a_doi_to_normal_form_and_a_journal_out_of_publisher(
    cli: Invoke, root: Path
) -> None:
    sources = root / "data/sources"
    (sources / "fict_a.yaml").write_text(SOURCE.format(id="fict_a", extra="journal: J Fict Med"))
    moved = sources / "fict_b.yaml"
    moved.write_text(
        SOURCE.format(
            id="fict_b", extra="doi: https://doi.org/10.5555/fict.1\npublisher: J Fict Med"
        )
    )
    kept = sources / "fict_c.yaml"
    kept.write_text(SOURCE.format(id="fict_c", extra="publisher: Fictional Press"))
    found = {(p.path, p.code) for p in engine.lint(root, use_cache=False).problems}
    assert {("data/sources/fict_b.yaml", "CU302"), ("data/sources/fict_b.yaml", "CU309")} <= found
    result = engine.lint(root, fix=True, use_cache=False)
    assert "data/sources/fict_b.yaml" in result.fixed
    assert moved.read_text().endswith("journal: J Fict Med\ndoi: 10.5555/fict.1\n")
    assert "publisher: Fictional Press" in kept.read_text()  # nothing says it is a journal
    assert not {"CU302", "CU309"} & {p.code for p in result.problems}
