"""`curate log` and `curate blame` through the CLI: formats, schemas, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from curate.repo import store
from tests.cli.test_fast import both
from tests.conftest import ENV, REPO, Invoke
from tests.histories import Story

SCHEMAS = REPO / "schemas" / "output"


@pytest.fixture
def story(tmp_path: Path) -> Story:
    """Field changes, a reorder, an id change kept as alias and a merge."""
    story = Story.shipped(tmp_path)
    story.edit("leucine", evidence_level="early human")
    story.commit("Lower leucine", "Jürgen Müller")
    story.edit("leucine", aliases=["leucin", "L-leucine"])
    story.commit("Reorder aliases")
    story.git("checkout", "-q", "-b", "side")
    story.edit("xu_leucine_meta_analysis_2015", "source", type="in_vitro")
    story.commit("Side: retype a source")
    story.git("checkout", "-q", "main")
    record = story.record("leucine")
    story.path("leucine").unlink()
    record.update(id="l_leucine", aliases=["leucine", *record["aliases"]])
    store.write_record(story.root, "compound", record)
    story.commit("Rename leucine", "李雷")
    story.git("merge", "-q", "--no-ff", "--no-edit", "side")
    return story


def validate(doc: Any, schema: str) -> None:
    loaded = json.loads((SCHEMAS / schema).read_text())
    jsonschema.Draft202012Validator.check_schema(loaded)
    jsonschema.Draft202012Validator(loaded).validate(doc)


def run(cli: Invoke, story: Story, *args: str) -> tuple[int, str, str]:
    result = cli(["--root", str(story.root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_log_text_newest_first_with_changes_and_trail(cli: Invoke, story: Story) -> None:
    code, out, _ = run(cli, story, "log", "leucine")
    assert code == 0
    lines = out.splitlines()
    heads = [line for line in lines if line and not line.startswith(" ")]
    assert [h.split("  ", 1)[1] for h in heads[:-1]] == [
        "Rename leucine", "Side: retype a source", "Lower leucine", "initial"
    ]  # fmt: skip
    # A source's new type changes the record's derived source types, as `diff` says.
    derived = [line for line in lines if line.startswith("    source_types (derived): ")]
    assert len(derived) == 1 and "+ in_vitro" in derived[0]
    assert heads[0].startswith(f"{story.short('Rename leucine')} 2026-06-01 李雷")
    assert "    renamed data/compounds/leucine.yaml → data/compounds/l_leucine.yaml" in lines
    assert "    id: leucine → l_leucine" in lines
    assert "    ! evidence level lowered: human trials → early human" in lines
    assert lines[-1] == f"trail: created in {story.short('initial')}"


def test_log_all_and_with_sources(cli: Invoke, story: Story) -> None:
    _, out, _ = run(cli, story, "log", "l_leucine", "--all")
    assert "Reorder aliases" in out and "    (no change in meaning)" in out
    _, out, _ = run(cli, story, "log", "l_leucine", "--with-sources", "-n", "2")
    heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert [h.split("  ", 1)[1] for h in heads[:2]] == ["Rename leucine", "Side: retype a source"]
    assert "    source xu_leucine_meta_analysis_2015: type: meta_analysis → in_vitro" in out
    assert heads[-1] == "(2 older commit(s) not shown)"


def test_log_field_filter(cli: Invoke, story: Story) -> None:
    _, out, _ = run(cli, story, "log", "leucine", "--field", "evidence_level", "--field", "status")
    heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert [h.split("  ", 1)[1] for h in heads[:-1]] == ["Lower leucine", "initial"]


def test_log_json_matches_its_schema(cli: Invoke, story: Story) -> None:
    code, out, _ = run(cli, story, "log", "leucine", "--all", "--with-sources", "-f", "json")
    assert code == 0
    doc = json.loads(out)
    validate(doc, "log.schema.json")
    assert doc["record"] == {"kind": "compound", "id": "l_leucine",
                             "path": "data/compounds/l_leucine.yaml"}  # fmt: skip
    assert doc["commits"][0]["subject"].startswith("Merge branch")
    assert doc["commits"][0]["changes"] == []  # the side's change shows in the side's commit
    rename = next(c for c in doc["commits"] if c["subject"] == "Rename leucine")
    assert rename["author"]["name"] == "李雷" and rename["old_path"].endswith("/leucine.yaml")
    assert doc["trail"]["reason"] == "created"


def test_whole_knowledge_base_log(cli: Invoke, story: Story) -> None:
    code, out, _ = run(cli, story, "log")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("Rename leucine  (+1 compound, 1 compound removed)")
    assert lines[1].endswith("Side: retype a source  (1 source changed)")
    assert lines[2].endswith("Lower leucine  (1 changed)")
    assert lines[3] == "    ! leucine: evidence level lowered: human trials → early human"
    counts = [len(list((REPO / "data" / f).glob("*.yaml"))) for f in ("compounds", "sources")]
    assert lines[4].endswith(f"initial  (+{counts[0]} compounds, +{counts[1]} sources)")
    assert len(lines) == 5  # no merge (nothing of its own), no reorder
    _, out, _ = run(cli, story, "log", "-n", "2", "--all")
    assert len(out.splitlines()) == 2 and "Merge branch" in out.splitlines()[0]
    code, out, _ = run(cli, story, "log", "-f", "json")
    validate(json.loads(out), "log.schema.json")
    _, md, _ = run(cli, story, "log", "-f", "markdown")
    assert md.startswith("## Knowledge base history\n")
    assert "### Needs a careful look" in md


def test_a_range_alone_is_the_knowledge_base_log(cli: Invoke, story: Story) -> None:
    _, out, _ = run(cli, story, "log", "HEAD~2..HEAD")
    assert [line.split("  ")[1] for line in out.splitlines()] == [
        "Rename leucine", "Side: retype a source"
    ]  # fmt: skip


def test_log_markdown(cli: Invoke, story: Story) -> None:
    _, md, _ = run(cli, story, "log", "leucine", "-f", "markdown")
    assert md.startswith("## History of compound `l_leucine`\n")
    assert "- **evidence level lowered: human trials → early human**" in md


def test_blame_text_and_json(cli: Invoke, story: Story) -> None:
    code, out, _ = run(cli, story, "blame", "leucine")
    assert code == 0
    lines = out.splitlines()
    rename, lower = story.short("Rename leucine"), story.short("Lower leucine")
    assert lines[0].startswith(rename) and lines[0].endswith("  id: l_leucine")
    assert any(line.startswith(lower) and line.endswith("evidence_level: early human")
               for line in lines)  # fmt: skip
    assert any(line.startswith(rename) and line.endswith("    - leucine") for line in lines)
    code, out, _ = run(cli, story, "blame", "leucine", "-f", "json")
    doc = json.loads(out)
    validate(doc, "blame.schema.json")
    aliases = next(f for f in doc["fields"] if f["field"] == "aliases")
    assert [i["commit"]["subject"] for i in aliases["items"]] == [
        "Rename leucine", "initial", "initial"
    ]  # fmt: skip


def test_errors_are_one_line_with_documented_exit_codes(
    cli: Invoke, story: Story, tmp_path: Path
) -> None:
    show = cli(["--root", str(story.root), "show", "insulin"])
    for command in (["log", "insulin"], ["blame", "insulin"]):
        code, out, err = run(cli, story, *command)
        assert (code, out) == (1, "") and err == show.stderr and show.exit_code == 1
    for command, message in (
        (["log", "leucine", "nope..HEAD"], "curate: error: unknown revision 'nope'\n"),
        (["blame", "leucine", "nope"], "curate: error: unknown revision 'nope'\n"),
        (["log", "--field", "colour"], "curate: error: --field 'colour' is not one of: "),
    ):
        code, out, err = run(cli, story, *command)
        assert code == 2 and out == "" and err.startswith(message) and err.count("\n") == 1
    plain = tmp_path / "plain"
    (plain / "data" / "compounds").mkdir(parents=True)
    result = cli(["--root", str(plain), "log"])
    assert result.exit_code == 2
    assert result.stderr == f"curate: error: {plain} is not inside a git repository\n"
    subprocess.run(["git", "init", "-q", str(plain)], check=True)
    result = cli(["--root", str(plain), "log"])
    assert (result.exit_code, result.stderr) == (2, f"curate: error: {plain} has no commits yet\n")


@pytest.mark.parametrize(
    "args",
    [
        ["log", "leucine"],
        ["log", "leucine", "--all", "--with-sources", "-n", "2", "-f", "json"],
        ["log", "l_leucine", "HEAD~1", "--field", "id", "--field", "aliases"],
        ["log", "--since", "2026-05-30", "--format=markdown"],
        ["log", "HEAD~2..HEAD"],
        ["log", "insulin"],
        ["blame", "leucine"],
        ["blame", "leucine", "HEAD~1", "-f", "json"],
        ["blame", "leucine", "nope"],
    ],
)
def test_the_fast_path_gives_what_the_typer_app_gives(
    cli: Invoke,
    story: Story,
    args: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    both(cli, ["--root", str(story.root), *args], capsys, monkeypatch)


@pytest.mark.parametrize(
    ("args", "needs"),
    [
        # history's events are dataclasses: log and blame import dataclasses (and inspect)
        (["log", "l_leucine"], {"dataclasses", "inspect"}),  # a plain id: its file, not the index
        (["log", "L-leucine"], {"sqlite3", "dataclasses", "inspect"}),
        (["log", "-n", "2"], {"dataclasses", "inspect"}),
        (["blame", "l_leucine", "-f", "json"], {"dataclasses", "inspect"}),
    ],
)
def test_plain_path_imports(story: Story, tmp_path: Path, args: list[str], needs: set[str]) -> None:
    from tests.cli.test_import_budget import DRIVER, WATCHED

    listing = tmp_path / "modules.txt"
    command = [sys.executable, "-c", DRIVER, str(listing), "--root", str(story.root), *args]
    done = subprocess.run(command, cwd=story.root, env={**ENV, "PATH": "/usr/bin:/bin"},
                          capture_output=True, check=False)  # fmt: skip
    assert done.stdout and not done.stderr
    loaded = {name.split(".")[0] for name in listing.read_text().split()}
    assert loaded & WATCHED == needs


def test_colour_on_request(cli: Invoke, story: Story) -> None:
    _, out, _ = run(cli, story, "--color", "always", "log", "leucine", "-n", "1")
    assert "\x1b[1;33m" in out.splitlines()[0]
    _, out, _ = run(cli, story, "log", "leucine", "-n", "1")
    assert "\x1b[" not in out
