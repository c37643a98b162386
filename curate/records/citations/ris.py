"""RIS (`.ris`), as EndNote, Zotero and publishers export it; tags mapped by rispy.

Each reference runs from `TY  -` to `ER  -`; the structure is checked here first
(rispy drops an unterminated reference without a word), so a reference without its
`ER  -` line is an error at the line of its `TY  -`. Authors come from `AU`/`A1` as
written; the journal from `JO`, `JA`, `J2`, `JF` or `T2` (first present, EndNote's
abbreviation first); pages from `SP`/`EP`; the year from `PY`, `Y1` or `DA`;
`AN` is read as a PMID only when it is all digits and `DB`/`DP` names PubMed.

`curate export --format ris` writes `ID  -` (the source id) and the notes
`N1  - curate-type: ...` and `N1  - curate-summary: ...`, which bring the source back
whole on `curate add`; other notes are never read as a summary.
"""

from __future__ import annotations

import re

from curate.errors import CurateError
from curate.records.citations import OWN_SUMMARY, OWN_TYPE, Citation, names
from curate.records.model import Record

_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_JOURNAL_KEYS = ("journal_name", "alternate_title2", "alternate_title1", "alternate_title3")


def records(name: str, text: str) -> tuple[list[tuple[int, str]], list[CurateError]]:
    """(line of TY, text) of each complete reference; an unterminated one is an error."""
    out: list[tuple[int, str]] = []
    errors: list[CurateError] = []
    start: int | None = None
    chunk: list[str] = []
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        match = _TAG.match(raw.rstrip())
        tag = match.group(1) if match else None
        if tag == "TY":
            if start is not None:
                errors.append(_unterminated(name, start))
            start, chunk = number, [raw]
        elif tag == "ER":
            if start is None:
                errors.append(CurateError("'ER  -' with no 'TY  -' before it", name, number))
            else:
                out.append((start, "\n".join([*chunk, "ER  - "])))
            start, chunk = None, []
        elif start is not None:
            chunk.append(raw)
        elif raw.strip():
            errors.append(CurateError("text outside a TY .. ER reference", name, number))
    if start is not None:
        errors.append(_unterminated(name, start))
    return out, errors


def _unterminated(name: str, line: int) -> CurateError:
    return CurateError("RIS reference has no ER line (truncated?)", name, line)


def parse(name: str, text: str) -> tuple[list[Citation], list[CurateError]]:
    import rispy

    found, errors = records(name, text)
    citations: list[Citation] = []
    for line, chunk in found:
        try:
            entries = rispy.loads(chunk)
        except Exception as exc:  # rispy's own errors carry no line of ours
            errors.append(CurateError(f"RIS reference cannot be read: {exc}", name, line))
            continue
        citations.extend(_citation(f"{name}:{line}", entry) for entry in entries)
    if not citations and not errors:
        errors.append(CurateError("no RIS references found", name))
    return citations, errors


def _first(entry: dict[str, object], *keys: str) -> str | None:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _citation(where: str, entry: dict[str, object]) -> Citation:
    fields: Record = {}
    title = _first(entry, "title", "primary_title")
    if title:
        fields["title"] = title
    authors = entry.get("authors") or entry.get("first_authors") or []
    if isinstance(authors, list) and authors:
        fields["authors"] = [str(a).strip() for a in authors if str(a).strip()]
    journal = _first(entry, *_JOURNAL_KEYS) or (
        _first(entry, "secondary_title") if entry.get("type_of_reference") == "JOUR" else None
    )
    simple = (("journal", journal), ("volume", _first(entry, "volume")),
              ("issue", _first(entry, "number")), ("doi", _first(entry, "doi")),
              ("url", _first(entry, "urls")), ("publisher", _first(entry, "publisher")))  # fmt: skip
    fields.update((k, v) for k, v in simple if v)
    start, end = _first(entry, "start_page"), _first(entry, "end_page")
    if start:
        fields["pages"] = names.pages(f"{start}-{end}" if end and end != start else start)
    year = _YEAR.search(_first(entry, "year", "publication_year", "date") or "")
    if year:
        fields["year"] = int(year.group(1))
    accession = _first(entry, "accession_number")
    database = (_first(entry, "name_of_database", "database_provider") or "").lower()
    if accession and accession.isdigit() and "pubmed" in database:
        fields["pmid"] = accession
    pmcid = _first(entry, "custom2")
    if pmcid and re.fullmatch(r"PMC\d+", pmcid):
        fields["pmcid"] = pmcid
    return Citation(where, fields, own=_own(entry))


def _own(entry: dict[str, object]) -> Record:
    notes = entry.get("notes")
    own: Record = {}
    for note in notes if isinstance(notes, list) else []:
        key, _, value = str(note).partition(": ")
        if key in (OWN_TYPE, OWN_SUMMARY) and value.strip():
            own[key.removeprefix("curate-")] = value.strip()
    if "type" in own and entry.get("id"):
        own["id"] = str(entry["id"]).strip()
    return own if "id" in own else {}


def render(sources: list[Record]) -> str:
    return "".join(_reference(s) for s in sources)


def _reference(source: Record) -> str:
    lines = ["TY  - JOUR" if source.get("journal") else "TY  - GEN", f"ID  - {source['id']}"]
    lines.append(f"TI  - {source.get('title', '')}")
    lines += [f"AU  - {a}" for a in source.get("authors") or []]
    tags = (("JO", "journal"), ("PY", "year"), ("VL", "volume"), ("IS", "issue"), ("DO", "doi"),
            ("UR", "url"), ("PB", "publisher"))  # fmt: skip
    lines += [f"{tag}  - {source[key]}" for tag, key in tags if source.get(key)]
    if source.get("pages"):
        first, _, last = str(source["pages"]).partition("-")
        lines.append(f"SP  - {first}")
        if last:
            lines.append(f"EP  - {last}")
    if source.get("pmid"):
        lines += [f"AN  - {source['pmid']}", "DB  - PubMed"]
    if source.get("pmcid"):
        lines.append(f"C2  - {source['pmcid']}")
    lines.append(f"N1  - {OWN_TYPE}: {source.get('type', '')}")
    if source.get("summary"):
        lines.append(f"N1  - {OWN_SUMMARY}: {source['summary']}")
    return "\n".join([*lines, "ER  - ", ""]) + "\n"
