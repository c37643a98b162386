"""PubMed's MEDLINE format (`.nbib`, or "Save: PubMed format" as `.txt`).

Tag-value lines: a tag of up to four letters padded to four, `- `, the value; a line
starting with six spaces continues the one before (long titles wrap). Records are
separated by blank lines and each must have a `PMID-` line: a record without one is
an error at its first line. Read: `PMID`, `TI` (continuations joined), `AU` (the
short "Johnson SC" form; `FAU` only when there is no `AU`), `TA` (the journal
abbreviation), `DP` (its year), `VI`, `IP`, `PG`, `LID`/`AID` ending `[doi]`, `PMC`,
`PT` (publication types, which decide the source type by the table in
curate.kb.citations). The abstract (`AB`) is never read: a summary is the curator's.
"""

from __future__ import annotations

import re

from curate.errors import CurateError
from curate.records.citations import Citation, names
from curate.records.model import Record

_LINE = re.compile(r"^([A-Z]{2,4})\s*- ?(.*)$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def records(text: str) -> list[tuple[int, list[tuple[str, str, int]]]]:
    """(first line, [(tag, value, line)]) of each record; continuations joined."""
    out: list[tuple[int, list[tuple[str, str, int]]]] = []
    current: list[tuple[str, str, int]] | None = None
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        if not raw.strip():
            current = None
            continue
        match = _LINE.match(raw) if not raw.startswith("      ") else None
        if match is None:
            if current:
                tag, value, line = current[-1]
                current[-1] = (tag, f"{value} {raw.strip()}", line)
                continue
            match = _LINE.match(raw.strip())
            if match is None:
                current = []
                out.append((number, current))
                current.append(("?", raw.strip(), number))
                continue
        if current is None:
            current = []
            out.append((number, current))
        current.append((match.group(1), match.group(2).strip(), number))
    return out


def parse(name: str, text: str) -> tuple[list[Citation], list[CurateError]]:
    citations, errors = [], []
    for line, tags in records(text):
        unknown = next((n for tag, _v, n in tags if tag == "?"), None)
        if unknown is not None:
            errors.append(CurateError("not a MEDLINE 'TAG - value' line", name, unknown))
            continue
        values: dict[str, list[str]] = {}
        for tag, value, _n in tags:
            values.setdefault(tag, []).append(value)
        if not values.get("PMID"):
            errors.append(CurateError("MEDLINE record has no PMID line", name, line))
            continue
        citations.append(_citation(f"{name}:{line}", values))
    if not citations and not errors:
        errors.append(CurateError("no MEDLINE records found", name))
    return citations, errors


def _citation(where: str, values: dict[str, list[str]]) -> Citation:
    def first(tag: str) -> str | None:
        found = [v for v in values.get(tag, []) if v]
        return found[0] if found else None

    fields: Record = {"pmid": first("PMID")}
    # PubMed ends every title with a full stop; references and the stored titles do not.
    title = (first("TI") or "").removesuffix(".").strip()
    simple = (("title", title), ("journal", first("TA") or first("JT")),
              ("volume", first("VI")), ("issue", first("IP")))  # fmt: skip
    fields.update((k, v) for k, v in simple if v)
    authors = values.get("AU") or values.get("FAU") or []
    if authors:
        fields["authors"] = authors
    year = _YEAR.search(first("DP") or "")
    if year:
        fields["year"] = int(year.group(1))
    if first("PG"):
        fields["pages"] = names.pages(str(first("PG")))
    for value in [*values.get("LID", []), *values.get("AID", [])]:
        if value.endswith("[doi]"):
            fields["doi"] = value.removesuffix("[doi]").strip()
            break
    pmc = first("PMC")
    if pmc:
        fields["pmcid"] = pmc
    return Citation(where, fields, publication_types=values.get("PT", []))


def render(sources: list[Record]) -> str:
    """PubMed-format records (only for sources with a PMID: the format requires one)."""
    out = []
    for source in sources:
        lines = [f"PMID- {source['pmid']}", f"TI  - {source.get('title', '')}"]
        lines += [f"AU  - {a}" for a in source.get("authors") or []]
        tags = (("TA", "journal"), ("DP", "year"), ("VI", "volume"), ("IP", "issue"),
                ("PG", "pages"), ("PMC", "pmcid"))  # fmt: skip
        lines += [f"{t:<4}- {source[k]}" for t, k in tags if source.get(k)]
        if source.get("doi"):
            lines.append(f"LID - {source['doi']} [doi]")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)
