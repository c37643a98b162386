"""Plain-text reference lists in the NLM/Vancouver style that articles print:

    Johnson SC, Rabinovitch PS, Kaeberlein M. mTOR is a key modulator of ageing and
    age-related disease. Nature. 2013;493(7432):338–45. doi:10.1038/nature11861.

One reference per line, or per item marked `- `, `1.`, `1)` or `[1]` (an item's
wrapped lines are joined). Authors end at the first full stop, "et al." is dropped
from the names; the journal is the part before `Year;Volume(Issue):Pages` and is kept
as written (abbreviations too); `doi:`, `https://doi.org/`, `PMID:` and `PMCID:` at
the end give the identifiers. A reference that lacks the journal-and-year part, or
ends inside a word, a page range or a DOI, was cut off: it is reported as incomplete
with its line, never completed by guesswork. Lines before the first marked item that
have no year part (a "References" heading) are skipped.
"""

from __future__ import annotations

import re

from curate.errors import CurateError
from curate.records import identifiers
from curate.records.citations import Citation, names
from curate.records.model import Record

_MARKER = re.compile(r"^\s*(?:[-–•*]\s+|\[\d+\]\s*|\d{1,6}[.)]\s+)")
_PUBLISHED = re.compile(
    r"(?P<journal>[^.?!]+?)\.\s+(?P<year>1[89]\d\d|20\d\d)[a-z]?"
    r"(?:\s+[A-Z][a-z]{2}(?:-[A-Z][a-z]{2})?(?:\s+\d{1,2})?)?"
    r"(?:;\s*(?P<volume>[^():;.]*)(?:\((?P<issue>[^)]*)\))?)?"
    r"(?::\s*(?P<pages>[^.;]+))?\.?\s*$"
)
_IDENTIFIERS = (
    ("doi", re.compile(r"(?:^|\s)(?:doi:\s*|https?://(?:dx\.)?doi\.org/)(\S+?)[.\s]*$", re.I)),
    ("pmid", re.compile(r"(?:^|\s)PMID:\s*(\d+)[.\s]*$")),
    ("pmcid", re.compile(r"(?:^|\s)PMCID:\s*(PMC\d+)[.\s]*$")),
)
_ET_AL = re.compile(r"^et\.?\s*al\.?$", re.I)
_CUT_OFF_END = re.compile(r"[-–,;:(<\[/&]\s*$")


def items(text: str) -> list[tuple[int, str]]:
    """(line, text) of each reference in a pasted list."""
    lines = text.splitlines()
    marked = any(_MARKER.match(line) for line in lines)
    out: list[tuple[int, list[str]]] = []
    open_item = False
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            open_item = False
            continue
        marker = _MARKER.match(raw)
        if marker:
            out.append((number, [raw[marker.end() :].strip()]))
            open_item = True
        elif marked and open_item:
            out[-1][1].append(line)
        elif _PUBLISHED.search(_strip_identifiers(line)[0]) or (marked and out):
            out.append((number, [line]))
            open_item = marked
        # else: a heading ("References", "Källor") before the list
    return [(number, " ".join(parts)) for number, parts in out]


def _strip_identifiers(text: str) -> tuple[str, Record]:
    found: Record = {}
    rest = text.strip()
    progress = True
    while progress:
        progress = False
        for key, pattern in _IDENTIFIERS:
            match = pattern.search(rest)
            if match and key not in found:
                found[key] = match.group(1)
                rest = rest[: match.start()].rstrip()
                progress = True
    return rest, found


def parse_one(text: str) -> Record | str:
    """The fields of one reference, or why it is incomplete."""
    if _CUT_OFF_END.search(text):
        return f"it ends with {text.rstrip()[-1]!r}, as if cut off"
    rest, found = _strip_identifiers(text)
    doi = found.get("doi")
    if doi is not None:
        found["doi"] = identifiers.doi_normal(doi)
        if not identifiers.DOI_RE.match(found["doi"]):
            return f"its DOI {doi!r} is incomplete or malformed"
    published = _PUBLISHED.search(rest)
    if published is None:
        return "it has no 'Journal. Year;Volume(Issue):Pages' part, as if cut off"
    head = rest[: published.start()].strip()
    authors_text, _, title = _split_authors(head)
    title = title.strip().removesuffix(".").strip()
    if not title:
        return "no title found before the journal"
    fields: Record = {"title": title}
    authors = [a.strip() for a in authors_text.split(",")]
    authors = [a for a in authors if a and not _ET_AL.match(a)]
    if authors:
        fields["authors"] = authors
    fields["journal"] = published.group("journal").strip()
    fields["year"] = int(published.group("year"))
    for key in ("volume", "issue"):
        if published.group(key) and published.group(key).strip():
            fields[key] = published.group(key).strip()
    if published.group("pages"):
        fields["pages"] = names.pages(published.group("pages"))
    fields.update(found)
    return fields


def _split_authors(head: str) -> tuple[str, str, str]:
    """Authors end at the first full stop that closes a name (after initials or et al.)."""
    for match in re.finditer(r"\.\s+", head):
        before = head[: match.start()]
        last = before.rsplit(",", 1)[-1].strip()
        if re.search(r"(?:\b[A-Z]{1,4}|\bet al|\b[A-Z][a-z]+)$", last):
            return before, ".", head[match.end() :]
    return "", "", head


def parse(name: str, text: str) -> tuple[list[Citation], list[CurateError]]:
    citations: list[Citation] = []
    errors: list[CurateError] = []
    for number, (line, item) in enumerate(items(text), 1):
        result = parse_one(item)
        if isinstance(result, str):
            errors.append(
                CurateError(f"reference {number} is incomplete: {result}; not imported", name, line)
            )
            continue
        citations.append(Citation(f"{name}:{line}", result))
    if not citations and not errors:
        errors.append(CurateError("no references found", name))
    return citations, errors


def render(source: Record) -> str:
    """One source as an NLM reference (the inverse of parse_one for what it states)."""
    authors = [str(a) for a in source.get("authors") or []]
    shown = ", ".join(authors[:6]) + (", et al" if len(authors) > 6 else "")
    parts = [f"{shown}." if shown else "", _sentence(str(source.get("title", "")))]
    container = source.get("journal") or source.get("publisher")
    if container:
        parts.append(f"{container}.")
    published = str(source.get("year", ""))
    if source.get("volume"):
        published += f";{source['volume']}"
    if source.get("issue"):
        published += f"({source['issue']})"
    if source.get("pages"):
        published += f":{source['pages']}"
    if published:
        parts.append(f"{published}.")
    for key, label in (("doi", "doi:"), ("pmid", "PMID: "), ("pmcid", "PMCID: ")):
        if source.get(key):
            parts.append(f"{label}{source[key]}.")
    if source.get("url") and not source.get("doi"):
        parts.append(f"Available from: {source['url']}")
    return " ".join(p for p in parts if p)


def _sentence(title: str) -> str:
    return title if title.endswith((".", "?", "!")) else f"{title}."
