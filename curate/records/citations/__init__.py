"""Citation formats `curate add` reads and `curate export` writes, one module per format.

- `references`: a plain-text NLM/Vancouver reference list, as articles print them;
- `bibtex` (`.bib`, read with bibtexparser 2), `ris` (`.ris`, tags mapped by rispy),
  `csl-json` (Zotero's and Pandoc's JSON), `medline` (PubMed's `.nbib` export).

A parser gives `Citation`s: the source fields the reference states, nothing
guessed, and where each reference starts. Ids, types, matching to stored sources
and the batch are decided in `curate.kb.citations`. May import curate.records and
curate.errors only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from curate.errors import CurateError
from curate.records.model import Record

if TYPE_CHECKING:
    from curate.records.ingest import Incoming

FORMATS = ("references", "bibtex", "ris", "csl-json", "medline")
BY_SUFFIX = {".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris", ".nbib": "medline",
             ".medline": "medline", ".csl.json": "csl-json", ".refs": "references"}  # fmt: skip
# Fields of a curate export that carry what a reference manager has no place for.
OWN_TYPE = "curate-type"
OWN_SUMMARY = "curate-summary"


class Citation:
    """One reference as its input states it (a plain class: dataclasses import inspect)."""

    __slots__ = ("fields", "own", "publication_types", "where")

    def __init__(
        self,
        where: str,
        fields: Record,
        publication_types: list[str] | None = None,
        own: Record | None = None,
    ) -> None:
        self.where = where  # file:line where the reference starts
        self.fields = fields  # source fields: title, authors, journal, year, doi, ...
        # PubMed's PT lines
        self.publication_types = [] if publication_types is None else publication_types
        self.own = {} if own is None else own  # id, type, summary of a curate export

    def label(self) -> str:
        """How a message names the reference: first author, year, DOI or PMID."""
        authors = self.fields.get("authors") or []
        parts = [str(authors[0]) if authors else "", str(self.fields.get("year", ""))]
        for key in ("doi", "pmid"):
            if key in self.fields:
                parts.append(f"{key} {self.fields[key]}")
                break
        text = " ".join(p for p in parts if p)
        title = str(self.fields.get("title", ""))
        return text or (title[:50] + ("…" if len(title) > 50 else ""))


Parser = Callable[[str, str], tuple[list[Citation], list[CurateError]]]


def detect(path: str, text: str, forced: str | None) -> str | None:
    """The citation format of an input, or None when it is one of the record formats."""
    if forced:
        return forced if forced in FORMATS else None
    name = Path(path).name.lower()
    for suffix, fmt in BY_SUFFIX.items():
        if name.endswith(suffix):
            return fmt
    suffix = Path(path).suffix.lower()
    head = text.lstrip()[:2000]
    if suffix in (".json", "") and head.startswith("[") and _looks_csl(head):
        return "csl-json"
    if suffix in (".txt", ""):
        if re.search(r"(?m)^PMID- ", head):
            return "medline"
        if re.search(r"(?m)^TY  - ", head):
            return "ris"
        if re.search(r"(?m)^@\w+\s*\{", head):
            return "bibtex"
    return None


def _looks_csl(head: str) -> bool:
    return '"kind"' not in head and bool(
        re.search(r'"(issued|container-title|author|DOI|page)"\s*:', head)
    )


def parser(fmt: str) -> Parser:
    from curate.records.citations import bibtex, csljson, medline, references, ris

    parsers: dict[str, Parser] = {
        "references": references.parse,
        "bibtex": bibtex.parse,
        "ris": ris.parse,
        "csl-json": csljson.parse,
        "medline": medline.parse,
    }
    return parsers[fmt]


def read_inputs(
    paths: list[str], forced: str | None
) -> tuple[list[Incoming], list[Citation], list[CurateError]]:
    """Records and references from input files (stdin for '-'), each by its format."""
    from curate.records import ingest

    items: list[Incoming] = []
    citations: list[Citation] = []
    errors: list[CurateError] = []
    for path in paths:
        name, text = ingest.read_text(path)
        fmt = detect(path, text, forced)
        if fmt is None:
            found, problems = ingest.read(path, forced, text)
            items.extend(found)
        else:
            cited, problems = parser(fmt)(name, text)
            citations.extend(cited)
        errors.extend(problems)
    return items, citations, errors
