"""The resolver's table, on a knowledge base built from cards (tests/lookup/cardkb.py):
every case checked for its status, record and stage, and that its steps end there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curate.lookup.index import Index
from curate.lookup.resolve import STAGE_NAMES, resolve
from tests.conftest import Invoke
from tests.lookup import cardkb

M, LR3, DES, SEMA, TIRZ = (
    "mecasermin_igf1", "igf1_lr3", "des_1_3_igf1", "semaglutide_wegovy", "tirzepatide_mounjaro"
)  # fmt: skip
N, E, F, A = "normalized", "exact", "fuzzy", "ambiguous"

# category -> (query, status, id, stage)
TABLE: dict[str, list[tuple[str, str, str | None, int | None]]] = {
    "exact": [
        ("mecasermin_igf1", E, M, 1),
        ("IGF-1", E, M, 1),
        ("Increlex", E, M, 1),
        ("rhIGF-1", E, M, 1),
        ("IGF-1 LR3", E, LR3, 1),
        ("Long R3 IGF-1", E, LR3, 1),
        ("Des(1-3)-IGF-I", E, DES, 1),
        ("MGF", E, "mgf_peptide", 1),
        ("mechano growth factor", E, "mgf_peptide", 1),
        ("L-leucine", E, "leucine", 1),
        ("leucine", E, "leucine", 1),
        ("isoleucine", E, "isoleucine", 1),
        ("branched-chain amino acids", E, "bcaa", 1),
        ("zink", E, "zinc", 1),
        ("selen", E, "selenium", 1),
        ("milk", E, "dairy", 1),
        ("green tea", E, "green_tea_polyphenols", 1),
        ("periodisk fasta", E, "intermittent_fasting", 1),
        ("Wegovy", E, SEMA, 1),
        ("Ozempic", E, SEMA, 1),
        ("Mounjaro", E, TIRZ, 1),
        ("CJC-1295 DAC", E, "cjc_1295", 1),
        ("fish oil", E, "omega_3", 1),
        ("vitamin D3", E, "vitamin_d3", 1),
        ("cobalamin", E, "vitamin_b12", 1),
        ("Factor X", E, "factor_x_a", 1),
    ],
    "normalized": [
        ("increlex", N, M, 2),
        ("INCRELEX", N, M, 2),
        ("igf-1", N, M, 2),
        ("IGF\u20111", N, M, 2),
        ("IGF\u20131", N, M, 2),
        ("IGF\u22121", N, M, 2),
        ("IGF\uff0d1", N, M, 2),
        ("Increlex®", N, M, 2),
        ("IGF-I", N, M, 2),
        ("IGF 1", N, M, 2),
        ("rhIGF\u20111", N, M, 2),
        ("Des(1-3)-IGF-1", N, DES, 2),
        ("Leucine", N, "leucine", 2),
        ("L leucine", N, "leucine", 2),
        ("WEGOVY", N, SEMA, 2),
        ("Vitamin-D3", N, "vitamin_d3", 2),
        ("omega 3", N, "omega_3", 2),
        ("Green Tea", N, "green_tea_polyphenols", 2),
        ("long r3 igf 1", N, LR3, 2),
        ("Mechano-Growth-Factor", N, "mgf_peptide", 2),
    ],
    "compact": [
        ("igf1", N, M, 3),
        ("IGF1", N, M, 3),
        ("rhIGF1", N, M, 3),
        ("LongR3-IGF-1", N, LR3, 3),
        ("LongR³-IGF-I", N, LR3, 3),
        ("Lleucine", N, "leucine", 3),
        ("omega3", N, "omega_3", 3),
        ("vitamin B-12", N, "vitamin_b12", 3),
        ("Ozempics", N, SEMA, 3),
        ("greentea", N, "green_tea_polyphenols", 3),
        ("dairy product", N, "dairy", 3),
        ("fishoil", N, "omega_3", 3),
    ],
    "fold": [
        ("mekasermin", N, M, 4),
        ("Mekasermin", N, M, 4),
        ("mecaserminn", N, M, 4),
        ("Inkrelex", N, M, 4),
        ("semaglutid", N, SEMA, 4),
        ("leucin", N, "leucine", 4),
        ("isoleucin", N, "isoleucine", 4),
        ("cholecalciferole", N, "vitamin_d3", 4),
        ("kolekalciferol", N, "vitamin_d3", 4),
        ("vasleprotein", N, "whey_protein", 4),
        ("intermitent fasting", N, "intermittent_fasting", 4),
        ("magnezium", N, "magnesium", 4),
    ],
    "id words": [
        ("des 1 3 igf1", N, DES, 2),
        ("des-1-3-igf1", N, DES, 2),
        ("mecasermin igf1", N, M, 2),
        ("igf1 lr3", N, LR3, 2),
        ("cjc 1295", N, "cjc_1295", 2),
        ("vitamin d3", N, "vitamin_d3", 2),
        ("whey protein", N, "whey_protein", 2),
        ("protein cycling", N, "protein_cycling", 2),
        ("green tea polyphenols", N, "green_tea_polyphenols", 2),
        ("Intermittent Fasting", N, "intermittent_fasting", 2),
    ],
    "id lead word": [
        ("mecasermin", N, M, 2),
        ("Mecasermin", N, M, 2),
        ("MECASERMIN", N, M, 2),
        ("mecasermn", F, M, 5),
        ("semaglutide", N, SEMA, 2),
        ("Semaglutied", F, SEMA, 5),
        ("semaglutidi", F, SEMA, 5),
        ("tirzepatide", N, TIRZ, 2),
        ("tirzepatid", N, TIRZ, 4),
        ("intermittent", N, "intermittent_fasting", 2),
        ("omega", N, "omega_3", 2),
        ("green", N, "green_tea_polyphenols", 2),
    ],
    "fuzzy": [
        ("Increlx", F, M, 5),
        ("mecasermn", F, M, 5),
        ("rapamycn", F, "rapamycin", 5),
        ("seleniun", F, "selenium", 5),
        ("magnesum", F, "magnesium", 5),
        ("Munjaro", F, TIRZ, 5),
        ("Ozemipc", F, SEMA, 5),
        ("cobalamine", N, "vitamin_b12", 4),
        ("cobalamn", F, "vitamin_b12", 5),
        ("isoleucien", F, "isoleucine", 5),
        ("leucinn", N, "leucine", 4),
        ("cholecalciferl", F, "vitamin_d3", 5),
    ],
    "reorder": [
        ("protein whey", N, "whey_protein", 6),
        ("fatty acids omega-3", N, "omega_3", 6),
        ("D3 vitamin", N, "vitamin_d3", 6),
        ("B12 vitamin", N, "vitamin_b12", 6),
        ("DAC CJC-1295", N, "cjc_1295", 6),
        ("1295 CJC DAC", N, "cjc_1295", 6),
        ("IGF-1 Long R3", N, LR3, 6),
        ("LR3 IGF-1", N, LR3, 6),
        ("factor growth mechano", N, "mgf_peptide", 6),
        ("acids amino branched-chain", N, "bcaa", 6),
        ("tea green", N, "green_tea_polyphenols", 6),
        ("fasting intermittent", N, "intermittent_fasting", 6),
        ("fasting alternate-day", N, "intermittent_fasting", 6),
        ("polyphenols tea green", N, "green_tea_polyphenols", 6),
        ("cycling protein", N, "protein_cycling", 6),
    ],
    # The words in another order and a letter wrong: stage 6, after fuzzy found nothing.
    "reorder and a typo": [
        ("protien whey", F, "whey_protein", 6),
        ("protein wehy", F, "whey_protein", 6),
        ("cycling protien", F, "protein_cycling", 6),
        ("D3 vitamn", F, "vitamin_d3", 6),
        ("B12 vitamni", F, "vitamin_b12", 6),
        ("DAX CJC-1295", F, "cjc_1295", 6),
        ("1295 CJC DAX", F, "cjc_1295", 6),
        ("IGF-1 Lnog R3", F, LR3, 6),
        ("igf1 mecasermn", F, M, 6),
        ("acids fatty omgea-3", F, "omega_3", 6),
        ("acids amino branched-chian", F, "bcaa", 6),
        ("tea green polyphenol", F, "green_tea_polyphenols", 6),
        ("oil fisch", F, "omega_3", 6),
        ("day-alternate fastng", F, "intermittent_fasting", 6),
        ("wegovy semaglutde", F, SEMA, 6),
        ("factor growth insulin-like 1 human recombinnat", F, M, 6),
        ("X factr", A, None, 6),
        # In its own order a typo stays the fuzzy stage's.
        ("whey protien", F, "whey_protein", 5),
        ("vitamn D3", F, "vitamin_d3", 5),
        ("mecasermn igf1", F, M, 5),
        ("Lonq R3 IGF-1", F, LR3, 5),
    ],
    "bracket": [
        ("BCAA (branched-chain amino acids)", N, "bcaa", 7),
        ("Wegovy (semaglutide)", N, SEMA, 7),
        ("Increlex (mecasermin)", N, M, 7),
        ("Mounjaro (tirzepatide)", N, TIRZ, 7),
        ("fish oil (omega-3 fatty acids)", N, "omega_3", 7),
        ("cobalamin [vitamin B12]", N, "vitamin_b12", 7),
        ("Increlx (mecasermin)", F, M, 7),
        ("Ozempic (unknownium)", E, SEMA, 7),
        ("Unknownium (Ozempic)", E, SEMA, 7),
        ("Zeta (Factor X)", E, "factor_x_a", 7),
        ("Increlex (zink)", A, None, 7),
        ("Wegovy (tirzepatide)", A, None, 7),
    ],
    "pair": [
        ("zinc and magnesium", A, None, 8),
        ("zink / selen", A, None, 8),
        ("semaglutide and tirzepatide", A, None, 8),
        ("tirzepatide/semaglutide", A, None, 8),
        ("milk & whey", A, None, 8),
        ("Wegovy / Ozempic", N, SEMA, 8),
        ("IGF-1 and IGF-1 LR3", A, None, 8),
    ],
    "family": [
        ("IGF", A, None, 9),
        ("growth", A, None, 9),
        ("protein", A, None, 9),
        ("vitamin", A, None, 9),
        ("acid", A, None, 9),
        ("acids", A, None, 9),
        ("zentra", A, None, 9),
    ],
    "ambiguous": [
        ("Zeta", A, None, 1),
        ("FACTOR X", A, None, 2),
        ("factor 10", A, None, 2),
        ("zentrabul", A, None, 5),
        ("factor", A, None, 5),
    ],
    "glued suffix": [
        ("IGF-1R", "none", None, None),
        ("IGF1R", "none", None, None),
        ("IGF-1Ec", "none", None, None),
        ("igf-1ec", "none", None, None),
        ("IGF-11", "none", None, None),
        ("IGF-10", "none", None, None),
        ("CJC-1295X", "none", None, None),
        ("vitamin D3a", "none", None, None),
    ],
}
# Names that must be refused: another molecule, a word of one record, or nothing near.
REFUSED = [
    "IGF-2", "IGF-3", "IGF-2R", "IGFBP-1", "IGFBP3", "insulin", "Increlex 2", "Wegovy 2",
    "vitamin D2", "vitamin B1", "vitamin B", "CJC-1293", "CJC-129", "omega-6", "IGF-1 LR",
    "whey protein isolate", "Mounjar0", "amino", "fast", "long", "des", "Mn", "", "-", "IGF-1 and IGF-2",
    "IGF-2 (foo)", "leucyl", "selen 2", "mekasermin-2", "zinc oxide",
    # reorders with a typo whose numbers differ, or that are another name's words and more
    "DAC CJC-1296", "LR3 IGF-2", "B13 vitamin", "D2 vitamn", "fatty acids omgea-6",
    "Long R4 IGF-1", "R3 Lnog IGF-1R", "igf2 mecasermn", "igf 1r mecasermn", "lr3 igf1r",
    "factor growth insulin-like 2 human recombinnat", "3-2 des igf1", "des 1 2 igf1",
    "protein whey isolate", "whey protien concentrate",
]  # fmt: skip
CASES = [(cat, *case) for cat, cases in TABLE.items() for case in cases]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    return Index(cardkb.build(tmp_path_factory.mktemp("cards") / "kb"))


def test_the_table_is_large_and_covers_every_stage() -> None:
    assert len(CASES) >= 150
    assert {stage for *_, stage in CASES} == {*STAGE_NAMES, None}


@pytest.mark.parametrize(("category", "query", "status", "rid", "stage"), CASES)
def test_case(
    index: Index, category: str, query: str, status: str, rid: str | None, stage: int | None
) -> None:
    answer = resolve(index, query)
    assert (answer.status, answer.id, answer.stage) == (status, rid, stage)
    assert answer.steps, "every answer says how it was reached"
    if stage is not None:
        assert answer.steps[-1].stage == STAGE_NAMES[stage]
    if status == "ambiguous":
        ids = [c.id for c in answer.candidates]
        assert len(ids) >= 2 and len(set(ids)) == len(ids)


@pytest.mark.parametrize("query", REFUSED)
def test_refused(index: Index, query: str) -> None:
    answer = resolve(index, query)
    assert answer.id is None and answer.status == "none", answer


def test_a_pair_names_both_records(index: Index) -> None:
    answer = resolve(index, "zinc and magnesium")
    assert [c.id for c in answer.candidates] == ["zinc", "magnesium"]


def test_a_bracket_that_reaches_one_record_says_so(index: Index) -> None:
    answer = resolve(index, "Ozempic (unknownium)")
    assert answer.stage_name == "bracket (one part)"
    assert [s.result for s in answer.steps if s.stage == "bracket"] == [
        f"{SEMA} (exact, stage 1)",
        "none",
    ]


def test_a_family_name_lists_its_records(index: Index) -> None:
    answer = resolve(index, "IGF")
    assert {c.id for c in answer.candidates} == {M, LR3, DES}


def test_a_lead_word_another_record_shares_names_nothing(tmp_path: Path) -> None:
    root = cardkb.build(tmp_path / "kb")
    index = Index(root)
    assert resolve(index, "semaglutide").id == SEMA
    from curate.repo import store

    store.write_record(
        root, "compound", {"id": "semaglutide_oral", "aliases": ["Rybelsus"], **cardkb.BASE}
    )
    index.refresh()
    answer = resolve(index, "semaglutide")
    assert answer.id is None and {c.id for c in answer.candidates} == {SEMA, "semaglutide_oral"}


def test_receptor_and_splice_variant_are_not_igf1(index: Index) -> None:
    """Fuzzy scored IGF-1R 89 against IGF-1: numbers with glued letters must agree now."""
    for query in ("IGF-1R", "IGF1R", "IGF-1Ec"):
        answer = resolve(index, query)
        assert (answer.status, answer.candidates) == ("none", ()), query
        fuzzy = [s for s in answer.steps if s.stage == "fuzzy"]
        assert fuzzy and ("(1r)" in fuzzy[0].result or "(1ec)" in fuzzy[0].result)


def test_explain_and_json_steps(cli: Invoke, tmp_path: Path) -> None:
    root = cardkb.build(tmp_path / "kb")
    done = cli(["--root", str(root), "resolve", "--explain", "protein whey", "IGF-1R"])
    assert done.exit_code == 1
    assert done.stdout.splitlines() == [
        "protein whey\twhey_protein\tnormalized (stage 6)",
        "  name: 'protein whey': no name",
        "  norm: 'protein whey': no name",
        "  compact: 'proteinwhey | proteinwheys': no name",
        "  fold: 'proteinwhei | proteinwheis': no name",
        "  reorder: 'protein whei': the words of a name of whey_protein",
        "IGF-1R\t-\tnone (suggestions: -)",
        "  name: 'IGF-1R': no name",
        "  norm: 'igf 1r': no name",
        "  compact: 'igf1r | igf1rs': no name",
        "  fold: 'igf1r | igf1rs': no name",
        "  reorder: '1r igf': no name has these words",
        "  fuzzy: 'igf1r': no name near it, among names with numbers (1r)",
        "  reorder: 'igf 1r': no name near it, among names with numbers (1r)",
        "  family: 'igf1r': no name starts with it or has it as a word",
    ]
    data = json.loads(cli(["--root", str(root), "resolve", "-f", "json", "Wegovy"]).stdout)
    assert data[0]["steps"] == [{"stage": "name", "key": "Wegovy", "result": f"a name of {SEMA}"}]
    assert data[0]["stage_name"] == "name"


def test_the_fast_path_explains_the_same(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = cardkb.build(tmp_path / "kb")
    args = ["--root", str(root), "resolve", "--explain", "Zeta (Factor X)"]
    done = subprocess.run(
        [sys.executable, "-m", "curate", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.splitlines()[0] == "Zeta (Factor X)\tfactor_x_a\texact (stage 7)"
    assert "  bracket: 'Factor X': factor_x_a (exact, stage 1)" in done.stdout.splitlines()


def test_a_letter_changed_is_as_near_as_a_letter_missing(tmp_path: Path) -> None:
    """`ratio` scored "Taqberx" 92 for Taberx, 86 for Tavberx, and chose Taberx: either is
    one letter away (Levenshtein's score: 86 each), so neither may be chosen."""
    from curate.repo import store

    root = cardkb.build(tmp_path / "kb")
    for rid, alias in (("taber_1", "Taberx"), ("tavber_2", "Tavberx")):
        store.write_record(root, "compound", {"id": rid, "aliases": [alias], **cardkb.BASE})
    index = Index(root)
    answer = resolve(index, "Taqberx")
    assert (answer.status, answer.id) == ("ambiguous", None)
    assert [c.id for c in answer.candidates] == ["taber_1", "tavber_2"]
    assert answer.steps[-1].result == "2 records within 5 points"
    assert resolve(index, "Tavbeqx").id == "tavber_2"  # one letter from it, two from Taberx


def test_no_stage_reads_every_name(index: Index) -> None:
    """The word-order stage's lookup scanned the names table (0.2 s a query at 100,000
    records): its partial index was never used. Every statement a stage runs must search."""
    statements: list[str] = []
    index.db.set_trace_callback(statements.append)
    try:
        for query in ("protein whey", "protien whey", "D3 vitamn", "IGF", "Increlx", "Wegovy"):
            resolve(index, query)
    finally:
        index.db.set_trace_callback(None)
    assert any("sorted = " in sql for sql in statements)
    for sql in statements:
        plan = [row[-1] for row in index.db.execute(f"EXPLAIN QUERY PLAN {sql}")]
        assert "SCAN names" not in plan and "SCAN words" not in plan, sql


def test_matching_digits_do_not_make_other_letters_a_typo(tmp_path: Path) -> None:
    """The numbers agree and weigh in the score: "BRA-55938" scored 89 against ulbra_55938
    and resolved to it. A typo is one edit in three letters at most (one in any)."""
    from curate.repo import store

    root = cardkb.build(tmp_path / "kb")
    for rid in ("ulbra_55938", "pecyn_46853"):
        store.write_record(root, "compound", {"id": rid, "aliases": [], **cardkb.BASE})
    index = Index(root)
    for query, best in (("BRA-55938", "ulbra_55938"), ("petavcyn_46853", "pecyn_46853")):
        answer = resolve(index, query)
        assert (answer.status, answer.id) == ("none", None), query
        assert answer.candidates[0].id == best  # still the suggestion
        (fuzzy,) = [s.result for s in answer.steps if s.stage == "fuzzy"]
        assert fuzzy.startswith(f"best {best} ") and " edits in " in fuzzy, fuzzy
    assert resolve(index, "ulbra_55939").id is None
    assert resolve(index, "ulbro_55938").id == "ulbra_55938"
    assert resolve(index, "CJX-1295 DAC").id == "cjc_1295"
