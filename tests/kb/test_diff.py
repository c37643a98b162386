"""`curate diff` on small git repositories built in tmp_path, and on files and folders."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from curate.repo import store
from tests.conftest import REPO, Invoke
from tests.histories import edit_record


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message)
    return git(root, "rev-parse", "HEAD")


def edit(root: Path, kind: str, rid: str, **fields: object) -> None:
    edit_record(root / "data" / f"{kind}s" / f"{rid}.yaml", kind, **fields)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "data", root / "data")
    git(tmp_path, "init", "-q", str(root))
    commit(root, "initial")
    return root


def diff_json(cli: Invoke, root: Path, *args: str) -> tuple[int, dict[str, object]]:
    result = cli(["--root", str(root), "diff", *args, "-f", "json"])
    return result.exit_code, json.loads(result.stdout)


def test_no_changes_exit_0(cli: Invoke, repo: Path) -> None:
    result = cli(["--root", str(repo), "diff", "HEAD"])
    assert result.exit_code == 0 and result.stdout == ""
    assert "no differences" in result.stderr


def test_every_kind_of_change_between_commits(cli: Invoke, repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD")
    edit(repo, "compound", "leucine", evidence_level="preclinical", risk_flags=["dose unclear"],
         aliases=["L-leucine", "Leucin (sv)"])  # fmt: skip
    edit(repo, "compound", "rapamycin", status="investigational")
    edit(repo, "source", "harrison_rapamycin_mice_2009", type="review")
    (repo / "data/compounds/zinc.yaml").unlink()
    store.write_record(repo, "compound", {"id": "newbie", "type": "food", "status": "food",
                                          "evidence_level": "marketing only", "best_data_tier": "none"})  # fmt: skip
    second = commit(repo, "changes")
    code, data = diff_json(cli, repo, first, second)
    assert code == 1
    assert [(r["kind"], r["id"]) for r in data["added"]] == [("compound", "newbie")]
    assert [(r["kind"], r["id"]) for r in data["removed"]] == [("compound", "zinc")]
    changed = {r["id"]: r for r in data["changed"]}
    assert sorted(changed) == ["harrison_rapamycin_mice_2009", "leucine", "rapamycin"]
    leucine = changed["leucine"]
    assert {"field": "evidence_level", "old": "human trials", "new": "preclinical"} in leucine[
        "fields"
    ]
    assert {"field": "aliases", "added": ["Leucin (sv)"], "removed": ["leucin"]} in leucine[
        "fields"
    ]
    assert "evidence level lowered: human trials → preclinical" in leucine["alerts"]
    assert "risk flag removed" not in " ".join(leucine["alerts"])  # leucine had no flags before
    rapa = changed["rapamycin"]
    # not_stated is on no scale: the move is a change, neither raised nor lowered.
    assert rapa["alerts"] == ["status changed: not_stated → investigational"]
    # Its linked source became a review: a consequence shown on the compound.
    assert rapa["derived"] == [
        {"field": "source_types", "added": ["review"], "removed": ["animal"]}
    ]
    assert changed["harrison_rapamycin_mice_2009"]["fields"] == [
        {"field": "type", "old": "animal", "new": "review"}
    ]
    assert data["stat"] == {"compound": {"added": 1, "removed": 1, "changed": 2},
                            "source": {"added": 0, "removed": 0, "changed": 1}}  # fmt: skip


def test_derived_fields_and_source_alerts(cli: Invoke, repo: Path) -> None:
    edit(repo, "compound", "whey_protein", sources=["seed_002_leucine_autophagy_article"])
    edit(repo, "compound", "bcaa", sources=[])
    edit(repo, "compound", "mecasermin_igf1",
         risk_flags=["prescription only", "growth signal risk", "neoplasm warning", "medical supervision"])  # fmt: skip
    _code, data = diff_json(cli, repo, "HEAD")
    changed = {r["id"]: r for r in data["changed"]}
    whey = changed["whey_protein"]
    assert {"field": "source_types", "added": [], "removed": ["human_trial"]} in whey["derived"]
    assert {"field": "linked_sources", "old": 2, "new": 1} in whey["derived"]
    assert changed["bcaa"]["alerts"] == ["last source removed: the record now links none"]
    assert changed["mecasermin_igf1"]["alerts"] == ["risk flag removed: hypoglycemia"]


def test_reorder_reformat_and_rename_are_no_change(cli: Invoke, repo: Path) -> None:
    path = repo / "data/compounds/leucine.yaml"
    record = store.load_record(path)
    record["sources"] = list(reversed(record["sources"]))
    path.write_text("# hand formatted\n" + json.dumps(record, indent=4) + "\n")
    git(repo, "mv", "data/compounds/zinc.yaml", "data/compounds/zinc_renamed.yaml")
    assert cli(["--root", str(repo), "diff", "HEAD"]).exit_code == 0
    code, data = diff_json(cli, repo, "HEAD", "--strict-order")
    assert code == 1
    assert data["changed"][0]["fields"][0]["reordered"] is True


def test_untracked_new_file_counts_in_the_working_tree(cli: Invoke, repo: Path) -> None:
    store.write_record(repo, "compound", {"id": "fresh", "type": "food", "status": "food",
                                          "evidence_level": "marketing only", "best_data_tier": "none"})  # fmt: skip
    code, data = diff_json(cli, repo, "HEAD")
    assert code == 1 and [r["id"] for r in data["added"]] == ["fresh"]


def test_root_in_a_subfolder_of_the_repository(cli: Invoke, tmp_path: Path) -> None:
    top = tmp_path / "mono"
    shutil.copytree(REPO / "data", top / "kb" / "data")
    git(tmp_path, "init", "-q", str(top))
    commit(top, "initial")
    edit(top / "kb", "compound", "zinc", status="food")
    code, data = diff_json(cli, top / "kb", "HEAD")
    assert code == 1 and data["changed"][0]["id"] == "zinc"


def test_files_folders_and_cards(cli: Invoke, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(REPO / "data", a / "data")
    shutil.copytree(REPO / "data", b / "data")
    edit(b, "compound", "zinc", aliases=["zink", "Zn"])
    code, data = diff_json(cli, a, str(a), str(b))
    assert code == 1 and data["changed"][0]["fields"] == [
        {"field": "aliases", "added": ["Zn"], "removed": []}
    ]
    one = cli(
        ["diff", str(a / "data/compounds/zinc.yaml"), str(b / "data/compounds/zinc.yaml"), "--stat"]
    )
    assert one.stdout.splitlines()[0] == "compounds: 0 added, 0 removed, 1 changed"
    card = tmp_path / "card.txt"
    card.write_text(
        cli(["--root", str(a), "show", "IGF-1", "-f", "card"]).stdout.replace(
            "Status: approved", "Status: investigational"
        )
    )
    code, data = diff_json(cli, a, str(card), str(a / "data/compounds/mecasermin_igf1.yaml"))
    assert [f["field"] for f in data["changed"][0]["fields"]] == ["status"]
    assert data["changed"][0]["alerts"] == ["status raised: investigational → approved"]


def test_markdown_and_text(cli: Invoke, repo: Path) -> None:
    edit(repo, "compound", "leucine", evidence_level="approved / labelled")
    md = cli(["--root", str(repo), "diff", "HEAD", "-f", "markdown"]).stdout
    assert md.startswith("## Knowledge base changes: `HEAD` → `working tree`")
    assert "- **leucine**: evidence level raised: human trials → approved / labelled" in md
    assert "- evidence_level: human trials → approved / labelled" in md
    text = cli(["--root", str(repo), "diff", "HEAD"]).stdout
    assert text.splitlines()[:2] == [
        "~ compound leucine  (changed)",
        "    ! evidence level raised: human trials → approved / labelled",
    ]


@pytest.mark.parametrize("args", [["nonesuch"], ["HEAD", "nonesuch"], ["HEAD~99"]])
def test_bad_revisions_are_one_line_errors(cli: Invoke, repo: Path, args: list[str]) -> None:
    result = cli(["--root", str(repo), "diff", *args])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "curate: error:" in result.stderr


def test_bad_yaml_at_a_revision_names_it(cli: Invoke, repo: Path) -> None:
    (repo / "data/compounds/zinc.yaml").write_text("- not a mapping\n")
    commit(repo, "break")
    result = cli(["--root", str(repo), "diff", "HEAD~1", "HEAD"])
    assert result.exit_code == 2
    assert (
        "HEAD:data/compounds/zinc.yaml:1:1: record file is a list, not a mapping" in result.stderr
    )
