"""The resolver, stage by stage, on the shipped data plus a few records made to clash."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from curate.lookup import names
from curate.lookup.index import Index
from curate.lookup.resolve import resolve, resolve_checked
from curate.repo import snapshot, store
from tests.conftest import Invoke

EXTRA = [
    {"id": "isoleucine", "aliases": ["isoleucin"]},
    {"id": "factor_x_a", "aliases": ["Factor X", "Zeta"]},
    {"id": "factor_x_b", "aliases": ["factor-x", "Zeta"]},
    {"id": "zentrabol", "aliases": []},
    {"id": "zentrabal", "aliases": []},
]
BASE = {
    "type": "compound",
    "status": "unapproved",
    "evidence_level": "preclinical",
    "best_data_tier": "none",
}

M, LR3, DES, LEU = "mecasermin_igf1", "igf1_lr3", "des_1_3_igf1", "leucine"
CASES = [
    # stage 1: exact id or alias
    ("mecasermin_igf1", "exact", M, 1),
    ("IGF-1", "exact", M, 1),
    ("Increlex", "exact", M, 1),
    ("rhIGF-1", "exact", M, 1),
    ("mecasermin", "exact", M, 1),
    ("leucine", "exact", LEU, 1),
    ("leucin", "exact", LEU, 1),
    ("BCAA", "exact", "bcaa", 1),
    ("rapamycin", "exact", "rapamycin", 1),
    ("MGF peptide", "exact", "mgf_peptide", 1),
    ("MGF-peptid", "exact", "mgf_peptide", 1),
    ("IGF-1 LR3", "exact", LR3, 1),
    ("IGF-1 supplement", "exact", "igf1_supplements", 1),  # seed 003's product, not the drug
    ("Des(1-3)-IGF-I", "exact", DES, 1),
    ("periodisk fasta", "exact", "intermittent_fasting", 1),
    ("isoleucine", "exact", "isoleucine", 1),
    ("Factor X", "exact", "factor_x_a", 1),
    # stage 2: case, Unicode dashes, marks, Roman numerals
    ("increlex", "normalized", M, 2),
    ("INCRELEX", "normalized", M, 2),
    ("igf-1", "normalized", M, 2),
    ("Leucine", "normalized", LEU, 2),
    ("Whey Protein", "normalized", "whey_protein", 2),
    ("Increlex®", "normalized", M, 2),
    ("IGF\u20111", "normalized", M, 2),
    ("IGF\u20131", "normalized", M, 2),
    ("IGF\u22121", "normalized", M, 2),
    ("IGF\u20101", "normalized", M, 2),
    ("IGF\uff0d1", "normalized", M, 2),
    ("rhIGF\u20111", "normalized", M, 2),
    ("IGF-I", "normalized", M, 2),
    ("IGF 1", "normalized", M, 2),
    ("Des(1-3)-IGF-1", "normalized", DES, 2),
    ("DES IGF-I", "normalized", DES, 2),
    ("Long-R3-IGF-1", "normalized", LR3, 2),
    ("green tea polyphenols", "normalized", "green_tea_polyphenols", 2),
    # stage 3: separators and plurals
    ("igf1", "normalized", M, 3),
    ("IGF1", "normalized", M, 3),
    ("rhIGF1", "normalized", M, 3),
    ("LongR³-IGF-I", "normalized", LR3, 3),
    ("LongR3-IGF-1", "normalized", LR3, 3),
    ("wheyprotein", "normalized", "whey_protein", 3),
    ("greentea", "normalized", "green_tea_polyphenols", 3),
    ("BCAAs", "normalized", "bcaa", 3),
    ("MGF peptides", "normalized", "mgf_peptide", 3),
    ("dairy product", "normalized", "dairy", 3),
    # stage 4: Swedish/English spelling variants
    ("mekasermin", "normalized", M, 4),
    ("Mekasermin", "normalized", M, 4),
    ("Inkrelex", "normalized", M, 4),
    ("rapamycine", "normalized", "rapamycin", 4),
    ("vasleprotein", "normalized", "whey_protein", 4),
    ("magnezium", "normalized", "magnesium", 4),
    ("intermitent fasting", "normalized", "intermittent_fasting", 4),
    ("isoleucin", "exact", "isoleucine", 1),
    # stage 5: typos, numbers must agree
    ("Increlx", "fuzzy", M, 5),
    ("mecasermn", "fuzzy", M, 5),
    ("rapamycn", "fuzzy", "rapamycin", 5),
    ("rapamyicn", "fuzzy", "rapamycin", 5),
    ("seleniun", "fuzzy", "selenium", 5),
    ("magnesum", "fuzzy", "magnesium", 5),
    # refused: nothing good enough, or two records
    ("IGF-2", "none", None, None),
    ("IGF-3", "none", None, None),
    ("insulin", "none", None, None),
    ("sirolimus", "none", None, None),  # no seed names it; not an alias of rapamycin
    # seed 000's names for the body's own IGF-1Ec splice variant, not the synthetic peptide
    ("MGF", "none", None, None),
    ("mechano-growth factor", "none", None, None),
    ("growth", "none", None, None),
    ("Mn", "none", None, None),
    ("-", "none", None, None),
    ("", "none", None, None),
    ("IGF", "ambiguous", None, 9),
    ("Increlex 2", "none", None, None),
    ("protein", "ambiguous", None, 9),
    ("whey protein isolate", "none", None, None),
    ("IGF-1 LR", "none", None, None),
    ("Zeta", "ambiguous", None, 1),
    ("FACTOR X", "ambiguous", None, 2),
    ("factor 10", "ambiguous", None, 2),
    ("zentrabul", "ambiguous", None, 5),
]


@pytest.fixture
def index(root: Path) -> Index:
    for extra in EXTRA:
        store.write_record(root, "compound", {**extra, **BASE})
    return Index(root)


def test_there_are_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60
    assert {c[1] for c in CASES} == {"exact", "normalized", "fuzzy", "ambiguous", "none"}


@pytest.mark.parametrize(("query", "status", "rid", "stage"), CASES)
def test_resolution(
    index: Index, query: str, status: str, rid: str | None, stage: int | None
) -> None:
    answer = resolve(index, query)
    assert (answer.status, answer.id, answer.stage) == (status, rid, stage)
    if status == "ambiguous":
        assert len(answer.candidates) >= 2 and len({c.id for c in answer.candidates}) == len(
            answer.candidates
        )


def test_leucine_is_never_isoleucine(index: Index) -> None:
    for query in ("leucine", "Leucine", "leucin", "leucinn", "leucien"):
        assert resolve(index, query).id == "leucine", query


def test_suggestions_must_look_like_the_name(index: Index) -> None:
    """Some letters in common ('insulin', 'isoleucin': 62) is not a 'did you mean'."""
    assert resolve(index, "insulin").candidates == ()
    assert [c.id for c in resolve(index, "leucyl").candidates] == ["leucine"]


def test_fuzzy_needs_a_margin_and_lists_both(index: Index) -> None:
    answer = resolve(index, "zentrabul")
    assert sorted(c.id for c in answer.candidates) == ["zentrabal", "zentrabol"]


def test_index_follows_edits_and_new_files(index: Index, root: Path) -> None:
    assert resolve_checked(index, "Somatomedin C").status == "none"
    path = root / "data/compounds/mecasermin_igf1.yaml"
    path.write_text(path.read_text().replace("  - Increlex\n", "  - Increlex\n  - Somatomedin C\n"))
    assert (
        resolve_checked(index, "Increlex").id == "mecasermin_igf1"
    )  # in-place edit of the answer's file
    assert resolve_checked(index, "Somatomedin C").id == "mecasermin_igf1"
    store.write_record(root, "compound", {"id": "newcomer", "aliases": ["Newcomer X1"], **BASE})
    assert Index(root).names_where("name", "Newcomer X1")[0][1] == "newcomer"


def test_resolve_command_formats_and_exit_codes(cli: Invoke, root: Path) -> None:
    ok = cli(["--root", str(root), "resolve", "IGF-1", "Increlx"])
    assert ok.exit_code == 0
    assert ok.stdout.splitlines() == [
        "IGF-1\tmecasermin_igf1\texact (stage 1)",
        "Increlx\tmecasermin_igf1\tfuzzy (stage 5, score 93)",
    ]
    bad = cli(["--root", str(root), "resolve", "IGF-2", "-f", "json"])
    assert bad.exit_code == 1
    (answer,) = json.loads(bad.stdout)
    steps = answer.pop("steps")
    assert answer == {
        "query": "IGF-2",
        "status": "none",
        "id": None,
        "score": None,
        "stage": None,
        "candidates": [],
        "stage_name": None,
    }
    assert [s["stage"] for s in steps] == [
        "name", "norm", "compact", "fold", "reorder", "fuzzy", "family"
    ]  # fmt: skip
    assert steps[1] == {"stage": "norm", "key": "igf 2", "result": "no name"}
    tsv = cli(["--root", str(root), "resolve", "-f", "tsv"], input="igf1\n\nBCAAs\n")
    assert tsv.stdout.splitlines() == [
        "igf1\tnormalized\tmecasermin_igf1\t100.0\t3\tmecasermin_igf1:IGF-1:100",
        "BCAAs\tnormalized\tbcaa\t100.0\t3\tbcaa:bcaa:100",
    ]


def _edit_in_place(path: Path, old: str, new: str, mtime_ns: int | None = None) -> None:
    """Rewrite a file without a rename, keeping its folder's mtime (and its own, if given)."""
    folder_mtime = path.parent.stat().st_mtime_ns
    with open(path, "r+") as handle:
        text = handle.read().replace(old, new)
        handle.seek(0)
        handle.write(text)
        handle.truncate()
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))
    os.utime(path.parent, ns=(folder_mtime, folder_mtime))


@pytest.mark.parametrize("refresh", [[], ["--refresh"]])
def test_an_in_place_edit_elsewhere_is_seen(cli: Invoke, root: Path, refresh: list[str]) -> None:
    path = root / "data/compounds/zinc.yaml"
    settled = path.stat().st_mtime_ns - 10**9  # long before the index is built
    os.utime(path, ns=(settled, settled))
    assert cli(["--root", str(root), "resolve", "Zn"]).exit_code == 1
    _edit_in_place(path, "  - zink\n", "  - zink\n  - Zn\n")
    assert cli(["--root", str(root), "resolve", "Zn", *refresh]).stdout.startswith(
        "Zn\tzinc\texact"
    )


def test_an_edit_within_the_clock_tick_is_seen(
    cli: Invoke, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same size, same mtime: caught because the snapshot did not trust so recent a file.

    The clock is the hook's, not the wall's: the first lookup reads the file 1 ms
    after it was written, however slow the machine.
    """
    path = root / "data/compounds/zinc.yaml"
    path.write_text(path.read_text().replace("  - zink\n", "  - zinq\n"))
    mtime = path.stat().st_mtime_ns
    monkeypatch.setattr(snapshot, "now_ns", lambda: mtime + 1_000_000)
    assert cli(["--root", str(root), "resolve", "zinq"]).stdout.startswith("zinq\tzinc\texact")
    _edit_in_place(path, "  - zinq\n", "  - Zn99\n", mtime_ns=mtime)
    monkeypatch.setattr(snapshot, "now_ns", lambda: mtime + 10 * snapshot.COARSE_RACY_NS)
    assert cli(["--root", str(root), "resolve", "Zn99"]).stdout.startswith("Zn99\tzinc\texact")


def test_fuzzy_answers_are_the_same_from_sqlite_and_from_the_loaded_table(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lookup process asks SQLite; a batch loads the table: never a different answer."""
    from curate.lookup import index as index_mod

    queries = [q for q, *_ in CASES] + ["zentrabul", "zentrabxl", "mecaserminn", "leucinne"]
    monkeypatch.setattr(index_mod, "FUZZY_TABLE_AFTER", 10**9)
    from_sql = [resolve(index, q) for q in queries]
    assert index._fuzzy is None
    monkeypatch.setattr(index_mod, "FUZZY_TABLE_AFTER", 0)
    from_table = [resolve(index, q) for q in queries]
    assert index._fuzzy is not None
    assert from_sql == from_table
    assert sum(a.stage == 5 or a.status == "none" for a in from_sql) >= 10


def test_fuzzy_candidates_come_in_the_same_order_either_way(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    from curate.lookup import index as index_mod

    asks = {
        (digits, compact[:1], compact[-1:], len(compact) - 3, len(compact) + 3)
        for _f, _i, _n, compact in index.all_names()
        for digits in [" ".join(names.digits(compact))]
    }

    def ask_all() -> list[tuple[list[str], list[tuple[str, str, str]]]]:
        out = []
        for ask in sorted(asks):
            keys, entries = index.fuzzy_candidates(*ask)
            out.append((keys, list(entries)))
        return out

    monkeypatch.setattr(index_mod, "FUZZY_TABLE_AFTER", 10**9)
    from_sql = ask_all()
    monkeypatch.setattr(index_mod, "FUZZY_TABLE_AFTER", 0)
    from_table = ask_all()
    assert from_sql == from_table
    assert sum(len(keys) > 1 for keys, _entries in from_sql) > 5


@pytest.mark.parametrize(
    ("args", "stdout_has"),
    [
        (["resolve", "Increlex"], "mecasermin_igf1"),
        (["search", "IGF-1", "-f", "json"], '"mecasermin_igf1"'),
        (["scan", "-f", "json"], '"mecasermin_igf1"'),
    ],
)
def test_an_unreadable_record_is_named_on_stderr_and_the_rest_still_answers(
    cli: Invoke, root: Path, args: list[str], stdout_has: str
) -> None:
    (root / "data/compounds/broken.yaml").write_text("id: [unclosed\n")
    done = cli(["--root", str(root), *args], input="Increlex (IGF-1) was approved.\n")
    assert done.exit_code == 0
    assert stdout_has in done.stdout
    warnings = [line for line in done.stderr.splitlines() if "broken.yaml" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"curate: warning: {root / 'data/compounds/broken.yaml'}:2:1: ")
    assert warnings[0].endswith("(skipped; run `curate lint`)")


def test_listing_unreadable_records_does_not_read_every_row(index: Index) -> None:
    """Every lookup asks for them: the partial index answers without a scan of the record data."""
    from curate.lookup.index import SKIPPED_SQL

    plan = " ".join(row[-1] for row in index.db.execute(f"EXPLAIN QUERY PLAN {SKIPPED_SQL}"))
    assert "USING INDEX files_error" in plan
