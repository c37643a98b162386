"""Which known compounds a text mentions: dictionary matching over name keys.

Every id and alias becomes its compact key (and, for a name ending in a number
up to ten, the Roman form: "IGF-1" is also "igfi"), in an Aho-Corasick automaton.
The text is cut into words, each normalized like a name (NFKC, casefold, Greek
spelled out: "LongR³" is "longr3") and joined without separators, remembering
where words begin and end. A match counts only if it starts and ends on a word
edge, so "IGF-1" is found in "IGF‑1-genen" but not in "IGF-1R"; where matches
overlap the longest wins ("IGF-1 LR3" over "IGF-1").
"""

from __future__ import annotations

import bisect
import pickle
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from curate.lookup import names
from curate.lookup.index import Index

_WORD = re.compile(r"[^\W_]+")
_ROMAN_OF = {v: k for k, v in names.ROMAN.items()}


def name_keys(normalized: str) -> list[str]:
    keys = [names.compact(normalized)]
    head, _, tail = normalized.rpartition(" ")
    if head and tail in _ROMAN_OF:
        keys.append(names.compact(f"{head} {_ROMAN_OF[tail]}"))
    return keys


def build(index: Index) -> Any:
    import ahocorasick

    owners: dict[str, dict[str, str]] = {}
    for _file, rid, name, _compact in index.all_names():
        for key in name_keys(names.normalize(name)):
            owners.setdefault(key, {}).setdefault(rid, name)
    automaton = ahocorasick.Automaton()
    for key, ids in owners.items():
        automaton.add_word(key, (len(key), tuple(sorted(ids.items()))))
    automaton.make_automaton()
    return automaton


def load(index: Index) -> Any:
    """The automaton for the index's current contents, from cache where possible."""
    import ahocorasick

    folder = index.root / ".curate" / "cache"
    path = folder / f"scan-{index.meta('generation') or 0}.automaton"
    if path.is_file():
        try:
            return ahocorasick.load(str(path), pickle.loads)
        except (OSError, ValueError, pickle.UnpicklingError):
            pass
    automaton = build(index)
    try:
        for old in folder.glob("scan-*.automaton"):
            old.unlink(missing_ok=True)
        tmp = path.with_suffix(".tmp")
        automaton.save(str(tmp), pickle.dumps)
        tmp.replace(path)
    except OSError:
        pass  # no cache on a read-only root; built again next time
    return automaton


def _normalize_word(word: str, start: int) -> tuple[str, list[int]]:
    if word.isascii():
        return word.lower(), list(range(start, start + len(word)))
    out, where = [], []
    for offset, char in enumerate(word):
        text = unicodedata.normalize("NFKC", char).casefold()
        text = "".join(names.GREEK.get(c, c) for c in text)
        for c in text:
            if c.isalnum():
                out.append(c)
                where.append(start + offset)
    return "".join(out), where


def compact_text(text: str) -> tuple[str, list[int], set[int]]:
    """(compact text, original index of each of its characters, word edges in it)."""
    parts: list[str] = []
    origin: list[int] = []
    edges = {0}
    length = 0
    for match in _WORD.finditer(text):
        word, where = _normalize_word(match.group(), match.start())
        edges.add(length)
        parts.append(word)
        origin.extend(where)
        length += len(word)
        edges.add(length)
    return "".join(parts), origin, edges


@dataclass
class Mention:
    line: int
    col: int
    text: str
    alias: str


@dataclass
class Found:
    id: str
    mentions: list[Mention] = field(default_factory=list)
    ambiguous: bool = False


def scan_text(automaton: Any, text: str) -> dict[str, Found]:
    text = unicodedata.normalize("NFC", text)
    compact, origin, edges = compact_text(text)
    hits = []
    for end, (length, owners) in automaton.iter(compact):
        start = end - length + 1
        if start in edges and end + 1 in edges:
            hits.append((start, end + 1, owners))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found: dict[str, Found] = {}
    taken_until = -1
    for start, end, owners in hits:
        if start < taken_until:
            continue
        taken_until = end
        first, last = origin[start], origin[end - 1] + 1
        line = bisect.bisect_right(line_starts, first)
        for rid, alias in owners:
            entry = found.setdefault(rid, Found(rid))
            entry.ambiguous = entry.ambiguous or len(owners) > 1
            entry.mentions.append(
                Mention(line, first - line_starts[line - 1] + 1, text[first:last], alias)
            )
    return found


def read_input(path: str) -> tuple[str, str]:
    """(display name, text) of a file, or of stdin for "-"."""
    import sys

    from curate.errors import CurateError
    from curate.records import files

    if path == "-":
        return "<stdin>", sys.stdin.read()
    try:  # a FIFO or a device is refused, never opened: it could block for ever
        return path, files.read_bytes(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CurateError(f"not UTF-8 text (byte {exc.start})", path) from None
