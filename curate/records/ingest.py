"""Reading records to import: cards, YAML, JSON, JSON Lines and CSV, each with its place.

A record is a compound unless it says `kind: source` (sources also come from a
card's sources section). Nothing here touches the repository; problems are
collected with their input location so that a batch can report them all at once.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curate.errors import CurateError
from curate.records import cards, files, model
from curate.records.model import Kind, Record

if TYPE_CHECKING:
    import csv

BY_SUFFIX = {".txt": "card", ".card": "card", ".yaml": "yaml", ".yml": "yaml", ".json": "json",
             ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}  # fmt: skip
# In CSV cells list items are separated by ";"; a literal ";" inside an item is written "\;".
_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\);")


class Incoming:
    """Plain class rather than a dataclass: `curate add` cannot afford importing inspect."""

    __slots__ = ("kind", "partial", "record", "where")

    def __init__(self, kind: Kind, record: Record, where: str, partial: bool = False) -> None:
        self.kind = kind
        self.record = record
        self.where = where
        # Partial: the fields it gives update a stored record and the others are kept (a
        # citation matched by DOI or PMID, or a source cited by its `type / id` alone).
        self.partial = partial


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
        text = sys.stdin.read() if path == "-" else files.read_bytes(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CurateError(f"not UTF-8 (byte {exc.start})", name) from None
    # A spreadsheet's or Windows editor's byte-order mark is no part of the first field.
    return name, text.removeprefix("\ufeff")


def read(
    path: str, forced: str | None, text: str | None = None
) -> tuple[list[Incoming], list[CurateError]]:
    if text is None:
        name, text = read_text(path)
    else:
        name = "<stdin>" if path == "-" else path
    fmt = detect(path, text, forced)
    parser = {"card": _cards, "yaml": _yaml, "json": _json_file, "jsonl": _jsonl, "csv": _csv}[fmt]
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
    if not items and not errors and text.strip():
        how = f" (--from {fmt})" if forced else ""
        errors.append(CurateError(f"no records found reading it as {fmt}{how}", name))
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
    from curate.records.plainyaml import PLAIN_CONSTRUCTOR, refuse_surprises
    from curate.records.yamllib import yaml
    from curate.records.yamltext import SafeLoader

    out: Parsed = []
    try:
        refused = refuse_surprises(text)
        if refused:
            errors.append(CurateError(refused[2], name, refused[0], refused[1]))
            return []
        for node in yaml.compose_all(text, Loader=SafeLoader):
            if _yaml_duplicates(name, node, errors):
                continue
            data = PLAIN_CONSTRUCTOR.plain(node)
            line = node.start_mark.line + 1
            if isinstance(data, list):
                out.extend((f"{name}:{line}: record {n}", r, None) for n, r in enumerate(data, 1))
            elif data is not None:
                out.append((f"{name}:{line}", data, None))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (
            "YAML error"
            if isinstance(exc, yaml.constructor.ConstructorError)
            else "YAML syntax error"
        )
        line = mark.line + 1 if mark else None
        errors.append(CurateError(f"{what}: {exc.problem or exc.context}", name, line))
        return []
    return out


def _yaml_duplicates(name: str, node: Any, errors: list[CurateError]) -> bool:
    """Keys given twice in a record (or in a list's records): both places, as lint's CU002."""
    from yaml.nodes import MappingNode, SequenceNode

    from curate.records.plainyaml import duplicate_keys

    items = node.value if isinstance(node, SequenceNode) else [node]
    found = [d for item in items if isinstance(item, MappingNode) for d in duplicate_keys(item)]
    for key, first, again in found:
        errors.append(_given_twice(key, first, name, again))
    return bool(found)


def _given_twice(
    key: str, first: tuple[int, int], name: str, again: tuple[int, int]
) -> CurateError:
    return CurateError(
        f"key '{key}' was already given at line {first[0]}, column {first[1]}; "
        "readers keep only one of them, so the record is refused",
        name,
        *again,
    )


def _json(name: str, text: str, errors: list[CurateError], first_line: int = 1) -> Any:
    """One JSON text as data, or None with the reason in errors."""
    twice: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(items)
        if len(out) < len(items):
            twice.append(name)
        return out

    import json  # here, as csv: a card, the usual input, needs neither

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        errors.append(
            CurateError(f"JSON error: {exc.msg}", name, exc.lineno + first_line - 1, exc.colno)
        )
        return None
    except RecursionError:
        errors.append(
            CurateError(
                "JSON error: nested too deeply (arrays or objects within each other)",
                name,
                first_line,
            )
        )
        return None
    except ValueError:  # Python refuses to convert a number of more than 4,300 digits
        at = re.search(r"[0-9]{4301,}", text)
        line, col = _line_col(text, at.start() if at else 0)
        digits = len(at.group()) if at else 0
        errors.append(
            CurateError(
                f"JSON error: a number of {digits} digits", name, line + first_line - 1, col
            )
        )
        return None
    for key, first, again in _json_duplicates(text) if twice else ():
        (l1, c1), (l2, c2) = _line_col(text, first), _line_col(text, again)
        errors.append(_given_twice(key, (l1 + first_line - 1, c1), name, (l2 + first_line - 1, c2)))
    return None if twice else data


def _json_file(name: str, text: str, errors: list[CurateError]) -> Parsed:
    data = _json(name, text, errors)
    if isinstance(data, list):
        return [(f"{name}: record {n}", item, None) for n, item in enumerate(data, 1)]
    return [] if data is None else [(name, data, None)]


def _jsonl(name: str, text: str, errors: list[CurateError]) -> Parsed:
    out: Parsed = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            data = _json(name, line, errors, number)
            if data is not None:
                out.append((f"{name}:{number}", data, None))
    return out


# Strings (a key when a colon follows) and brackets: enough to place keys in valid JSON.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"\s*:?|[{}\[\]]')


def _json_duplicates(text: str) -> list[tuple[str, int, int]]:
    """(key, offset, offset again) of each key an object gives twice.

    Asked only once the parser found one: its hook sees keys but not where they are.
    """
    import json

    stack: list[dict[str, int] | None] = []
    out = []
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in ("{", "["):
            stack.append({} if token == "{" else None)
        elif token in ("}", "]"):
            stack.pop()
        elif token.endswith(":") and stack and (seen := stack[-1]) is not None:
            key = json.loads(token[:-1].rstrip())
            if key in seen:
                out.append((key, seen[key], match.start()))
            else:
                seen[key] = match.start()
    return out


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _csv(name: str, text: str, errors: list[CurateError]) -> Parsed:
    """Rows under a header line; quoted cells may hold commas, quotes and line breaks."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text), strict=True)
    out: Parsed = []
    done = 0  # the last line of the last row read
    try:
        header = [cell.strip() for cell in next(reader, [])]
        done = reader.line_num
        problem = _header_problem(header)
        if problem:
            errors.append(CurateError(problem, name, 1))
            return []
        for cells in reader:
            start, done = done + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                _csv_row(name, start, header, cells, out, errors)
    except csv.Error as exc:
        line = _open_quote_line(text, done + 1)
        errors.append(
            CurateError("CSV error: a quoted cell opens here and never closes", name, line)
            if line is not None
            else CurateError(f"CSV error: {_csv_reason(exc)}", name, reader.line_num)
        )
        return []
    return out


def _csv_reason(exc: csv.Error) -> str:
    import csv

    if "field limit" in str(exc):
        return f"a cell is longer than {csv.field_size_limit()} characters, csv's limit"
    return str(exc)


def _header_problem(header: list[str]) -> str | None:
    if not any(header):
        return "CSV error: the first line must name the columns (id, type, ...); it is empty"
    if "id" not in header:
        named = ", ".join(h for h in header if h)
        return f"CSV error: the header line has no 'id' column (it names: {named})"
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:
        return f"CSV error: column {', '.join(map(repr, twice))} is named twice in the header"
    return None


def _csv_row(
    name: str,
    line: int,
    header: list[str],
    cells: list[str],
    out: Parsed,
    errors: list[CurateError],
) -> None:
    if len(cells) > len(header):
        message = f"{len(cells)} cells, but the header names {len(header)} columns"
        errors.append(CurateError(message, name, line))
        return
    # A line break inside a quoted cell is CRLF in a spreadsheet's file: one "\n" here.
    pairs = zip(header, cells, strict=False)
    record: Record = {k: v.replace("\r\n", "\n") for k, v in pairs if k and v != ""}
    if not record.get("id", "").strip():
        errors.append(CurateError("the 'id' cell is empty", name, line))
        return
    kind = record.get("kind", "compound")
    lists = model.SOURCE_LISTS if kind == "source" else model.COMPOUND_LISTS
    for key, value in list(record.items()):
        if key in lists:
            record[key] = split_list(value)
        elif key == "year" and re.fullmatch(r"\s*[0-9]{1,9}\s*", value):
            record[key] = int(value)
    out.append((f"{name}:{line}", record, None))


def _open_quote_line(text: str, first_line: int) -> int | None:
    """The line where a quoted cell opens and never closes, looking from first_line on."""
    inside, opened = False, None
    for number, line in enumerate(text.split("\n")[first_line - 1 :], first_line):
        for char in line:
            if char == '"':
                inside = not inside
                opened = number if inside else opened
    return opened if inside else None
