"""`blame`: who last set each field and list item, by meaning."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from curate.errors import NotFound
from curate.kb.blame import Blame, blame
from curate.repo import store
from tests.histories import Story


@pytest.fixture
def story(tmp_path: Path) -> Story:
    return Story.shipped(tmp_path)


def credits(found: Blame) -> dict[tuple[str, object], str | None]:
    """(field, value) -> subject of the credited commit."""
    return {
        (line.field, line.value if not isinstance(line.value, list) else "[list]"): (
            line.credit.commit.subject if line.credit.commit else None
        )
        for line in found.lines
    }


def test_each_field_and_item_is_credited_to_the_commit_that_set_it(story: Story) -> None:
    story.edit("leucine", evidence_level="early human")
    story.commit("Lower evidence", "Jürgen Müller")
    story.edit("leucine", aliases=["L-leucine", "leucin", "Leu"])
    story.commit("Add an alias")
    story.edit("leucine", aliases=["Leu", "leucin", "L-leucine"])
    story.path("leucine").write_text(story.path("leucine").read_text().replace("\n", "\n\n"))
    story.commit("Reorder and reformat")
    found = blame(story.root, "leucine")
    got = credits(found)
    assert got[("evidence_level", "early human")] == "Lower evidence"
    assert got[("aliases", "Leu")] == "Add an alias"
    assert got[("aliases", "L-leucine")] == "initial"
    assert got[("status", "supplement")] == "initial"
    assert "Reorder and reformat" not in got.values()
    level = next(line for line in found.lines if line.field == "evidence_level")
    assert level.credit.commit is not None and level.credit.commit.author == "Jürgen Müller"
    aliases = [line.value for line in found.lines if line.field == "aliases" and line.item]
    assert aliases == ["Leu", "leucin", "L-leucine"]  # the record's own order


def test_a_value_set_back_is_credited_to_the_commit_that_set_it_back(story: Story) -> None:
    story.edit("leucine", status="food")
    story.commit("To food")
    story.edit("leucine", status="supplement")
    story.commit("Back to supplement")
    assert credits(blame(story.root, "leucine"))[("status", "supplement")] == "Back to supplement"


def test_blame_follows_an_id_change_and_an_older_revision(story: Story) -> None:
    record = story.record("leucine")
    story.path("leucine").unlink()
    record.update(id="l_leucine", aliases=["leucine", *record["aliases"]])
    store.write_record(story.root, "compound", record)
    story.commit("Rename")
    got = credits(blame(story.root, "l_leucine"))
    assert got[("id", "l_leucine")] == "Rename"
    assert got[("aliases", "leucine")] == "Rename"
    assert got[("type", "compound")] == "initial"
    older = blame(story.root, "leucine", "HEAD~1")
    assert credits(older)[("id", "leucine")] == "initial"


def test_a_shallow_clone_credits_its_boundary(story: Story, tmp_path: Path) -> None:
    story.edit("leucine", status="food")
    story.commit("To food")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{story.root}", str(clone)],
                   check=True, capture_output=True)  # fmt: skip
    found = blame(clone, "leucine")
    line = next(line for line in found.lines if line.field == "type")
    assert line.credit.boundary and line.credit.commit is not None
    assert line.credit.commit.subject == "To food"
    assert found.trail.reason == "shallow"


def test_a_removed_record_and_uncommitted_edits(story: Story) -> None:
    story.path("zinc").unlink()
    story.commit("Remove zinc")
    with pytest.raises(NotFound, match="removed in"):
        blame(story.root, "zinc")
    story.edit("leucine", status="food")
    found = blame(story.root, "leucine")
    assert credits(found)[("status", "supplement")] == "initial"
    assert found.messages == [
        "data/compounds/leucine.yaml has uncommitted changes; blame shows the committed version"
    ]
