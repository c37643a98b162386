"""The citation parsers on real-world shapes, and the writers they read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from curate.records import citations
from curate.records.citations import bibtex, csljson, medline, names, references, ris
from tests.conftest import FIXTURES

CITATIONS = FIXTURES / "citations"
SEED_002 = FIXTURES / "articles" / "seed_002_leucine_autophagy.txt"


def seed_002_list() -> str:
    text = SEED_002.read_text(encoding="utf-8")
    return text[text.index("Källor") :]


def parse(path: Path, fmt: str) -> tuple[list[citations.Citation], list[str]]:
    found, errors = citations.parser(fmt)(path.name, path.read_text(encoding="utf-8"))
    return found, [str(e) for e in errors]


def test_seed_002_reference_list() -> None:
    found, errors = references.parse("refs", seed_002_list())
    assert len(found) == 10
    first = found[0].fields
    assert first == {
        "title": "mTOR is a key modulator of ageing and age-related disease",
        "authors": ["Johnson SC", "Rabinovitch PS", "Kaeberlein M"],
        "journal": "Nature",
        "year": 2013,
        "volume": "493",
        "issue": "7432",
        "pages": "338-45",
        "doi": "10.1038/nature11861",
    }
    assert found[0].where == "refs:2"
    by_doi = {c.fields["doi"]: c.fields for c in found}
    assert by_doi["10.1017/S0007114514002475"]["journal"] == "Br J Nutr"
    assert by_doi["10.1017/S0007114514002475"]["authors"] == ["Xu ZR"]  # "et al." dropped
    assert by_doi["10.1186/1743-7075-9-40"]["journal"] == "Nutr Metab (Lond)"
    assert by_doi["10.1093/jn/136.2.533S"]["pages"] == "533S-537S"
    # Reference 11 stops mid-sentence ("... activation. <"): reported, never completed.
    assert len(errors) == 1 and str(errors[0]).startswith("refs:12: reference 11 is incomplete")


@pytest.mark.parametrize(
    "text",
    [
        "1. Norton LE, Layman DK. Leucine regulates translation initiation of protein synthesis"
        "\n   in skeletal muscle after exercise. J Nutr. 2006;136(2):533S–537S."
        " https://doi.org/10.1093/jn/136.2.533S",
        "[1] Norton LE, Layman DK. Leucine regulates translation initiation of protein synthesis"
        " in skeletal muscle after exercise. J Nutr. 2006;136(2):533S-537S. doi: 10.1093/jn/136.2.533S.",
        "References\nNorton LE, Layman DK. Leucine regulates translation initiation of protein"
        " synthesis in skeletal muscle after exercise. J Nutr. 2006;136(2):533S–537S."
        " doi:10.1093/jn/136.2.533S",
    ],
    ids=["numbered-wrapped-url", "bracketed-doi-space", "heading-one-per-line"],
)
def test_reference_markers_and_doi_forms(text: str) -> None:
    found, errors = references.parse("refs", text)
    assert errors == []
    assert [c.fields for c in found] == [
        {
            "title": "Leucine regulates translation initiation of protein synthesis in skeletal "
            "muscle after exercise",
            "authors": ["Norton LE", "Layman DK"],
            "journal": "J Nutr",
            "year": 2006,
            "volume": "136",
            "issue": "2",
            "pages": "533S-537S",
            "doi": "10.1093/jn/136.2.533S",
        }
    ]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("- Doe J. A title cut off before its journal", "no 'Journal. Year"),
        ("- Doe J. A fictional title. J Fict Med. 2019;4(2):11–", "as if cut off"),
        ("- Doe J. A fictional title. J Fict Med. 2019;4(2):11-19. doi:10.5555/", "cut off"),
        ("- Doe J. A fictional title. J Fict Med. 2019;4(2):11-19. doi:10.55/x", "DOI"),
    ],
)
def test_a_cut_off_reference_is_incomplete(text: str, why: str) -> None:
    found, errors = references.parse("refs", text)
    assert found == [] and len(errors) == 1
    assert "reference 1 is incomplete" in str(errors[0]) and why in str(errors[0])


def test_zotero_bibtex_with_braces_accents_and_strings() -> None:
    found, errors = parse(CITATIONS / "zotero.bib", "bibtex")
    assert errors == []
    xu, fictional, book = (c.fields for c in found)
    assert (
        xu["journal"] == "Br J Nutr" and xu["pages"] == "25-34" and xu["authors"] == ["Xu, Z. R."]
    )
    assert fictional["title"] == (
        "A fictional study of mTOR signalling in Drosophila: effects of över-feeding"
    )
    assert fictional["authors"] == ["Müller, Jürgen", "Bjørnsson, Åsa", "Étienne, Zoé",
                                    "O'Brien, Siobhán"]  # fmt: skip
    assert fictional["url"] == "https://example.org/articles/fict_12%2F3"  # % is no comment here
    assert book == {
        "title": "The Fictional Handbook of Nutrient Signalling",
        "publisher": "Example Press",
        "authors": ["World Fiction Organization"],
        "year": 2020,
    }
    assert [c.where for c in found] == ["zotero.bib:5", "zotero.bib:19", "zotero.bib:31"]


def test_endnote_ris() -> None:
    found, errors = parse(CITATIONS / "endnote.ris", "ris")
    assert errors == []
    mori, cohort = (c.fields for c in found)
    assert mori["journal"] == "J Nutr Health Aging" and mori["pages"] == "994-1002"
    assert mori["authors"] == ["Mori, H.", "Tokuda, Y."] and mori["year"] == 2022
    assert cohort["pmid"] == "99000002" and cohort["pmcid"] == "PMC9900002"
    assert cohort["pages"] == "e123" and cohort["journal"] == "Fict Sleep Res"
    assert "summary" not in cohort and found[0].own == {} and found[1].where == "endnote.ris:16"


def test_zotero_csl_json() -> None:
    found, errors = parse(CITATIONS / "zotero.json", "csl-json")
    assert errors == []
    norton, trial = (c.fields for c in found)
    assert norton["journal"] == "J Nutr" and norton["year"] == 2006
    assert norton["authors"] == ["Norton, L. E.", "Layman, D. K."]
    assert trial["authors"] == ["Doe, Jane", "The Fictional Sleep Consortium"]
    assert trial["pages"] == "11-19" and trial["pmid"] == "99000003"
    assert all("summary" not in c.fields and c.own == {} for c in found)  # notes are not ours


def test_pubmed_medline_with_wrapped_lines() -> None:
    found, errors = parse(CITATIONS / "pubmed.nbib", "medline")
    assert errors == []
    first = found[0]
    assert first.fields["title"] == (
        "A fictional meta-analysis of fasting and autophagy markers in adults, with a title "
        "long enough to wrap onto a second line as PubMed does"
    )
    assert (
        first.fields["authors"] == ["Doe JA", "Roe R"] and first.fields["journal"] == "J Fict Med"
    )
    assert first.fields["doi"] == "10.5555/fict.2017.410" and first.fields["pmcid"] == "PMC9900004"
    assert first.publication_types == ["Journal Article", "Meta-Analysis", "Systematic Review"]
    assert "abstract" not in str(first.fields).lower()
    assert found[1].where == "pubmed.nbib:34"


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("truncated.bib", "bibtex", "truncated.bib:9: BibTeX block cannot be read"),
        ("no_er.ris", "ris", "no_er.ris:8: RIS reference has no ER line"),
        ("not_list.json", "csl-json", "not_list.json:1: CSL-JSON must be an array"),
        ("no_pmid.nbib", "medline", "no_pmid.nbib:8: MEDLINE record has no PMID line"),
    ],
)
def test_bad_input_is_one_error_with_its_line(name: str, fmt: str, message: str) -> None:
    _found, errors = parse(CITATIONS / name, fmt)
    assert len(errors) == 1 and errors[0].startswith(message), errors
    assert "\n" not in errors[0]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("x.bib", "bibtex"), ("x.ris", "ris"), ("x.nbib", "medline"), ("x.csl.json", "csl-json"),
     ("x.yaml", None), ("x.card", None)],
)  # fmt: skip
def test_format_by_extension(name: str, expected: str | None) -> None:
    assert citations.detect(name, "", None) == expected


def test_format_by_content_for_txt_and_json() -> None:
    assert citations.detect("x.txt", "PMID- 1\nTI  - t\n", None) == "medline"
    assert citations.detect("x.txt", "TY  - JOUR\nER  - \n", None) == "ris"
    assert citations.detect("x.json", '[{"type": "article-journal", "author": []}]', None) == (
        "csl-json"
    )
    assert citations.detect("x.json", '[{"kind": "source", "id": "a"}]', None) is None
    assert citations.detect("x.txt", "ID: x\nType: compound\n", None) is None


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [("Johnson SC", "Johnson", "SC"), ("Johnson, Sam C.", "Johnson", "Sam C."),
     ("La Spada AR", "La Spada", "AR"), ("Churchward-Venne TA", "Churchward-Venne", "TA"),
     ("World Fiction Organization", "Organization", "World Fiction")],
)  # fmt: skip
def test_names_split_and_join(name: str, family: str, given: str) -> None:
    assert names.split_name(name) == (family, given)


SOURCE = {
    "id": "doe_fictional_2019",
    "type": "human_trial",
    "title": "A fictional trial: 50% & more_of it -- with U+2011 non‑breaking hyphens",
    "summary": "The curator's words.",
    "year": 2019,
    "doi": "10.5555/fict.2019.001",
    "pmid": "99000007",
    "url": "https://example.org/a_b%20c",
    "journal": "J Fict Med",
    "authors": ["Doe JA", "Müller, Jürgen", "Jane Q. Public"],
    "volume": "4",
    "issue": "2",
    "pages": "11-19",
    "pmcid": "PMC9900007",
}


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json", "ris"])
def test_writers_read_back_to_the_same_source(fmt: str) -> None:
    module = {"bibtex": bibtex, "csl-json": csljson, "ris": ris}[fmt]
    found, errors = citations.parser(fmt)("x", module.render([SOURCE]))
    assert errors == []
    (citation,) = found
    fields = dict(citation.fields)
    assert {**fields, **citation.own} == SOURCE


def test_medline_writer_reads_back() -> None:
    found, errors = medline.parse("x", medline.render([SOURCE]))
    assert errors == []
    kept = {k: v for k, v in SOURCE.items() if k not in ("id", "type", "summary", "url")}
    assert found[0].fields == kept


def test_nlm_render_reads_back() -> None:
    """For names in NLM form (a reference list separates names by commas)."""
    source = {k: v for k, v in SOURCE.items() if k not in ("pmid", "pmcid", "url")}
    source["authors"] = ["Doe JA", "Roe R"]
    (found,), errors = references.parse("x", "1. " + references.render(source))
    assert errors == []
    assert found.fields == {k: v for k, v in source.items() if k not in ("id", "type", "summary")}


def test_item_numbers_past_9999_start_items() -> None:
    one = "Doe J. A fictional cohort {n}. J Fict Med. 2019;4(2):11-19."
    text = "\n".join(f"{n}. {one.format(n=n)}" for n in (9999, 10000, 100000))
    found, errors = references.parse("refs", text)
    assert errors == [] and [c.fields["title"] for c in found] == [
        "A fictional cohort 9999", "A fictional cohort 10000", "A fictional cohort 100000"
    ]  # fmt: skip
