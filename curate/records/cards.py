"""The record card: the plain-text layout curators paste from reviews.

Two layouts of the sources section are read. The clean one puts each source on
three lines (`- Title`, `type / id`, summary). The scraped one, as copied from a
web page, glues the next title onto the previous summary after ` - `, and titles
may contain ` - ` themselves; the split is made after the summary's closing
full stop where there is one, since summaries are sentences and titles are not.
"""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing
# compiles a NamedTuple's string annotations, and a process's first compile() costs a
# third of a `python -c pass`.

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from curate.records import deferred, model
from curate.records.model import Record

LABELS = {label.casefold(): name for name, label, _ in model.COMPOUND_FIELDS}
LIST_FIELDS = model.COMPOUND_LISTS
DERIVED = {"source types": "source_types", "linked sources": "linked_sources"}

_FIELD_LINE = deferred.pattern(r"^([A-Za-z][A-Za-z /,]*?)\s*:\s*(.*)$")
_SOURCE_REF = deferred.pattern(r"^([a-z][a-z_]*)\s*/\s*([a-z][a-z0-9_]*)$")
_GLUE_AFTER_SENTENCE = deferred.pattern(r"(?<=[.!?])\s+-\s+")
_GLUE = deferred.pattern(r"\s+-\s+")
_CARD_SEPARATOR = deferred.pattern(r"^---\s*$")
# Optional lines after a source's summary, so cards carry a source's whole record;
# `authors:` holds its names separated by "; " (names may contain commas).
SOURCE_EXTRAS = model.SOURCE_EXTRAS
_SOURCE_EXTRA = deferred.pattern(rf"^({'|'.join(SOURCE_EXTRAS)}):\s*(.*)$")
AUTHOR_SEPARATOR = "; "


# NamedTuples and a plain class, not dataclasses: `curate show` renders cards and
# cannot afford the import of inspect that dataclasses brings.
class CardIssue(NamedTuple):
    line: int
    message: str


class Card:
    def __init__(self, compound: Record, sources: list[Record], line: int = 1) -> None:
        self.compound = compound
        self.sources = sources
        self.line = line
        self.issues: list[CardIssue] = []


class _Line(NamedTuple):
    number: int
    text: str


def split_cards(text: str) -> Iterator[tuple[int, str]]:
    """Cards in a text: separated by a `---` line, or a blank line before the next `ID:`."""
    lines = text.splitlines()
    start, chunk = 1, list[str]()
    for i, line in enumerate(lines, 1):
        next_is_id = line.strip().casefold().startswith("id:") and chunk and not chunk[-1].strip()
        if _CARD_SEPARATOR.match(line) or next_is_id:
            if any(c.strip() for c in chunk):
                yield start, "\n".join(chunk)
            start, chunk = (i + 1, []) if _CARD_SEPARATOR.match(line) else (i, [line])
            continue
        chunk.append(line)
    if any(c.strip() for c in chunk):
        yield start, "\n".join(chunk)


def _split_inline(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def parse_card(text: str, first_line: int = 1) -> Card:
    """A card's compound and sources; problems are collected as issues, never guessed away."""
    card = Card(compound={}, sources=[], line=first_line)
    stated: dict[str, tuple[int, str]] = {}
    section: str | None = None
    source_lines: list[_Line] = []
    id_line = None
    for offset, raw in enumerate(text.splitlines()):
        number, line = first_line + offset, raw.strip()
        if not line:
            continue
        header = LABELS.get(line.rstrip(":").strip().casefold())
        if header in LIST_FIELDS and (line.endswith(":") or _FIELD_LINE.match(line) is None):
            section = header
            card.compound.setdefault(header, [])
            continue
        match = _FIELD_LINE.match(line) if not line.startswith("- ") else None
        label = match.group(1).casefold() if match else None
        if match and label is not None and (label in LABELS or label in DERIVED):
            section = None
            value = match.group(2).strip()
            if label in DERIVED:
                stated[DERIVED[label]] = (number, value)
                continue
            name = LABELS[label]
            if name == "id":
                id_line = number
            if name in card.compound and name != "sources":
                card.issues.append(CardIssue(number, f"field '{match.group(1)}' given twice"))
            card.compound[name] = _split_inline(value) if name in LIST_FIELDS else value
            continue
        if section == "sources":
            source_lines.append(_Line(number, line))
        elif section is not None and line.startswith("- "):
            card.compound[section].append(line[2:].strip())
        elif section is not None and card.compound[section]:
            # A wrapped item: the text goes on from the line before.
            card.compound[section][-1] += " " + line
        else:
            card.issues.append(CardIssue(number, f"unrecognised card line: {line[:60]!r}"))
    if id_line is None:
        card.issues.insert(0, CardIssue(first_line, "card has no 'ID:' line"))
    card.sources = _parse_sources(source_lines, card)
    if card.sources or "sources" in card.compound:
        card.compound["sources"] = [s["id"] for s in card.sources]
    card.compound = model.canonical(card.compound, "compound")
    _check_derived(card, stated)
    return card


def _split_glued(text: str) -> tuple[str, str]:
    """(summary, next title) from a scraped line; the title is empty when nothing is glued."""
    match = _GLUE_AFTER_SENTENCE.search(text) or _GLUE.search(text)
    if match is None:
        return text, ""
    return text[: match.start()].strip(), text[match.end() :].strip()


def _parse_sources(lines: list[_Line], card: Card) -> list[Record]:
    refs = [i for i, ln in enumerate(lines) if _SOURCE_REF.match(ln.text)]
    if lines and not refs:
        card.issues.append(CardIssue(lines[0].number, "sources section has no 'type / id' line"))
    if not refs:
        return []
    titles = [_title(lines[: refs[0]], card)]
    summaries: list[tuple[str, Record]] = []
    for k, ref in enumerate(refs):
        last = k + 1 == len(refs)
        end = len(lines) if last else refs[k + 1]
        body = lines[ref + 1 : end]
        found_extras: Record = {}
        while body and (found := _extra_line(body)) is not None:
            found_extras.update(found)
        summary, next_title = _summary_and_next_title(body, last)
        summaries.append((summary, found_extras))
        titles.append(next_title)
    sources: list[Record] = []
    for ref, title, (summary, extras) in zip(refs, titles, summaries, strict=False):
        number, match = lines[ref].number, _SOURCE_REF.match(lines[ref].text)
        assert match is not None  # refs holds only matching lines
        source: Record = {"id": match.group(2), "type": match.group(1), "title": title}
        if not title and not summary and not extras:
            # Cited by its `type / id` line alone: a source the repository already holds.
            sources.append({"id": match.group(2), "type": match.group(1)})
            continue
        for name, value in (("title", title), ("summary", summary)):
            if not value:
                card.issues.append(CardIssue(number, f"source {match.group(2)} has no {name}"))
        if summary:
            source["summary"] = summary
        source.update(extras)
        sources.append(model.canonical(source, "source"))
    return sources


def _extra_line(body: list[_Line]) -> Record | None:
    """Take one `doi: ...`-style line from where it sits: after the summary line(s)."""
    for i, line in enumerate(body):
        if line.text.startswith("- "):
            break
        match = _SOURCE_EXTRA.match(line.text)
        if match:
            del body[i]
            name, text = match.group(1), match.group(2)
            value: object = text
            if name == "year" and text.isdigit():
                value = int(text)
            elif name in model.SOURCE_LISTS:
                value = [part.strip() for part in text.split(AUTHOR_SEPARATOR.strip())]
            return {name: value}
    return None


def _title(prelude: list[_Line], card: Card) -> str:
    text = " ".join(ln.text for ln in prelude)
    if prelude and not text.startswith("- "):
        card.issues.append(
            CardIssue(prelude[0].number, "a source title line should start with '- '")
        )
    return text[2:].strip() if text.startswith("- ") else text.strip()


def _summary_and_next_title(body: list[_Line], last: bool) -> tuple[str, str]:
    if last:
        return " ".join(ln.text for ln in body), ""
    starts = [i for i, ln in enumerate(body) if ln.text.startswith("- ")]
    if starts and starts[-1] == 0:  # no summary: the next source's title follows at once
        return "", " ".join(ln.text for ln in body)[2:].strip()
    if starts and starts[-1] > 0:
        cut = starts[-1]
        summary = " ".join(ln.text for ln in body[:cut])
        return summary, " ".join(ln.text for ln in body[cut:])[2:].strip()
    return _split_glued(" ".join(ln.text for ln in body))


def _check_derived(card: Card, stated: Mapping[str, tuple[int, str]]) -> None:
    types = sorted({str(s["type"]) for s in card.sources})
    if "source_types" in stated:
        number, value = stated["source_types"]
        claimed = sorted(set(_split_inline(value)))
        if claimed != types:
            card.issues.append(
                CardIssue(
                    number,
                    f"Source types says {', '.join(claimed) or 'nothing'} "
                    f"but the linked sources are {', '.join(types) or 'none'}",
                )
            )
    if "linked_sources" in stated:
        number, value = stated["linked_sources"]
        if value != str(len(card.sources)):
            card.issues.append(
                CardIssue(number, f"Linked sources says {value} but {len(card.sources)} are listed")
            )


def render_card(compound: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> str:
    """The clean layout; parse_card(render_card(r)) gives r back."""
    out: list[str] = []
    for name, label, is_list in model.COMPOUND_FIELDS:
        value = compound.get(name)
        if name == "broad_outcomes":
            out.append(f"Source types: {', '.join(model.source_types(compound, sources))}")
            out.append(f"Linked sources: {model.linked_sources(compound)}")
        if value is None or value == []:
            continue
        if name == "sources":
            out.append(label)
            out.extend(_render_source(sid, sources.get(sid)) for sid in value)
        elif name in model.INLINE_LISTS:
            out.append(f"{label}: {', '.join(str(v) for v in value)}")
        elif is_list:
            out.append(label)
            out.extend(f"- {item}" for item in value)
        else:
            out.append(f"{label}: {value}")
    return "\n".join(out) + "\n"


def _render_source(sid: str, source: Mapping[str, Any] | None) -> str:
    if source is not None and set(source) <= {"id", "type"}:
        return f"{source.get('type', '')} / {sid}"
    if source is None:
        return f"- (no source record)\nunknown / {sid}\n(no source record)"
    extras = "".join(
        f"\n{k}: {_extra_text(source[k])}"
        for k in SOURCE_EXTRAS
        if source.get(k) not in (None, "", [])
    )
    return f"- {source.get('title', '')}\n{source.get('type', '')} / {sid}\n{source.get('summary', '')}{extras}"


def _extra_text(value: object) -> str:
    if isinstance(value, list):
        return AUTHOR_SEPARATOR.join(str(v) for v in value)
    return str(value)
