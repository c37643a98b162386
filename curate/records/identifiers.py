"""Identifiers a source carries (DOI, PMID, PMCID) and the checks on its citation fields.

One place for the patterns: the lint rules (CU301-CU307), `curate add` and the
citation parsers all ask here, so a DOI is judged the same way everywhere.
"""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing
# compiles a NamedTuple's string annotations, and a process's first compile() costs a
# third of a `python -c pass`.

import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

# Crossref's recommended pattern for modern DOIs, matched case-insensitively.
DOI_RE = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Z0-9]+$", re.IGNORECASE)
PMID_RE = re.compile(r"^[1-9][0-9]*$")
PMCID_RE = re.compile(r"^PMC[0-9]+$")
# What a DOI is often written with but is not part of it: a resolver address or a
# `doi:` label in front, punctuation of the sentence it ended behind.
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI_TRAILING = re.compile(r"[.,;:]+$")
YEAR_MIN = 1800


def year_max() -> int:
    import datetime  # here: a warm lint, which reads no record, needs no date

    return datetime.date.today().year + 1


def doi_normal(text: str) -> str:
    """The DOI without a resolver prefix, `doi:` label, surrounding space or trailing punctuation."""
    value = text.strip()
    while True:
        stripped = _DOI_TRAILING.sub("", _DOI_PREFIX.sub("", value).strip())
        if stripped == value:
            return value
        value = stripped


def doi_key(doi: str) -> str:
    """DOIs are case-insensitive: the form two records are compared in."""
    return doi_normal(doi).casefold()


def pmid_key(pmid: str) -> str:
    return pmid.strip()


class Finding(NamedTuple):
    field: str
    item: int | None  # list item, for authors
    code: str
    message: str


def findings(record: Mapping[str, Any]) -> Iterator[Finding]:
    """Every identifier and citation-field problem of one source record."""
    doi = record.get("doi")
    if isinstance(doi, str):
        normal = doi_normal(doi)
        if not DOI_RE.match(normal):
            yield Finding("doi", None, "CU301", f"DOI {doi!r} is not of the form 10.NNNN/suffix")
        elif normal != doi:
            yield Finding("doi", None, "CU302", f"DOI {doi!r} is not in normal form: {normal!r}")
    pmid = record.get("pmid")
    if isinstance(pmid, str) and not PMID_RE.match(pmid):
        yield Finding("pmid", None, "CU303", f"PMID {pmid!r} is not digits without a leading zero")
    pmcid = record.get("pmcid")
    if isinstance(pmcid, str) and not PMCID_RE.match(pmcid):
        yield Finding("pmcid", None, "CU304", f"PMCID {pmcid!r} is not PMC followed by digits")
    year = record.get("year")
    if isinstance(year, int) and not YEAR_MIN <= year <= year_max():
        yield Finding("year", None, "CU306", f"year {year} is outside {YEAR_MIN}..{year_max()}")
    authors = record.get("authors")
    for index, name in enumerate(authors if isinstance(authors, list) else []):
        if name is None or (isinstance(name, str) and not name.strip()):
            yield Finding("authors", index, "CU307", f"author {index + 1} has an empty name")
