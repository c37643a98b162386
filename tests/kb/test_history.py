"""A record's history and the knowledge base's, on repositories with known histories."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from curate.errors import CurateError, NotFound
from curate.kb import changelog, history
from curate.kb.history import Event, Query
from curate.repo import store
from tests.conftest import REPO
from tests.histories import Story


@pytest.fixture
def story(tmp_path: Path) -> Story:
    return Story.shipped(tmp_path)


def subjects(events: list[Event]) -> list[str]:
    return [e.commit.subject for e in events]


def fields_of(event: Event) -> dict[str, object]:
    rc = event.record_change()
    assert rc is not None
    return {f.field: f.as_dict() for f in rc.fields}


def logged(story: Story, name: str, **query: object) -> list[Event]:
    q = Query(**query)  # type: ignore[arg-type]
    return history.shown(history.record_history(story.root, name, q), q)


def test_field_changes_newest_first_with_authors_dates_and_alerts(story: Story) -> None:
    story.edit("mecasermin_igf1", evidence_level="human trials")
    story.commit("Lower mecasermin's evidence", "李雷")
    flags = story.record("mecasermin_igf1")["risk_flags"]
    story.edit("mecasermin_igf1", risk_flags=flags[1:])
    story.commit("Drop a risk flag", "Jürgen Müller")
    events = logged(story, "mecasermin_igf1")
    assert subjects(events) == ["Drop a risk flag", "Lower mecasermin's evidence", "initial"]
    assert [e.commit.author for e in events] == ["Jürgen Müller", "李雷", "Zoë Ångström"]
    assert [e.commit.date[:10] for e in events] == ["2026-05-30", "2026-05-29", "2026-05-28"]
    dropped, level, created = events
    assert dropped.changes[0].alerts == [f"risk flag removed: {flags[0]}"]
    assert level.changes[0].alerts == ["evidence level lowered: approved / labelled → human trials"]
    assert fields_of(level) == {
        "evidence_level": {
            "field": "evidence_level", "old": "approved / labelled", "new": "human trials"
        }
    }  # fmt: skip
    assert [rc.change for rc in created.changes] == ["added"]


def test_an_alias_or_a_typo_finds_the_record_as_show_does(story: Story) -> None:
    story.edit("mecasermin_igf1", status="investigational")
    story.commit("status")
    by_id = history.record_history(story.root, "mecasermin_igf1", Query())
    by_alias = history.record_history(story.root, "Increlex", Query())
    assert by_alias.id == by_id.id == "mecasermin_igf1"
    assert subjects(by_alias.events) == subjects(by_id.events) == ["status", "initial"]


def test_a_reordered_list_is_listed_only_with_all(story: Story) -> None:
    story.edit("leucine", aliases=["leucin", "L-leucine"])
    story.commit("Reorder aliases")
    assert subjects(logged(story, "leucine")) == ["initial"]
    everything = logged(story, "leucine", all=True)
    assert subjects(everything) == ["Reorder aliases", "initial"]
    assert not everything[0].meaningful and everything[0].changes == []


def test_follows_a_moved_file(story: Story) -> None:
    story.git("mv", "data/compounds/leucine.yaml", "data/compounds/leucine_old.yaml")
    story.commit("Misname the file")
    story.edit("leucine_old", status="food")
    story.commit("Change status")
    story.git("mv", "data/compounds/leucine_old.yaml", "data/compounds/leucine.yaml")
    story.commit("Name the file after the id")
    found = history.record_history(story.root, "leucine", Query(all=True))
    assert subjects(found.events) == [
        "Name the file after the id", "Change status", "Misname the file", "initial"
    ]  # fmt: skip
    moves = [(e.old_path, e.path) for e in found.events if e.old_path]
    assert moves == [
        ("data/compounds/leucine_old.yaml", "data/compounds/leucine.yaml"),
        ("data/compounds/leucine.yaml", "data/compounds/leucine_old.yaml"),
    ]
    assert [e.meaningful for e in found.events] == [False, True, False, True]
    assert found.trail.reason == "created" and found.trail.commit == story.hashes["initial"]


def test_follows_an_id_change_that_keeps_the_old_id_as_alias(story: Story) -> None:
    story.edit("leucine", evidence_level="early human")
    story.commit("Before the rename")
    record = story.record("leucine")
    story.path("leucine").unlink()
    record.update(id="l_leucine", aliases=["leucine", *record["aliases"]])
    store.write_record(story.root, "compound", record)
    story.commit("Rename leucine to l_leucine")
    events = logged(story, "l_leucine")
    assert subjects(events) == ["Rename leucine to l_leucine", "Before the rename", "initial"]
    assert fields_of(events[0]) == {
        "id": {"field": "id", "old": "leucine", "new": "l_leucine"},
        "aliases": {"field": "aliases", "added": ["leucine"], "removed": []},
    }
    assert events[0].old_path == "data/compounds/leucine.yaml"


def test_the_trail_ends_where_an_id_changed_without_an_alias(story: Story) -> None:
    record = story.record("leucine")
    story.path("leucine").unlink()
    record["id"] = "l_leucine"
    store.write_record(story.root, "compound", record)
    story.commit("Rename without alias")
    found = history.record_history(story.root, "l_leucine", Query())
    assert subjects(found.events) == ["Rename without alias"]
    assert found.trail.reason == "created"
    assert "removed in the same commit: leucine" in found.trail.message


def test_a_deleted_and_re_added_record(story: Story) -> None:
    record = story.record("zinc")
    story.path("zinc").unlink()
    story.commit("Remove zinc")
    store.write_record(story.root, "compound", {**record, "status": "food"})
    story.commit("Bring zinc back")
    events = logged(story, "zinc")
    assert subjects(events) == ["Bring zinc back", "Remove zinc", "initial"]
    assert [e.changes[0].change for e in events] == ["added", "removed", "added"]
    assert events[0].after is not None and events[0].after["status"] == "food"


def test_a_removed_record_is_found_by_its_id(story: Story) -> None:
    story.path("zinc").unlink()
    story.commit("Remove zinc")
    events = logged(story, "zinc")
    assert subjects(events) == ["Remove zinc", "initial"]


def test_merges_show_each_side_once_and_only_their_own_resolution(story: Story) -> None:
    story.git("checkout", "-q", "-b", "side")
    story.edit("leucine", route_form="oral")
    story.commit("Side: route")
    story.git("checkout", "-q", "main")
    story.edit("leucine", risk_flags=["kidney disease"])
    story.commit("Main: risk flag")
    story.git("merge", "-q", "--no-ff", "--no-edit", "side")
    story.commit("after merge")  # an empty commit keeps the merge from being HEAD alone
    found = history.record_history(story.root, "leucine", Query(all=True))
    merge = next(e for e in found.events if e.commit.is_merge)
    assert merge.changes == []
    events = history.shown(found, Query())
    assert sorted(subjects(events)) == ["Main: risk flag", "Side: route", "initial"]


def test_a_merge_that_resolves_a_conflict_shows_the_resolution(story: Story) -> None:
    story.git("checkout", "-q", "-b", "side")
    story.edit("leucine", status="food")
    story.commit("Side: food")
    story.git("checkout", "-q", "main")
    story.edit("leucine", status="approved")
    story.commit("Main: approved")
    story.git("merge", "-q", "side", check=False)  # a conflict, resolved by hand:
    story.git("checkout", "--ours", "data/compounds/leucine.yaml")
    story.edit("leucine", status="investigational")
    story.commit("Merge side, status investigational")
    events = logged(story, "leucine")
    merge = events[0]
    assert merge.commit.is_merge and list(fields_of(merge)) == ["status"]
    assert sorted(subjects(events[1:])) == ["Main: approved", "Side: food", "initial"]


def test_field_filter_and_sources_in_the_same_timeline(story: Story) -> None:
    story.edit("leucine", status="food", reading_note="A shorter note.")
    story.commit("Two fields")
    story.edit("xu_leucine_meta_analysis_2015", "source", type="review")
    story.commit("Retype a source")
    only = logged(story, "leucine", fields=["status"])
    assert subjects(only) == ["Two fields", "initial"]
    assert list(fields_of(only[0])) == ["status"]
    both = logged(story, "leucine", with_sources=True)
    retyped = both[0]
    assert retyped.commit.subject == "Retype a source"
    kinds = {(rc.kind, rc.id) for rc in retyped.changes}
    assert kinds == {("compound", "leucine"), ("source", "xu_leucine_meta_analysis_2015")}
    compound = retyped.record_change()
    assert compound is not None and [f.field for f in compound.derived] == ["source_types"]


def test_since_until_and_ranges(story: Story) -> None:
    for level in ("early human", "preclinical", "mechanistic only"):
        story.edit("leucine", evidence_level=level)
        story.commit(level)
    since = logged(story, "leucine", since="2026-05-30")
    assert subjects(since) == ["mechanistic only", "preclinical"]
    until = logged(story, "leucine", until="2026-05-29T12:00:00Z")
    assert subjects(until) == ["early human", "initial"]
    ranged = history.record_history(story.root, "leucine", Query(revs=["HEAD~2..HEAD"]))
    assert subjects(ranged.events) == ["mechanistic only", "preclinical"]
    assert ranged.trail.reason == "range"


@pytest.mark.parametrize("now", ["2026-06-01 00:00:01", "2026-06-01 23:59:58"])
def test_a_bare_date_is_the_whole_day_whatever_the_hour(
    story: Story, monkeypatch: pytest.MonkeyPatch, now: str
) -> None:
    # git reads a bare date at the current time of day; its test hook sets that time.
    # Commits are at noon: before the fix the answer flipped at 12:00.
    monkeypatch.setenv("GIT_TEST_DATE_NOW", str(int(_epoch(now))))
    for level in ("early human", "preclinical"):
        story.edit("leucine", evidence_level=level)
        story.commit(level)
    assert subjects(logged(story, "leucine", since="2026-05-30")) == ["preclinical"]
    assert subjects(logged(story, "leucine", until="2026-05-29")) == ["early human", "initial"]
    assert subjects(logged(story, "leucine", since="2026-05-29", until="2026-05-29")) == [
        "early human"
    ]


def _epoch(utc: str) -> float:
    return datetime.fromisoformat(utc).replace(tzinfo=UTC).timestamp()


def test_a_shallow_clone_says_where_history_stops(story: Story, tmp_path: Path) -> None:
    for level in ("early human", "preclinical"):
        story.edit("leucine", evidence_level=level)
        story.commit(level)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{story.root}", str(clone)],
                   check=True, capture_output=True)  # fmt: skip
    found = history.record_history(clone, "leucine", Query())
    assert found.trail.reason == "shallow"
    assert found.trail.commit == story.hashes["early human"]
    assert subjects(history.shown(found, Query())) == ["preclinical"]
    whole = changelog.kb_history(clone, Query())
    assert [s.commit.subject for s in whole.summaries] == ["preclinical", "early human"]
    assert whole.summaries[-1].diff is None and whole.trail is not None


def test_errors(story: Story, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no compound named 'insulin'"):
        history.record_history(story.root, "insulin", Query())
    with pytest.raises(NotFound, match="no compound named 'Insulin Glargine'"):
        history.record_history(story.root, "Insulin Glargine", Query())
    with pytest.raises(CurateError, match="unknown revision 'nope'"):
        history.record_history(story.root, "leucine", Query(revs=["nope..HEAD"]))
    plain = tmp_path / "plain"
    (plain / "data" / "compounds").mkdir(parents=True)
    with pytest.raises(CurateError, match="not inside a git repository"):
        changelog.kb_history(plain, Query())


def test_the_knowledge_base_history_counts_and_alerts(story: Story) -> None:
    story.edit("mecasermin_igf1", evidence_level="preclinical")
    story.edit("leucine", status="food")
    story.path("zinc").unlink()
    story.commit("Several")
    story.edit("leucine", aliases=["leucin", "L-leucine"])
    story.commit("Reorder only")
    whole = changelog.kb_history(story.root, Query())
    assert [s.commit.subject for s in whole.summaries] == ["Several", "initial"]
    several = whole.summaries[0]
    assert several.diff is not None
    assert several.diff.stat()["compound"] == {"added": 0, "removed": 1, "changed": 2}
    assert sorted(several.alerts()) == [
        ("compound", "leucine", "status changed: supplement → food"),
        (
            "compound",
            "mecasermin_igf1",
            "evidence level lowered: approved / labelled → preclinical",
        ),
    ]
    limited = changelog.kb_history(story.root, Query(limit=1, all=True))
    assert [s.commit.subject for s in limited.summaries] == ["Reorder only"]
    evidence = changelog.kb_history(story.root, Query(fields=["evidence_level"]))
    assert evidence.summaries[0].diff is not None
    assert [rc.id for rc in evidence.summaries[0].diff.changed] == ["mecasermin_igf1"]


def test_a_root_below_the_repository_top(tmp_path: Path) -> None:
    story = Story(tmp_path / "top")
    shutil.copytree(REPO / "data", story.root / "kb" / "data")
    story.git("init", "-q", "-b", "main")
    story.commit("initial")
    story.root = story.root / "kb"
    story.edit("leucine", status="food")
    story.commit("Status")
    found = history.record_history(story.root, "leucine", Query())
    assert found.path == "kb/data/compounds/leucine.yaml"
    assert subjects(found.events) == ["Status", "initial"]
    whole = changelog.kb_history(story.root, Query())
    assert [s.commit.subject for s in whole.summaries] == ["Status", "initial"]


def test_a_version_that_does_not_parse_is_a_note_not_a_failure(story: Story) -> None:
    good = story.path("leucine").read_text()
    story.path("leucine").write_text("id: leucine\n  broken: [\n")
    story.commit("Break the file")
    story.path("leucine").write_text(good.replace("status: supplement", "status: food"))
    story.commit("Mend it")
    events = logged(story, "leucine")
    assert subjects(events) == ["Mend it", "Break the file", "initial"]
    assert events[1].note is not None and "YAML syntax error" in events[1].note
    assert list(fields_of(events[0])) == ["status"]  # compared with the last good version
    whole = changelog.kb_history(story.root, Query())
    assert any("YAML syntax error" in n for s in whole.summaries for n in s.notes)
