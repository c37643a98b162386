"""`curate add`: all or nothing, idempotent, safe against kills and a second writer."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from curate.lint import engine
from curate.repo import store
from curate.repo.journal import CRASH_ENV
from tests.conftest import REPO, Invoke

BASE = {
    "type": "compound",
    "status": "unapproved",
    "evidence_level": "preclinical",
    "best_data_tier": "animal",
}


def batch(n: int, prefix: str = "gen") -> list[dict[str, object]]:
    """n compounds, each with its own source, lint-clean together."""
    out: list[dict[str, object]] = []
    for i in range(n):
        out.append({"kind": "source", "id": f"{prefix}_src_{i}", "type": "animal", "title": f"Study {i}",
                    "summary": "Mice."})  # fmt: skip
        out.append(
            {
                "id": f"{prefix}_{i}",
                "aliases": [f"{prefix.upper()}-{i}X"],
                **BASE,
                "sources": [f"{prefix}_src_{i}"],
            }
        )
    return out


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def count(root: Path) -> int:
    return len(list((root / "data/compounds").glob("*.yaml"))) + len(
        list((root / "data/sources").glob("*.yaml"))
    )


def curate(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "curate", "--root", str(root), *args],
                          capture_output=True, text=True, check=False)  # fmt: skip


def test_one_bad_record_in_a_thousand_writes_nothing(
    cli: Invoke, root: Path, tmp_path: Path
) -> None:
    records = batch(500)
    records[777]["status"] = "legal"
    before = count(root)
    result = cli(
        ["--root", str(root), "add", str(write_jsonl(tmp_path / "b.jsonl", records)), "-f", "json"]
    )
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and report["written"] is False
    assert report["errors"] == [{"where": f"{tmp_path / 'b.jsonl'}:778", "id": "gen_388",
                                 "message": "compound gen_388: status: 'legal' is not allowed"}]  # fmt: skip
    assert (count(root) == before and not (root / ".curate/txn").exists()) or not any(
        (root / ".curate/txn").iterdir()
    )


def test_same_batch_twice_is_unchanged(cli: Invoke, root: Path, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "b.jsonl", batch(500))
    first = json.loads(cli(["--root", str(root), "add", str(path), "-f", "json"]).stdout)
    assert len(first["created"]) == 1000 and first["written"] is True
    again = cli(["--root", str(root), "add", str(path), "-f", "json"])
    report = json.loads(again.stdout)
    assert again.exit_code == 0 and len(report["unchanged"]) == 1000 and not report["created"]
    assert engine.lint(root).errors == 0


def test_conflicts_update_merge_and_dry_run(cli: Invoke, root: Path, tmp_path: Path) -> None:
    changed = {
        **store.load_record(root / "data/compounds/zinc.yaml"),
        "aliases": ["Zn"],
        "status": "food",
    }
    path = write_jsonl(tmp_path / "z.jsonl", [changed])
    conflict = cli(["--root", str(root), "add", str(path)])
    assert conflict.exit_code == 1 and "compound zinc exists and differs" in conflict.stderr
    dry = cli(["--root", str(root), "add", str(path), "--merge", "--dry-run"])
    assert dry.exit_code == 0
    assert (
        "would update compound zinc\n    aliases: + Zn\n    status: supplement → food\n"
        in dry.stdout
    )
    assert "Zn" not in (root / "data/compounds/zinc.yaml").read_text()
    cli(["--root", str(root), "add", str(path), "--merge"])
    assert store.load_record(root / "data/compounds/zinc.yaml")["aliases"] == ["zink", "Zn"]
    cli(["--root", str(root), "add", str(path), "--update"])
    assert store.load_record(root / "data/compounds/zinc.yaml")["aliases"] == ["Zn"]


def test_alias_that_resolves_elsewhere_is_a_conflict(
    cli: Invoke, root: Path, tmp_path: Path
) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [{"id": "copycat", "aliases": ["IGF\u20111"], **BASE, "best_data_tier": "none"}],
    )
    result = cli(["--root", str(root), "add", str(path)])
    assert (
        result.exit_code == 1 and "name 'IGF\u20111' already names mecasermin_igf1" in result.stderr
    )
    assert not (root / "data/compounds/copycat.yaml").exists()


@pytest.mark.parametrize("bad", ["a/b", "..", "../../etc/x", "/etc/passwd", "Evil"])
def test_path_like_ids_are_refused(cli: Invoke, root: Path, tmp_path: Path, bad: str) -> None:
    def files() -> list[Path]:  # everything but curate's own cache
        return sorted(p for p in tmp_path.rglob("*") if ".curate" not in p.parts)

    path = write_jsonl(tmp_path / "p.jsonl", [{"id": bad, **BASE}])
    before = files()
    result = cli(["--root", str(root), "add", str(path)])
    assert result.exit_code == 1 and "invalid id" in result.stderr
    assert files() == before


def test_symlink_out_of_the_root_is_refused(cli: Invoke, root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("precious\n")
    (root / "data/compounds/linked.yaml").symlink_to(outside)
    path = write_jsonl(tmp_path / "s.jsonl", [{"id": "linked", **BASE, "best_data_tier": "none"}])
    result = cli(["--root", str(root), "add", str(path)])
    assert result.exit_code == 1 and "outside data/" in result.stderr
    assert outside.read_text() == "precious\n"


def test_inputs_of_every_format_and_stdin(cli: Invoke, root: Path, tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text(
        "ID: zinc_copy\nAliases: Zinc Copy\nType: compound\nStatus: supplement\nEvidence level: preclinical\n"
        "Best data tier: animal\nLinked papers, labels, and reviews\n- A zinc study\nanimal / zinc_copy_study\nRats.\n"
    )
    (tmp_path / "y.yaml").write_text("id: yam_one\ntype: food\nstatus: food\nevidence_level: preclinical\n"
                                     "best_data_tier: none\n---\nid: yam_two\ntype: food\nstatus: food\n"
                                     "evidence_level: preclinical\nbest_data_tier: none\n")  # fmt: skip
    (tmp_path / "j.json").write_text(
        json.dumps([{"id": "js_one", **BASE, "best_data_tier": "none"}])
    )
    (tmp_path / "t.csv").write_text("id,aliases,type,status,evidence_level,best_data_tier\n"
                                    "csv_one,A1X; B2X,food,food,preclinical,none\n")  # fmt: skip
    result = cli(["--root", str(root), "add", *(str(tmp_path / n) for n in ("c.txt", "y.yaml", "j.json", "t.csv")),
                  "-f", "json"])  # fmt: skip
    created = [p["id"] for p in json.loads(result.stdout)["created"]]
    assert result.exit_code == 0, result.stdout
    assert sorted(created) == [
        "csv_one",
        "js_one",
        "yam_one",
        "yam_two",
        "zinc_copy",
        "zinc_copy_study",
    ]
    assert store.load_record(root / "data/compounds/csv_one.yaml")["aliases"] == ["A1X", "B2X"]
    piped = cli(["--root", str(root), "add", "--from", "yaml"], input="id: piped\ntype: food\nstatus: food\n"
                "evidence_level: preclinical\nbest_data_tier: none\n")  # fmt: skip
    assert piped.exit_code == 0 and (root / "data/compounds/piped.yaml").is_file()


def test_input_errors_name_their_place(cli: Invoke, root: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("id: x\n  bad: [\n")
    (tmp_path / "bad.txt").write_text("Type: food\n")
    result = cli(
        ["--root", str(root), "add", str(tmp_path / "bad.yaml"), str(tmp_path / "bad.txt")]
    )
    assert result.exit_code == 1
    assert f"curate: error: {tmp_path / 'bad.yaml'}:2: YAML syntax error" in result.stderr
    assert f"curate: error: {tmp_path / 'bad.txt'}:1: card has no 'ID:' line" in result.stderr
    missing = cli(["--root", str(root), "add", str(tmp_path / "none.json")])
    assert missing.exit_code == 2 and missing.stderr.count("\n") == 1


def test_two_concurrent_writers_both_land(root: Path, tmp_path: Path) -> None:
    paths = [write_jsonl(tmp_path / f"{p}.jsonl", batch(300, p)) for p in ("aa", "bb")]
    before = count(root)
    procs = [subprocess.Popen([sys.executable, "-m", "curate", "--root", str(root), "add", str(p)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for p in paths]  # fmt: skip
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [0, 0]
    assert count(root) == before + 1200
    assert engine.lint(root).errors == 0


CRASH_POINTS = [
    # (compounds in the batch, where the writer dies, files there after recovery)
    (10, "staged:0", 0),  # 20 files, each fsynced
    (10, "staged:7", 0),
    (10, "journal", 20),
    (10, "renamed:13", 20),
    (100, "staged:150", 0),  # 200 files, one sync for all
    (100, "renamed:1", 200),
    (5000, "staged:2500", 0),  # 10,000 files, half staged by a second process
    (5000, "journal", 10000),
    (5000, "renamed:7000", 10000),
]


@pytest.mark.parametrize(("size", "point", "after"), CRASH_POINTS)
def test_sigkill_leaves_before_or_after(tmp_path: Path, size: int, point: str, after: int) -> None:
    """Kill an import at a chosen point of the commit protocol (the test hook's SIGKILL):
    before its commit point the next command rolls it back, from then on completes it,
    even when that recovery is killed too."""
    big = write_jsonl(tmp_path / "big.jsonl", batch(size, "kk"))
    root = tmp_path / "kb"
    for sub in ("compounds", "sources"):
        (root / "data" / sub).mkdir(parents=True)
    killed = subprocess.run([sys.executable, "-m", "curate", "--root", str(root), "add", str(big)],
                            capture_output=True, env={**os.environ, CRASH_ENV: point}, check=False)  # fmt: skip
    assert killed.returncode == -signal.SIGKILL
    renamed = int(point.removeprefix("renamed:")) if point.startswith("renamed:") else 0
    assert count(root) == renamed
    assert any((root / ".curate/txn").iterdir())
    if renamed:  # the recovery dies too, three renames further on
        again = subprocess.run([sys.executable, "-m", "curate", "--root", str(root), "lint"],
                               capture_output=True, env={**os.environ, CRASH_ENV: f"renamed:{renamed + 3}"},
                               check=False)  # fmt: skip
        assert again.returncode == -signal.SIGKILL
        assert count(root) == renamed + 3
    check = curate(root, "lint")  # recovers first, then lints
    assert count(root) == after
    assert check.returncode == 0, check.stdout
    assert not any((root / ".curate/txn").iterdir())


def test_new_writes_a_lintable_template(cli: Invoke, root: Path) -> None:
    out = cli(["--root", str(root), "new", "fresh_one"])
    path = root / "data/compounds/fresh_one.yaml"
    assert out.exit_code == 0 and out.stdout.strip() == str(path)
    assert "# compound | food | practice" in path.read_text()
    problems = engine.lint(root, [path]).problems
    assert {p.code for p in problems} == {
        "CU103",
        "CU207",
    }  # only warnings: comments, no sources yet
    src = cli(["--root", str(root), "new", "fresh_src", "--source"])
    assert (
        src.exit_code == 0
        and "Record identifiers only as the citing text gives them"
        in (root / "data/sources/fresh_src.yaml").read_text()
    )
    assert cli(["--root", str(root), "new", "fresh_one"]).exit_code == 2


def test_interrupted_batch_is_completed_by_the_next_command(cli: Invoke, root: Path) -> None:
    from curate.repo import journal

    txn = root / ".curate/txn/1-1"
    txn.mkdir(parents=True)
    (txn / "0.yaml").write_text(
        store.render_record({"id": "halfway", **BASE, "best_data_tier": "none"}, "compound")
    )
    (txn / "journal.json").write_text(
        json.dumps({"files": [{"staged": "0.yaml", "target": "data/compounds/halfway.yaml"}]})
    )
    incomplete = root / ".curate/txn/2-2"
    incomplete.mkdir()
    (incomplete / "0.yaml").write_text("id: never\n")
    result = cli(["--root", str(root), "show", "halfway"])
    assert result.exit_code == 0
    assert "completed an interrupted batch (1-1)" in result.stderr
    assert "rolled back an interrupted batch (2-2)" in result.stderr
    assert not journal.pending(root)
    assert not (root / "data/compounds/never.yaml").exists()


def test_shipped_data_round_trips_through_every_text_export(cli: Invoke, tmp_path: Path) -> None:
    for fmt, source in (("jsonl", "jsonl"), ("csv", "csv"), ("cards", "card")):
        dest = tmp_path / fmt
        assert cli(["init", str(dest)]).exit_code == 0
        exported = cli(["--root", str(REPO), "export", "-f", fmt]).stdout
        result = cli(["--root", str(dest), "add", "--from", source], input=exported)
        assert result.exit_code == 0, result.stdout
        for kind in ("compounds", "sources"):
            ours = {p.name: p.read_bytes() for p in (REPO / "data" / kind).glob("*.yaml")}
            theirs = {p.name: p.read_bytes() for p in (dest / "data" / kind).glob("*.yaml")}
            assert ours == theirs, (fmt, kind)
