"""BibTeX (`.bib`), as Zotero, JabRef and journals export it, read with bibtexparser 2.

bibtexparser resolves `@string` macros and removes the braces around values; its
LaTeX decoding turns `{\\"o}` into ö, `\\&` into & and `--` into a dash. Authors are
split on ` and ` and kept as written ("Johnson, Sam C."). A block the parser cannot
read (a truncated entry, say) is an error at the line where the block starts.

`curate export --format bibtex` writes each source as `@article` (with a journal) or
`@misc`, keyed by its id, with `curate-type` and `curate-summary` fields that other
tools ignore and that bring the source back whole on `curate add`.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from curate.errors import CurateError
from curate.records.citations import OWN_SUMMARY, OWN_TYPE, Citation, names
from curate.records.model import Record

# BibTeX field -> source field, first present wins.
_FIELDS = (
    ("title", ("title",)),
    ("journal", ("journal", "journaltitle", "shortjournal")),
    ("volume", ("volume",)),
    ("issue", ("number", "issue")),
    ("pages", ("pages",)),
    ("doi", ("doi",)),
    ("pmid", ("pmid",)),
    ("pmcid", ("pmcid",)),
    ("url", ("url",)),
    ("publisher", ("publisher", "institution", "organization")),
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_SPECIAL = re.compile(r"([\\%&$#_])")
_VERBATIM = frozenset({"url", "doi", "pmid", "pmcid"})
# What the decoder would change: a command or escape, a tie, math, a dash ligature.
# Protective braces alone are taken out by _plain.
_LATEX = re.compile(r"[\\~$]|--|``|''")


def parse(name: str, text: str) -> tuple[list[Citation], list[CurateError]]:
    import bibtexparser
    from pylatexenc.latex2text import LatexNodes2Text

    # bibtexparser logs every failed block; the failures are reported here, once each.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]
    decoder = LatexNodes2Text(math_mode="verbatim")
    errors = [
        CurateError(
            f"BibTeX block cannot be read: {_first_line(block.raw or '')!r}",
            name,
            (block.start_line or 0) + 1,
        )
        for block in library.failed_blocks
    ]
    citations: list[Citation] = []
    for entry in library.entries:
        values = {
            f.key.lower(): _decoded(decoder, f.key.lower(), str(f.value)) for f in entry.fields
        }
        citations.append(_citation(f"{name}:{(entry.start_line or 0) + 1}", entry.key, values))
    if not citations and not errors:
        errors.append(CurateError("no BibTeX entries found", name))
    return citations, errors


def _decoded(decoder: Any, key: str, value: str) -> str:
    """LaTeX decoded to text, except in fields where `%` or `_` are themselves. Most values
    hold no LaTeX at all and skip the decoder, which costs a millisecond a value."""
    if key in _VERBATIM or not _LATEX.search(value):
        return value.strip()
    try:
        return str(decoder.latex_to_text(value)).strip()
    except Exception:  # pylatexenc's own errors: keep the value as written
        return value.strip()


def _first_line(raw: str) -> str:
    return raw.strip().splitlines()[0][:60] if raw.strip() else ""


def _citation(where: str, key: str, values: dict[str, str]) -> Citation:
    fields: Record = {}
    for target, keys in _FIELDS:
        found = next((values[k] for k in keys if values.get(k)), None)
        if found:
            fields[target] = _plain(found)
    if "pages" in fields:
        fields["pages"] = names.pages(fields["pages"])
    authors = [a.strip() for a in re.split(r"\s+and\s+", values.get("author", "")) if a.strip()]
    if authors:
        fields["authors"] = [_plain(a) for a in authors]
    year = _YEAR.search(values.get("year") or values.get("date") or "")
    if year:
        fields["year"] = int(year.group(1))
    own: Record = {}
    if values.get(OWN_TYPE):
        own = {"id": key, "type": values[OWN_TYPE]}
        if values.get(OWN_SUMMARY):
            own["summary"] = values[OWN_SUMMARY]
    return Citation(where, fields, own=own)


def _plain(text: str) -> str:
    """Leftover protective braces taken out, whitespace collapsed."""
    return " ".join(text.replace("{", "").replace("}", "").split())


def render(sources: list[Record]) -> str:
    return "\n".join(_entry(s) for s in sources)


def _entry(source: Record) -> str:
    values: list[tuple[str, str]] = [("title", str(source.get("title", "")))]
    if source.get("authors"):
        values.append(("author", " and ".join(str(a) for a in source["authors"])))
    for target, keys in _FIELDS[1:]:
        if source.get(target):
            values.append((keys[0], str(source[target])))
    if source.get("year"):
        values.append(("year", str(source["year"])))
    values.append((OWN_TYPE, str(source.get("type", ""))))
    if source.get("summary"):
        values.append((OWN_SUMMARY, str(source["summary"])))
    kind = "article" if source.get("journal") else "misc"
    body = ",\n".join(f"  {k} = {{{_escaped(k, v)}}}" for k, v in values)
    return f"@{kind}{{{source['id']},\n{body}\n}}\n"


def _escaped(key: str, value: str) -> str:
    if key in _VERBATIM:
        return value
    value = _SPECIAL.sub(r"\\\1", value)
    return value.replace("-", "{-}") if "--" in value else value
