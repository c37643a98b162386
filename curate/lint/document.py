"""Reading one record file for lint: facts about its bytes, its data, and where things are.

A file in canonical form (most of them) is read by `yamltext.load_canonical`, which
takes exactly the shape the canonical writer gives and reads it as libyaml would,
several times faster. Any other file goes to libyaml, which composes the node
tree; a small constructor then builds the data. The line and column of every key,
value and list item come from the node tree, composed when a rule first asks.
Anchors, aliases and explicit tags are refused before composing, so a "billion
laughs" file is never expanded and no tag ever reaches a constructor.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from curate.records.yamllib import yaml  # before yaml's own modules: see there

# isort: split
from yaml.nodes import MappingNode, SequenceNode

from curate.errors import CurateError
from curate.records import files
from curate.records.plainyaml import PLAIN_CONSTRUCTOR, duplicate_keys, mark
from curate.records.plainyaml import Pos as Pos
from curate.records.plainyaml import refuse_surprises as refuse_surprises
from curate.records.yamltext import compose, load_canonical

# (key position, value position, list item positions): plain tuples, so the lint
# cache can store them with marshal.
FieldPos = tuple[Pos, Pos, tuple[Pos, ...]]


class Document:
    """What lint knows about one file; every fact a rule needs, nothing printed.

    A plain class rather than a dataclass: a cold lint cannot afford importing inspect.
    """

    __slots__ = ("_positions", "bom", "crlf_line", "data", "decode_error", "duplicate_keys",
                 "keys", "kind", "node", "parsed", "path", "raw", "rel", "syntax_error", "text",
                 "unreadable", "unsafe")  # fmt: skip

    def __init__(
        self, path: str, rel: str, kind: str, *, unreadable: str | None = None, data: Any = None,
        parsed: bool = False, keys: list[tuple[str, str, int]] | None = None,
    ) -> None:  # fmt: skip
        self.path = path  # text, not a Path: forty thousand Path objects are a tenth of a cold run
        self.rel = rel
        self.kind = kind
        self.raw = b""
        self.unreadable = unreadable  # a FIFO, a folder, a symlink loop: never parsed
        self.text = ""
        self.decode_error: tuple[int, int, str] | None = None
        self.bom = False
        self.crlf_line: int | None = None
        self.unsafe: tuple[int, int, str] | None = None
        self.syntax_error: tuple[int, int, str] | None = None
        self.duplicate_keys: list[tuple[str, Pos, Pos]] = []
        self.data = data
        self.parsed = parsed
        self.keys = [] if keys is None else keys
        # The top mapping node while the file is being checked; positions come from it
        # on demand, or from reading the file again for a record that came from cache.
        self.node: MappingNode | None = None
        self._positions: dict[str, FieldPos] | None = None

    @property
    def positions(self) -> dict[str, FieldPos]:
        if self._positions is None:
            if self.node is None and self.parsed:
                # Read canonically, or from the lint cache (which keeps no text): compose now.
                self.node = _node_of(self.text) if self.text else _reread_node(self.path)
            self._positions = _field_positions(self.node) if self.node is not None else {}
        return self._positions

    # Plain properties: cheaper to recompute than functools.cached_property (which
    # takes a lock in Python 3.11) across hundreds of thousands of reads a run.
    @property
    def record(self) -> dict[str, Any] | None:
        data = self.data
        return data if isinstance(data, dict) else None

    @property
    def record_id(self) -> str | None:
        data = self.data
        rid = data.get("id") if isinstance(data, dict) else None
        return rid if isinstance(rid, str) else None

    @property
    def name(self) -> str:
        return self.rel.rpartition("/")[2]

    @property
    def stem(self) -> str:
        return os.path.splitext(self.name)[0]

    def at(self, key: str | None = None, index: int | None = None, value: bool = True) -> Pos:
        """Line and column of a key (or its value, or one list item); 1:1 when unknown."""
        where = self.positions.get(key) if key is not None else None
        if where is None:
            return (1, 1)
        key_pos, value_pos, items = where
        if index is not None and index < len(items):
            return items[index]
        return value_pos if value else key_pos


def read_document(
    path: str | Path, rel: str, kind: str, raw: bytes | None = None, unreadable: str | None = None
) -> Document:
    """What lint knows of a file; `unreadable` says why its bytes could not be had."""
    doc = Document(path=os.fspath(path), rel=rel, kind=kind, unreadable=unreadable)
    if unreadable is not None:
        return doc
    doc.raw = files.read_bytes(path) if raw is None else raw
    try:
        text = doc.raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = doc.raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (doc.raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.decode_error = (
            line,
            col,
            f"not UTF-8: byte 0x{doc.raw[exc.start]:02x} cannot be decoded",
        )
        return doc
    doc.bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        doc.crlf_line = text.count("\n", 0, text.index("\r")) + 1
        text = text.replace("\r\n", "\n")
    doc.text = text
    try:
        doc.unsafe = refuse_surprises(text)
        if doc.unsafe is None:
            _compose(doc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _inside(text, *((mark.line + 1, mark.column + 1) if mark else (1, 1)))
        doc.syntax_error = (line, col, str(exc.problem or exc.context or "YAML error"))
    except yaml.YAMLError as exc:
        doc.syntax_error = (1, 1, " ".join(str(exc).split()))
    return doc


def _inside(text: str, line: int, col: int) -> Pos:
    """A position past the last line (the parser reached the end) moved to the end of it,
    so that editors and code scanning can show it."""
    lines = text.splitlines()
    if line <= len(lines) or not lines:
        return (line, col)
    return (len(lines), max(1, len(lines[-1])))


def _compose(doc: Document) -> None:
    canonical = load_canonical(doc.text)  # no duplicate keys, or it would be None
    if canonical is not None:
        doc.parsed, doc.data = True, canonical
        return
    node = compose(doc.text)
    data = None if node is None else PLAIN_CONSTRUCTOR.plain(node)
    doc.parsed = True  # only once the data is built: a number too long is no empty file
    if isinstance(node, MappingNode):
        doc.node = node
        doc.duplicate_keys = duplicate_keys(node)
    doc.data = data


def _reread_node(path: str) -> MappingNode | None:
    try:
        return _node_of(files.read_bytes(path).decode("utf-8").removeprefix("\ufeff"))
    except (CurateError, UnicodeDecodeError):
        return None


def _node_of(text: str) -> MappingNode | None:
    try:
        node = compose(text)
    except yaml.YAMLError:
        return None
    return node if isinstance(node, MappingNode) else None


def field_positions_of(text: str) -> dict[str, FieldPos]:
    """Where each top-level key, value and list item of a record's text is."""
    node = compose(text)
    return _field_positions(node) if isinstance(node, MappingNode) else {}


def _field_positions(node: MappingNode) -> dict[str, FieldPos]:
    out: dict[str, FieldPos] = {}
    for key_node, value_node in node.value:
        items = (
            tuple(mark(i) for i in value_node.value) if isinstance(value_node, SequenceNode) else ()
        )
        if isinstance(key_node.value, str):
            out.setdefault(key_node.value, (mark(key_node), mark(value_node), items))
    return out
