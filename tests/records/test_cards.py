from __future__ import annotations

from pathlib import Path

import pytest

from curate.kb.knowledge import KnowledgeBase
from curate.records import cards
from curate.repo import store
from tests.conftest import REPO, SEED_CARD

SEED_SOURCES = [
    (
        "label",
        "dailymed_increlex_label",
        "DailyMed label: INCRELEX mecasermin injection",
        "Mecasermin/rhIGF-1 label for severe primary IGF-1 deficiency; includes subcutaneous route, "
        "hypoglycemia, neoplasia, intracranial hypertension, and lymphoid hypertrophy warnings.",
    ),
    (
        "government_review",
        "ncbi_mecasermin_clinical_review_2024",
        "Clinical Review - Mecasermin (Increlex)",
        "NCBI Bookshelf clinical review summarizing mecasermin efficacy and harms, including hypoglycemia, "
        "lipohypertrophy, and tonsillar hypertrophy.",
    ),
    (
        "human_trial",
        "pubmed_rhigf1_laron_anabolic_2000",
        "Recombinant human insulin-like growth factor I has significant anabolic effects in adults with "
        "growth hormone receptor deficiency",
        "Adult Laron syndrome/GH receptor deficiency study with body-composition changes under rhIGF-1 "
        "replacement.",
    ),
    (
        "early_human",
        "pubmed_mecasermin_increlex_database_2015",
        "Effectiveness and Safety of rhIGF-1 Therapy in Children: The European Increlex Growth Forum "
        "Database Experience",
        "Large registry-style mecasermin safety/effectiveness source in severe IGF-1 deficiency contexts; "
        "useful label-adjacent human anchor.",
    ),
    (
        "review",
        "pubmed_mecasermin_review_2009",
        "Mecasermin (recombinant human insulin-like growth factor I)",
        "Drug review for rhIGF-1 pharmacology, clinical use, and safety; helps distinguish approved "
        "deficiency treatment from IGF-axis enhancement claims.",
    ),
]


def test_seed_card_gives_its_five_sources_exactly() -> None:
    card = cards.parse_card(SEED_CARD.read_text())
    assert card.issues == []
    got = [(s["type"], s["id"], s["title"], s["summary"]) for s in card.sources]
    assert got == SEED_SOURCES
    assert card.compound["sources"] == [s[1] for s in SEED_SOURCES]


def test_seed_card_fields() -> None:
    compound = cards.parse_card(SEED_CARD.read_text()).compound
    assert compound["id"] == "mecasermin_igf1"
    assert compound["aliases"] == [
        "Increlex",
        "rhIGF-1",
        "recombinant human insulin-like growth factor 1",
        "IGF-1",
    ]
    assert compound["support_scope"] == ["human", "review/regulatory"]
    assert len(compound["broad_outcomes"]) == 6
    assert compound["optimization_domains"][-1] == "PI3K-Akt-mTOR"
    assert compound["risk_flags"] == [
        "prescription only",
        "hypoglycemia",
        "growth signal risk",
        "neoplasm warning",
        "medical supervision",
    ]
    assert list(compound) == [k for k in store.model.COMPOUND_ORDER if k in compound]


def test_shipped_mecasermin_is_the_seed_card_plus_its_inn() -> None:
    card = cards.parse_card(SEED_CARD.read_text())
    shipped = store.load_record(REPO / "data/compounds/mecasermin_igf1.yaml")
    # Two aliases are added, both as seeds 000 and 003 write them: "mecasermin" itself (so that
    # it and "mekasermin" resolve) and "insulin-like growth factor 1", IGF-1 spelled out.
    aliases = ["mecasermin", *card.compound["aliases"], "insulin-like growth factor 1"]
    assert shipped == {**card.compound, "aliases": aliases}
    for source in card.sources:
        assert store.load_record(REPO / f"data/sources/{source['id']}.yaml") == source


def test_render_parse_render_is_stable_for_every_shipped_compound() -> None:
    kb = KnowledgeBase.load(REPO)
    for compound in kb.compounds.values():
        text = cards.render_card(compound, kb.sources)
        again = cards.parse_card(text)
        assert again.issues == [], compound["id"]
        assert again.compound == compound
        # A source's every field (journal, year, doi...) goes through the card and back.
        assert again.sources == [kb.sources[s] for s in compound["sources"]], compound["id"]
        assert cards.render_card(again.compound, {s["id"]: s for s in again.sources}) == text


def test_seed_card_renders_in_clean_layout_and_reparses() -> None:
    card = cards.parse_card(SEED_CARD.read_text())
    text = cards.render_card(card.compound, {s["id"]: s for s in card.sources})
    assert (
        "- Clinical Review - Mecasermin (Increlex)\ngovernment_review / ncbi_mecasermin_clinical_review_2024\n"
        in text
    )
    assert (
        "Source types: early_human, government_review, human_trial, label, review\nLinked sources: 5\n"
        in text
    )
    assert cards.parse_card(text).sources == card.sources


CLEAN = """ID: demo_x
Aliases: Demo-X, DX-1
Type: compound
Status: unapproved
Evidence level: preclinical
Best data tier: cell
Risk flags
- first flag
- a flag that is
  wrapped onto a second line
Linked papers, labels, and reviews
- A title - with a dash inside
in_vitro / src_one
Summary without a full stop - but with a dash
- Second title
review / src_two
Second summary.
"""


def test_clean_layout_keeps_dashes_inside_titles_and_summaries() -> None:
    card = cards.parse_card(CLEAN)
    assert card.issues == []
    assert [(s["title"], s["summary"]) for s in card.sources] == [
        ("A title - with a dash inside", "Summary without a full stop - but with a dash"),
        ("Second title", "Second summary."),
    ]
    assert card.compound["risk_flags"] == [
        "first flag",
        "a flag that is wrapped onto a second line",
    ]


def test_scraped_layout_without_a_full_stop_splits_at_first_dash() -> None:
    text = CLEAN.replace(
        "Summary without a full stop - but with a dash\n- Second title",
        "Plain summary - Second title",
    )
    card = cards.parse_card(text)
    assert [(s["title"], s["summary"]) for s in card.sources] == [
        ("A title - with a dash inside", "Plain summary"),
        ("Second title", "Second summary."),
    ]


def test_missing_id_line_is_an_issue_with_a_line() -> None:
    card = cards.parse_card(CLEAN.replace("ID: demo_x\n", ""), first_line=10)
    assert card.issues[0] == cards.CardIssue(10, "card has no 'ID:' line")


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        (
            "Best data tier: cell",
            "Best data tier: cell\nSource types: in_vitro",
            7,
            "Source types says in_vitro",
        ),
        (
            "Best data tier: cell",
            "Best data tier: cell\nLinked sources: 3",
            7,
            "Linked sources says 3 but 2",
        ),
    ],
)
def test_derived_lines_that_disagree_are_reported(
    old: str, new: str, line: int, words: str
) -> None:
    card = cards.parse_card(CLEAN.replace(old, new))
    assert [(i.line, words in i.message) for i in card.issues] == [(line, True)]


def test_unknown_lines_and_duplicate_fields_are_reported() -> None:
    card = cards.parse_card(
        CLEAN.replace("Type: compound", "Type: compound\nType: food\nColour: blue")
    )
    assert [i.line for i in card.issues] == [4, 5]


def test_source_section_without_refs_is_reported() -> None:
    card = cards.parse_card("ID: a\nLinked papers, labels, and reviews\n- Only a title\n")
    assert card.issues == [cards.CardIssue(3, "sources section has no 'type / id' line")]


def test_split_cards_by_separator_and_blank_line_before_id(tmp_path: Path) -> None:
    text = "ID: a\nType: food\n---\nID: b\nType: food\n\nID: c\nType: food\n"
    assert [
        (line, cards.parse_card(t, line).compound["id"]) for line, t in cards.split_cards(text)
    ] == [(1, "a"), (4, "b"), (7, "c")]


def test_a_source_card_carries_the_citation_fields() -> None:
    source = {
        "id": "doe_fictional_2019",
        "type": "human_trial",
        "title": "A fictional trial",
        "summary": "The curator's words.",
        "authors": ["Doe JA", "Müller, Jürgen"],
        "journal": "J Fict Med",
        "year": 2019,
        "volume": "4",
        "issue": "2",
        "pages": "11-19",
        "doi": "10.5555/fict.2019.001",
        "pmid": "99000001",
        "pmcid": "PMC9900001",
    }
    compound = {"id": "x", "type": "compound", "status": "supplement",
                "evidence_level": "preclinical", "best_data_tier": "animal",
                "sources": ["doe_fictional_2019"]}  # fmt: skip
    text = cards.render_card(compound, {"doe_fictional_2019": source})
    assert "\nauthors: Doe JA; Müller, Jürgen\njournal: J Fict Med\nyear: 2019\n" in text
    card = cards.parse_card(text)
    assert card.issues == [] and card.sources == [source]


def test_a_source_cited_by_type_and_id_alone() -> None:
    text = (
        "ID: x\nType: compound\nStatus: supplement\nEvidence level: preclinical\n"
        "Best data tier: animal\nLinked papers, labels, and reviews\nlabel / some_label\n"
        "- A title\nreview / some_review\nIts summary.\nanimal / some_study\n"
    )
    card = cards.parse_card(text)
    assert card.issues == []
    assert card.sources == [
        {"id": "some_label", "type": "label"},
        {"id": "some_review", "type": "review", "title": "A title", "summary": "Its summary."},
        {"id": "some_study", "type": "animal"},
    ]
