"""CSL-JSON, as Zotero, Pandoc and citeproc tools write it: a JSON array of items.

An item's `author` names are `{"family", "given"}` (joined "Family, Given", or
"Family GI" for bare initials, see names.py) or `{"literal"}`; `container-title-short`
is preferred as the journal (the abbreviation, as articles cite it), then
`container-title`; the year is the first of `issued.date-parts`; `page`, `volume`,
`issue`, `DOI`, `PMID`, `PMCID`, `URL` and `publisher` are taken as given. A file
that is not an array, or an item that is not an object, is an error with its line.

`curate export --format csl-json` keeps the source id as `id`, and its type and
summary under `custom` (CSL 1.0.2's place for data other processors ignore).
"""

from __future__ import annotations

import json
import re
from typing import Any

from curate.errors import CurateError
from curate.records.citations import OWN_SUMMARY, OWN_TYPE, Citation, names
from curate.records.model import Record

_SIMPLE = (("title", "title"), ("volume", "volume"), ("issue", "issue"), ("doi", "DOI"),
           ("pmid", "PMID"), ("pmcid", "PMCID"), ("url", "URL"), ("publisher", "publisher"))  # fmt: skip
_ITEM_START = re.compile(r"(?m)^\s*\{|(?<=\[)\s*\{|(?<=,)\s*\{")


def parse(name: str, text: str) -> tuple[list[Citation], list[CurateError]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [CurateError(f"JSON error: {exc.msg}", name, exc.lineno, exc.colno)]
    if not isinstance(data, list):
        first = text[: len(text) - len(text.lstrip())].count("\n") + 1
        kind = type(data).__name__.replace("dict", "object")
        return [], [CurateError(f"CSL-JSON must be an array of items, not an {kind}", name, first)]
    lines = _item_lines(text, len(data))
    citations: list[Citation] = []
    errors: list[CurateError] = []
    for number, item in enumerate(data, 1):
        line: int | None = lines[number - 1] if number <= len(lines) else None
        if not isinstance(item, dict):
            errors.append(CurateError(f"CSL-JSON item {number} is not an object", name, line))
            continue
        citations.append(_citation(f"{name}:{line}" if line else f"{name}: item {number}", item))
    return citations, errors


def _item_lines(text: str, count: int) -> list[int]:
    """Where each top-level item starts, found by decoding item by item."""
    decoder = json.JSONDecoder()
    out: list[int] = []
    pos = text.index("[") + 1
    line, counted = 1, 0  # newlines are counted once, as the position moves on
    for _ in range(count):
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        line += text.count("\n", counted, pos)
        counted = pos
        out.append(line)
        try:
            _value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            break
    return out


def _text(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _citation(where: str, item: dict[str, Any]) -> Citation:
    fields: Record = {}
    for target, key in _SIMPLE:
        value = _text(item.get(key))
        if value:
            fields[target] = value
    journal = _text(item.get("container-title-short")) or _text(item.get("container-title"))
    if journal and item.get("type", "article-journal") == "article-journal":
        fields["journal"] = journal
    page = _text(item.get("page"))
    if page:
        fields["pages"] = names.pages(page)
    authors = [_name(a) for a in item.get("author") or [] if isinstance(a, dict)]
    if [a for a in authors if a]:
        fields["authors"] = [a for a in authors if a]
    year = _year(item.get("issued"))
    if year:
        fields["year"] = year
    found = item.get("custom")
    custom: dict[str, Any] = found if isinstance(found, dict) else {}
    own: Record = {}
    if _text(custom.get(OWN_TYPE)) and _text(item.get("id")):
        own = {"id": _text(item.get("id")), "type": _text(custom.get(OWN_TYPE))}
        if _text(custom.get(OWN_SUMMARY)):
            own["summary"] = _text(custom.get(OWN_SUMMARY))
    return Citation(where, fields, own=own)


def _name(author: dict[str, Any]) -> str:
    literal = _text(author.get("literal"))
    if literal:
        return literal
    return names.join_name(_text(author.get("family")) or "", _text(author.get("given")) or "")


def _year(issued: Any) -> int | None:
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            first = parts[0][0]
            if isinstance(first, int) or (isinstance(first, str) and first.isdigit()):
                return int(first)
        raw = issued.get("raw") or issued.get("literal")
        found = re.search(r"\b(1[89]\d\d|20\d\d)\b", str(raw or ""))
        return int(found.group(1)) if found else None
    return None


def render(sources: list[Record]) -> str:
    return json.dumps([_item(s) for s in sources], indent=2, ensure_ascii=False) + "\n"


def _item(source: Record) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": source["id"],
        "type": "article-journal" if source.get("journal") else "document",
    }
    for target, key in _SIMPLE:
        if source.get(target):
            item[key] = source[target]
    if source.get("journal"):
        item["container-title"] = source["journal"]
    if source.get("authors"):
        item["author"] = [_split(str(a)) for a in source["authors"]]
    if source.get("year"):
        item["issued"] = {"date-parts": [[source["year"]]]}
    if source.get("pages"):
        item["page"] = source["pages"]
    item["custom"] = {OWN_TYPE: source.get("type", "")}
    if source.get("summary"):
        item["custom"][OWN_SUMMARY] = source["summary"]
    return item


def _split(name: str) -> dict[str, str]:
    """Family and given where joining them gives the name back; else the name as literal."""
    family, given = names.split_name(name)
    if names.join_name(family, given) == name:
        return {"family": family, "given": given} if given else {"family": family}
    return {"literal": name}
