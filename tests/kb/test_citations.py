"""`curate add` of references: matching stored sources, ids, types, drafts, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curate.kb import citations as planning
from curate.lint import engine
from curate.records.citations import Citation
from curate.repo import store
from tests.conftest import FIXTURES, Invoke
from tests.records.test_citations import CITATIONS, seed_002_list


def complete_seed_list(tmp_path: Path) -> Path:
    """Seed 002's list without its cut-off last reference."""
    lines = seed_002_list().splitlines()
    path = tmp_path / "refs.txt"
    path.write_text("\n".join(line for line in lines if "neuroprotective" not in line) + "\n")
    return path


def empty_root(cli: Invoke, tmp_path: Path) -> Path:
    root = tmp_path / "empty"
    assert cli(["init", str(root)]).exit_code == 0
    return root


def files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "data").rglob("*.yaml"))}


def add(cli: Invoke, root: Path, *args: str) -> tuple[int, dict[str, object], str]:
    result = cli(["--root", str(root), "add", *args, "--format", "json"])
    return result.exit_code, json.loads(result.stdout), result.stderr


def test_seed_002_as_pasted_is_refused_whole(cli: Invoke, root: Path, tmp_path: Path) -> None:
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(seed_002_list())
    before = files(root)
    code, report, _ = add(cli, root, str(pasted), "--from", "references")
    assert code == 1 and files(root) == before
    errors = report["errors"]
    assert isinstance(errors, list) and len(errors) == 1
    assert "reference 11 is incomplete" in errors[0]["message"]
    assert errors[0]["where"] == f"{pasted}:12"


def test_seed_002_references_are_the_shipped_sources(
    cli: Invoke, root: Path, tmp_path: Path
) -> None:
    """Every reference matches a stored source by DOI: none is created, each conflict names
    the fields the reference would change, --update applies them, and then it is unchanged."""
    refs = complete_seed_list(tmp_path)
    before = files(root)
    summary = store.load_record(root / "data/sources/johnson_mtor_ageing_2013.yaml")["summary"]
    code, report, _ = add(cli, root, str(refs), "--from", "references")
    assert report["created"] == [] and report["errors"] == []
    conflicts, unchanged = report["conflicts"], report["unchanged"]
    assert isinstance(conflicts, list) and isinstance(unchanged, list)
    assert len(conflicts) + len(unchanged) == 10
    assert code == (1 if conflicts else 0) and files(root) == before
    for conflict in conflicts:
        assert "differs in" in conflict["message"], conflict
        assert "title" not in conflict["message"] and "summary" not in conflict["message"]
    code, report, _ = add(cli, root, str(refs), "--from", "references", "--update")
    assert code == 0 and len(report["updated"]) == len(conflicts)  # type: ignore[arg-type]
    johnson_record = store.load_record(root / "data/sources/johnson_mtor_ageing_2013.yaml")
    assert johnson_record["authors"] == ["Johnson SC", "Rabinovitch PS", "Kaeberlein M"]
    assert johnson_record["journal"] == "Nature" and "publisher" not in johnson_record
    assert johnson_record["summary"] == summary  # the curator's words are kept
    code, report, _ = add(cli, root, str(refs), "--from", "references")
    assert code == 0 and len(report["unchanged"]) == 10  # type: ignore[arg-type]
    assert engine.lint(root, use_cache=False).errors == 0


def test_new_references_need_a_type(cli: Invoke, tmp_path: Path) -> None:
    root = empty_root(cli, tmp_path)
    refs = complete_seed_list(tmp_path)
    code, report, _ = add(cli, root, str(refs), "--from", "references")
    assert code == 1 and files(root) == {}
    refused = sorted(e["message"].split(":")[0] for e in report["errors"])  # type: ignore[union-attr]
    assert refused == sorted(
        ["Johnson SC 2013 doi 10.1038/nature11861", "Saxton RA 2017 doi 10.1016/j.cell.2017.03.035",
         "Harrison DE 2009 doi 10.1038/nature08221", "Churchward-Venne TA 2012 doi 10.1186/1743-7075-9-40",
         "Norton LE 2006 doi 10.1093/jn/136.2.533S", "Madeo F 2015 doi 10.1172/JCI73946",
         "Alirezaei M 2010 doi 10.4161/auto.6.6.12376"]
    )  # fmt: skip
    # The three whose titles say what they are would have been typed by the table.
    assert {p["id"] for p in report["created"]} == {  # type: ignore[union-attr]
        "xu_leucine_2015", "mori_tokuda_training_2022", "churchward_venne_leucine_2014"
    }  # fmt: skip


def test_imported_sources_are_drafts_that_lint_reports(cli: Invoke, tmp_path: Path) -> None:
    root = empty_root(cli, tmp_path)
    refs = complete_seed_list(tmp_path)
    code, report, stderr = add(cli, root, str(refs), "--from", "references", "--type", "review")
    assert code == 0 and len(report["created"]) == 10  # type: ignore[arg-type]
    assert "no summary yet" in stderr
    xu = store.load_record(root / "data/sources/xu_leucine_2015.yaml")
    assert xu["type"] == "meta_analysis"  # the title says so; --type is for those that do not
    assert "summary" not in xu
    assert store.load_record(root / "data/sources/norton_layman_leucine_2006.yaml")["type"] == (
        "review"
    )
    result = engine.lint(root, use_cache=False)
    assert {p.code for p in result.problems if p.severity == "error"} == {"CU308"}
    assert len([p for p in result.problems if p.code == "CU308"]) == 10
    again = add(cli, root, str(refs), "--from", "references", "--type", "review")
    assert again[0] == 0 and len(again[1]["unchanged"]) == 10  # type: ignore[arg-type]


def test_one_paper_twice_in_a_batch_is_one_source(cli: Invoke, tmp_path: Path) -> None:
    root = empty_root(cli, tmp_path)
    one = "- Doe J. A fictional cohort. J Fict Med. 2019;4(2):11-19. doi:10.5555/fict.2019.001"
    refs = tmp_path / "twice.txt"
    refs.write_text(f"{one}\n{one.replace('doi:10.5555/fict', 'https://doi.org/10.5555/FICT')}\n")
    code, report, _ = add(cli, root, str(refs), "--from", "references", "--type", "observational")
    assert code == 0 and [p["id"] for p in report["created"]] == ["doe_fictional_2019"]  # type: ignore[index]
    other = tmp_path / "differs.txt"
    other.write_text(f"{one}\n{one.replace('2019;4(2)', '2019;5(2)')}\n")
    code, report, _ = add(cli, root, str(other), "--from", "references", "--type", "observational")
    assert code == 1 and "given differently in volume" in report["errors"][0]["message"]  # type: ignore[index]


def test_ids_are_unique_in_batch_and_repository(cli: Invoke, tmp_path: Path) -> None:
    root = empty_root(cli, tmp_path)
    lines = [
        "- Doe J. A fictional cohort. J Fict Med. 2019;4(2):11-19.",
        "- Doe J. A fictional cohort of others. J Fict Med. 2019;4(3):20-29.",
        "- Doe J. A fictional cohort of others again. J Fict Med. 2019;4(4):30-39.",
        "- Doe J. A fictional cohort of others again. J Fict Med. 2019;4(4):30-39.",
    ]
    refs = tmp_path / "same_words.txt"
    refs.write_text("\n".join(lines[:2]) + "\n")
    code, report, _ = add(cli, root, str(refs), "--from", "references", "--type", "observational")
    assert code == 0
    assert [p["id"] for p in report["created"]] == [
        "doe_fictional_2019",
        "doe_fictional_cohort_2019",
    ]  # type: ignore[index]
    more = tmp_path / "more.txt"
    more.write_text("\n".join(lines) + "\n")
    code, report, _ = add(cli, root, str(more), "--from", "references", "--type", "observational")
    # Without DOI or PMID, the same title and year is the same source: stable ids.
    assert code == 0 and len(report["unchanged"]) == 2  # type: ignore[arg-type]
    assert [p["id"] for p in report["created"]] == ["doe_fictional_cohort_others_2019"]  # type: ignore[index]


def test_ids_as_the_shipped_data_writes_them() -> None:
    def stem(authors: list[str], title: str, year: int) -> str:
        return planning.id_stem({"authors": authors, "title": title, "year": year})[0]

    assert stem(["Norton LE", "Layman DK"], "Leucine regulates translation", 2006) == (
        "norton_layman_leucine_2006"
    )
    assert stem(["Churchward-Venne TA"], "Leucine supplementation", 2014) == (
        "churchward_venne_leucine_2014"
    )
    assert stem(["Müller, Jürgen", "Roe R", "Poe E"], "The role of IGF-1", 2019) == (
        "muller_igf_2019"
    )


@pytest.mark.parametrize(
    ("types", "title", "expected"),
    [
        (["Journal Article", "Meta-Analysis", "Systematic Review"], "x", "meta_analysis"),
        (["Journal Article", "Randomized Controlled Trial"], "x", "human_trial"),
        (["Journal Article", "Review"], "x", "review"),
        ([], "Leucine in older people: a systematic review and meta-analysis", "meta_analysis"),
        ([], "Whey in sarcopenia: A Randomized Controlled Trial with 24 Weeks", "human_trial"),
        ([], "Leucine in young men: a double-blind, randomized trial", "human_trial"),
        ([], "Fasting and ageing: a narrative review", "review"),
        (["Journal Article"], "Rapamycin fed late in life extends lifespan in mice", None),
    ],
)
def test_type_table(types: list[str], title: str, expected: str | None) -> None:
    citation = Citation("x:1", {"title": title}, publication_types=types)
    assert planning.type_of(citation) == expected


@pytest.mark.parametrize(
    ("name", "fmt", "count"),
    [("zotero.bib", "bibtex", 3), ("endnote.ris", "ris", 2), ("zotero.json", "csl-json", 2),
     ("pubmed.nbib", "medline", 2)],
)  # fmt: skip
def test_each_format_imports(cli: Invoke, tmp_path: Path, name: str, fmt: str, count: int) -> None:
    root = empty_root(cli, tmp_path)
    code, report, _ = add(cli, root, str(CITATIONS / name), "--type", "review")
    assert code == 0, report
    assert len(report["created"]) == count  # type: ignore[arg-type]
    for path in (root / "data/sources").glob("*.yaml"):
        record = store.load_record(path)
        assert "summary" not in record and "abstract" not in str(record).lower()
    if fmt == "medline":
        meta = store.load_record(root / "data/sources/doe_roe_fictional_2017.yaml")
        assert meta["type"] == "meta_analysis" and meta["pmid"] == "99000004"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("truncated.bib", "bibtex"), ("no_er.ris", "ris"), ("not_list.json", "csl-json"),
     ("no_pmid.nbib", "medline")],
)  # fmt: skip
def test_bad_input_writes_nothing(cli: Invoke, tmp_path: Path, name: str, fmt: str) -> None:
    root = empty_root(cli, tmp_path)
    result = cli(
        ["--root", str(root), "add", str(CITATIONS / name), "--from", fmt, "--type", "review"]
    )
    assert result.exit_code == 1 and files(root) == {}
    errors = [line for line in result.stderr.splitlines() if line.startswith("curate: error:")]
    assert len(errors) == 1 and f"{CITATIONS / name}:" in errors[0]


def test_unknown_type_option_is_a_usage_error(cli: Invoke, tmp_path: Path) -> None:
    root = empty_root(cli, tmp_path)
    result = cli(["--root", str(root), "add", str(CITATIONS / "zotero.bib"), "--type", "rct"])
    assert result.exit_code == 2 and "--type: 'rct' is not one of" in result.stderr


def test_a_card_may_cite_a_stored_source_by_type_and_id(
    cli: Invoke, root: Path, tmp_path: Path
) -> None:
    card = (FIXTURES / "cards" / "seed_001.txt").read_text(encoding="utf-8")
    head, _, _ = card.partition("Linked papers, labels, and reviews")
    head = "".join(
        line for line in head.splitlines(True) if not line.startswith(("Source", "Linked"))
    )
    short = tmp_path / "short.txt"
    short.write_text(
        head + "Linked papers, labels, and reviews\nlabel / dailymed_increlex_label\n"
        "government_review / ncbi_mecasermin_clinical_review_2024\n"
    )
    result = cli(["--root", str(root), "add", str(short), "--dry-run", "--update", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    unchanged = [(p["kind"], p["id"]) for p in json.loads(result.stdout)["unchanged"]]
    assert ("source", "dailymed_increlex_label") in unchanged
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(
        head + "Linked papers, labels, and reviews\nreview / dailymed_increlex_label\n"
    )
    result = cli(["--root", str(root), "add", str(wrong), "--dry-run"])
    assert (
        result.exit_code == 1
        and "dailymed_increlex_label exists and differs in type" in result.stderr
    )
    unknown = tmp_path / "unknown.txt"
    unknown.write_text(head + "Linked papers, labels, and reviews\nlabel / no_such_label\n")
    result = cli(["--root", str(root), "add", str(unknown), "--dry-run"])
    assert result.exit_code == 1 and "cited by its type / id alone" in result.stderr


def test_a_repeated_title_that_differs_names_the_field(
    cli: Invoke, root: Path, tmp_path: Path
) -> None:
    card = (FIXTURES / "cards" / "seed_001.txt").read_text(encoding="utf-8")
    changed = tmp_path / "hyphen.txt"
    changed.write_text(
        card.replace("rhIGF-1 Therapy in Children", "rhIGF\u20111 Therapy in  Children")
    )
    result = cli(["--root", str(root), "add", str(changed), "--dry-run"])
    assert result.exit_code == 1
    assert (
        "pubmed_mecasermin_increlex_database_2015 exists and differs in title "
        "(only in dashes or spacing)" in result.stderr
    )


def test_merge_unions_authors_and_stdin_reads_by_content(cli: Invoke, tmp_path: Path) -> None:
    root = empty_root(cli, tmp_path)
    refs = tmp_path / "one.txt"
    refs.write_text(
        "- Doe JA. A fictional cohort. J Fict Med. 2019;4(2):11-19. doi:10.5555/fict.1\n"
    )
    assert add(cli, root, str(refs), "--from", "references", "--type", "observational")[0] == 0
    bib = "@article{k,\n  title = {A fictional cohort},\n  author = {Doe, Jane A.},\n  doi = {10.5555/FICT.1},\n}\n"
    result = cli(["--root", str(root), "add", "-", "--dry-run"], input=bib)
    assert result.exit_code == 1 and "differs in authors" in result.stderr
    result = cli(["--root", str(root), "add", "-", "--merge"], input=bib)
    assert result.exit_code == 0, result.stderr
    stored = store.load_record(root / "data/sources/doe_fictional_2019.yaml")
    assert stored["authors"] == ["Doe JA", "Doe, Jane A."]
    assert stored["doi"] == "10.5555/fict.1" and stored["journal"] == "J Fict Med"
