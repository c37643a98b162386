"""Reading records to import: cards, YAML, JSON, JSON Lines and CSV, each with its place.

A record is a compound unless it says `kind: source` (sources also come from a
card's sources section). Nothing here touches the repository; problems are
collected with their input location so that a batch can report them all at once.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curate.errors import CurateError
from curate.records import cards, model
from curate.records.model import Kind, Record

FORMATS = ("card", "yaml", "json", "jsonl", "csv")
BY_SUFFIX = {".txt": "card", ".card": "card", ".yaml": "yaml", ".yml": "yaml", ".json": "json",
             ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}  # fmt: skip
# In CSV cells list items are separated by ";"; a literal ";" inside an item is written "\;".
_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\);")


@dataclass
class Incoming:
    kind: Kind
    record: Record
    where: str
    # Partial: the fields it gives update a stored record and the others are kept (a
    # citation matched by DOI or PMID, or a source cited by its `type / id` alone).
    partial: bool = False


def split_list(cell: str) -> list[str]:
    parts = _UNESCAPED_SEMICOLON.split(cell)
    return [p.replace("\\;", ";").strip() for p in parts if p.strip()]


def join_list(items: list[Any]) -> str:
    return "; ".join(str(i).replace(";", "\\;") for i in items)


def normalize_record(record: Record, kind: Kind) -> Record:
    """Whitespace trimmed, empty values dropped, fields in canonical order."""
    out: Record = {}
    for key, value in record.items():
        if isinstance(value, str):
            value = value.strip()
        elif isinstance(value, list):
            value = [v.strip() if isinstance(v, str) else v for v in value]
            value = [v for v in value if v not in ("", None)]
        if value is None or value == "":
            continue
        out[str(key)] = value
    return model.canonical(out, kind)


def _kind(record: Record, where: str) -> Kind:
    kind = record.pop("kind", None)
    if kind in (None, "compound"):
        return "compound"
    if kind == "source":
        return "source"
    raise CurateError(f"kind {kind!r} is neither compound nor source", where)


def detect(path: str, text: str, forced: str | None) -> str:
    if forced:
        return forced
    fmt = BY_SUFFIX.get(Path(path).suffix.lower())
    if fmt:
        return fmt
    head = text.lstrip()[:200]
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        return "jsonl" if "\n{" in text.strip() else "json"
    if (
        re.match(r"(?i)id\s*:", head)
        and re.search(r"(?im)^(type|status)\s*:", text)
        and "\n- " in text
    ):
        return "card" if re.search(r"(?m)^Evidence level:", text) else "yaml"
    return "yaml"


def read_text(path: str) -> tuple[str, str]:
    """(name for messages, text) of an input file, or of stdin for '-'."""
    name = "<stdin>" if path == "-" else path
    try:
        return name, sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CurateError("no such file", name) from None
    except UnicodeDecodeError as exc:
        raise CurateError(f"not UTF-8 (byte {exc.start})", name) from None


def read(
    path: str, forced: str | None, text: str | None = None
) -> tuple[list[Incoming], list[CurateError]]:
    if text is None:
        name, text = read_text(path)
    else:
        name = "<stdin>" if path == "-" else path
    fmt = detect(path, text, forced)
    parser = {"card": _cards, "yaml": _yaml, "json": _json, "jsonl": _jsonl, "csv": _csv}[fmt]
    items: list[Incoming] = []
    errors: list[CurateError] = []
    for where, record, kind in parser(name, text, errors):
        try:
            if kind is None:
                if not isinstance(record, dict):
                    raise CurateError(
                        f"expected a mapping of fields, got {type(record).__name__}", where
                    )
                kind = _kind(record, where)
            items.append(Incoming(kind, normalize_record(record, kind), where))
        except CurateError as exc:
            errors.append(exc)
    return items, errors


Parsed = list[tuple[str, Any, "Kind | None"]]


def _cards(name: str, text: str, errors: list[CurateError]) -> Parsed:
    out: Parsed = []
    for line, chunk in cards.split_cards(text):
        card = cards.parse_card(chunk, line)
        if card.issues:
            errors.extend(CurateError(i.message, name, i.line) for i in card.issues)
            continue
        out.append((f"{name}:{line}", card.compound, "compound"))
        out.extend((f"{name}:{line}", source, "source") for source in card.sources)
    return out


def _yaml(name: str, text: str, errors: list[CurateError]) -> Parsed:
    import yaml

    from curate.records.plainyaml import PLAIN_CONSTRUCTOR, refuse_surprises
    from curate.records.yamltext import SafeLoader

    try:
        refused = refuse_surprises(text)
        if refused:
            errors.append(CurateError(refused[2], name, refused[0], refused[1]))
            return []
        nodes = list(yaml.compose_all(text, Loader=SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        errors.append(
            CurateError(f"YAML syntax error: {exc.problem}", name, mark.line + 1 if mark else None)
        )
        return []
    out: Parsed = []
    for node in nodes:
        data = PLAIN_CONSTRUCTOR.plain(node)
        line = node.start_mark.line + 1
        if isinstance(data, list):
            out.extend((f"{name}:{line}: record {n}", item, None) for n, item in enumerate(data, 1))
        elif data is not None:
            out.append((f"{name}:{line}", data, None))
    return out


def _json(name: str, text: str, errors: list[CurateError]) -> Parsed:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        errors.append(CurateError(f"JSON error: {exc.msg}", name, exc.lineno, exc.colno))
        return []
    if isinstance(data, list):
        return [(f"{name}: record {n}", item, None) for n, item in enumerate(data, 1)]
    return [(name, data, None)]


def _jsonl(name: str, text: str, errors: list[CurateError]) -> Parsed:
    out: Parsed = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append((f"{name}:{number}", json.loads(line), None))
        except json.JSONDecodeError as exc:
            errors.append(CurateError(f"JSON error: {exc.msg}", name, number, exc.colno))
    return out


def _csv(name: str, text: str, errors: list[CurateError]) -> Parsed:
    reader = csv.DictReader(io.StringIO(text))
    out: Parsed = []
    for row in reader:
        where = f"{name}:{reader.line_num}"
        if None in row:
            errors.append(CurateError("more cells than header fields", name, reader.line_num))
            continue
        record: Record = {k: v for k, v in row.items() if k and v not in (None, "")}
        kind = record.get("kind", "compound")
        lists = model.SOURCE_LISTS if kind == "source" else model.COMPOUND_LISTS
        for key, value in list(record.items()):
            if key in lists:
                record[key] = split_list(value)
            elif key == "year" and value.strip().isdigit():
                record[key] = int(value)
        out.append((where, record, None))
    return out
