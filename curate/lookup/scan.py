"""Which known compounds a text mentions: dictionary matching over name keys, streamed.

Every id and alias (and each id's leading word that names its record, as `resolve`
allows) becomes a key: its words normalized like a name (`names.normalize`), each
spelling-folded (`names.fold`: "mekasermin" meets "mecasermin") and joined without
separators; a name ending in a number up to ten also in its Roman form ("IGF-1" is
"igfi"). The keys go into an Aho-Corasick automaton. The text is cut into words,
each normalized and folded the same way and joined. A match counts only if it starts
and ends on a word edge (or ends with a plural "s"/"es"), so "IGF-1" is found in
"IGF‑1-genen" but not in "IGF-1R" (a suffix glued to a number: see names.numbers);
where matches overlap the longest wins ("IGF-1 LR3" over "IGF-1"). A match whose
unfolded words are one of the names is that name's; otherwise it is the fold's.

Input is read in pieces cut at white space and scanned a piece at a time, carrying
only the words a name could still span into the next piece: memory stays bounded
whatever the input's size or its lines' length. The dictionary is cached as plain
data (marshal, never pickle: a planted cache file is data, refused unless exactly of the
expected shape, and rebuilt).
"""

from __future__ import annotations

import bisect
import marshal
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from curate.lookup import names
from curate.lookup.index import Index
from curate.repo import cache

# Soft hyphens and zero-width marks inside a word are part of it ("Incre\u00adlex").
_WORD = re.compile(r"[^\W_]+(?:[\u00ad\u200b-\u200d\u2060]+[^\W_]+)*")
_ROMAN_OF = {v: k for k, v in names.ROMAN.items()}
CACHE_VERSION = 1
PIECE = 1 << 20  # characters scanned at a time
PLURAL_MIN = 3  # a shorter key takes no plural ending ("Zns" is no zinc)
Owners = tuple[tuple[str, str], ...]  # (record id, the name as written) per record


def forms(normalized: str) -> list[str]:
    """A normalized name, and its Roman form when it ends in a number up to ten."""
    head, _, tail = normalized.rpartition(" ")
    return [normalized, f"{head} {_ROMAN_OF[tail]}"] if head and tail in _ROMAN_OF else [normalized]


def folded(normalized: str) -> str:
    """The scan key of a normalized name or text: each word spelling-folded, then joined."""
    return "".join(names.fold(word) for word in normalized.split())


class Dictionary:
    """Scan keys, and per key the records it names: by unfolded compact key, and in all."""

    def __init__(self, keys: list[str], entries: list[list[tuple[str, Owners]]]) -> None:
        import ahocorasick

        self.keys, self.entries = keys, entries
        self.longest = max((len(k) for k in keys), default=0)
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for number, key in enumerate(keys):
            self.automaton.add_word(key, number)
        if keys:
            self.automaton.make_automaton()

    def owners(self, number: int, *compacts: str) -> tuple[Owners, bool]:
        """The records key `number` names, and whether only through the spelling fold:
        a name whose unfolded key is one of `compacts` is taken before the fold's others."""
        entries = self.entries[number]
        for compact in compacts:
            for key, owners in entries:
                if key == compact:
                    return owners, False
        merged = dict(pair for _key, owners in entries for pair in owners)
        return tuple(sorted(merged.items())), True


def build(index: Index) -> Dictionary:
    grouped: dict[str, dict[str, dict[str, str]]] = {}
    # Aliases before ids: a mention is shown with the name as curators wrote it.
    rows = sorted(index.all_names(leads=True), key=lambda row: row[1] == row[2])
    for _file, rid, name, compact in rows:
        norm = names.normalize(name)
        if names.compact(norm) != compact:
            norm = compact  # an id's leading word, one word
        for form in forms(norm):
            # Text folds word by word: a name written as its words, or as one word.
            for key in {folded(form), names.fold(names.compact(form))}:
                by_compact = grouped.setdefault(key, {})
                by_compact.setdefault(names.compact(form), {}).setdefault(rid, name)
    keys = sorted(grouped)
    entries = [
        [(compact, tuple(sorted(owners.items()))) for compact, owners in sorted(grouped[k].items())]
        for k in keys
    ]
    return Dictionary(keys, entries)


def load(index: Index) -> Dictionary:
    """The dictionary for the index's current contents, from cache where possible."""
    name = f"scan{CACHE_VERSION}-{index.meta('generation') or 0}.marshal"
    data = _read_cache(cache.read(index.root, name))
    if data is not None:
        return Dictionary(*data)
    dictionary = build(index)
    payload = marshal.dumps((dictionary.keys, dictionary.entries))
    cache.replace_family(index.root, "scan*", name, payload)  # and older versions' pickles
    return dictionary


def _read_cache(raw: bytes | None) -> tuple[list[str], list[list[tuple[str, Owners]]]] | None:
    """The cached keys and entries, or None when missing or not exactly the expected shape."""
    if raw is None:
        return None
    try:
        keys, entries = marshal.loads(raw)
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(keys, list) and isinstance(entries, list) and len(keys) == len(entries)):
        return None
    if not all(type(k) is str and k for k in keys) or not all(map(_entry_ok, entries)):
        return None
    return keys, entries


def _entry_ok(entry: object) -> bool:
    return isinstance(entry, list) and all(
        type(pair) is tuple
        and len(pair) == 2
        and type(pair[0]) is str
        and type(pair[1]) is tuple
        and all(
            type(o) is tuple and len(o) == 2 and all(type(x) is str for x in o) for o in pair[1]
        )
        for pair in entry
    )


@dataclass(slots=True)
class Mention:
    line: int
    col: int
    text: str
    alias: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "col": self.col, "text": self.text, "alias": self.alias}


@dataclass
class Found:
    id: str
    mentions: list[Mention] = field(default_factory=list)
    ambiguous: bool = False
    folded: bool = False  # some mention matched only through the spelling fold


@dataclass
class Scanned:
    """What a text mentions: known compounds, and what is left over for review."""

    found: dict[str, Found] = field(default_factory=dict)
    # Words in no match, by normalized form: [count, line, col, text as written].
    words: dict[str, list[Any]] = field(default_factory=dict)
    # Terms that look like compound names, outside any match: [count, line, col, text, why].
    terms: dict[str, list[Any]] = field(default_factory=dict)


KEPT = 50_000  # distinct leftover words (and terms) remembered for review: bounded memory


def scan_text(dictionary: Dictionary, text: str) -> dict[str, Found]:
    return scan_stream(dictionary, [text]).found


def scan_stream(dictionary: Dictionary, pieces: Iterable[str]) -> Scanned:
    """Scan text arriving in pieces (best cut at white space, as `read_pieces` gives them)."""
    out = Scanned()
    state = _Position()
    carry = ""
    for piece in pieces:
        text = carry + unicodedata.normalize("NFC", piece)
        carry = _scan_part(dictionary, text, out, state, False)
    _scan_part(dictionary, carry, out, state, True)
    return out


@dataclass
class _Position:
    offset: int = 0  # characters of text before the current part
    line: int = 1  # line number at the start of the current part
    line_start: int = 0  # absolute offset of that line's first character
    taken_until: int = -1  # absolute offset where the last accepted match ends

    def line_col(self, newlines: list[int], at: int) -> tuple[int, int]:
        """Line and column of offset `at` of the current part (`newlines`: its line breaks)."""
        before = bisect.bisect_left(newlines, at)
        if before:
            return self.line + before, at - newlines[before - 1]
        return self.line, self.offset + at - self.line_start + 1


# Each distinct word's (normalized, folded) forms: text repeats its words, and folding
# one costs ten regular expressions. Bounded: cleared when full.
_WORD_KEYS: dict[str, tuple[str, str]] = {}
WORD_KEYS_KEPT = 200_000


class _Words:
    """A part's words: where each is, normalized, and folded and joined for the automaton."""

    def __init__(self, text: str) -> None:
        self.spans: list[tuple[int, int]] = []
        self.plain: list[str] = []
        self.starts: dict[int, int] = {}  # folded offset of a word's start -> its number
        self.ends: dict[int, int] = {}
        parts: list[str] = []
        length = 0
        known = _WORD_KEYS
        for match in _WORD.finditer(text):
            raw = match.group()
            both = known.get(raw)
            if both is None:
                if len(known) >= WORD_KEYS_KEPT:
                    known.clear()
                plain = _normalize_word(raw)
                both = known[raw] = (plain, names.fold(plain))
            word, key = both
            if not word:
                continue
            self.starts[length] = len(self.spans)
            self.spans.append(match.span())
            self.plain.append(word)
            parts.append(key)
            length += len(key)
            self.ends[length] = len(self.spans) - 1
        self.folded = "".join(parts)


def _scan_part(dictionary: Dictionary, text: str, out: Scanned, pos: _Position, final: bool) -> str:
    """Scan `text`, accepting what a later piece cannot change; returns the text to carry."""
    words = _Words(text)
    keep = len(words.spans)  # the first word carried into the next part
    if not final:
        safe = len(words.folded) - max(dictionary.longest, 64) - 2  # a later match may go on
        keep = next((n for off, n in words.starts.items() if off >= safe), keep)
    newlines = [m.start() for m in re.finditer("\n", text)]
    earlier = pos.taken_until
    used: set[int] = set()
    for first, last, number in _hits(dictionary, words, keep):
        start, end = words.spans[first][0], words.spans[last][1]
        if pos.offset + start < pos.taken_until:
            continue
        pos.taken_until = pos.offset + end
        used.update(range(first, last + 1))
        compact = "".join(words.plain[first : last + 1])
        owners, by_fold = dictionary.owners(number, compact, compact[:-1], compact[:-2])
        line, col = pos.line_col(newlines, start)
        for rid, alias in owners:
            entry = out.found.setdefault(rid, Found(rid))
            entry.ambiguous = entry.ambiguous or len(owners) > 1
            entry.folded = entry.folded or by_fold
            entry.mentions.append(Mention(line, col, text[start:end], alias))
    cut = words.spans[keep][0] if keep < len(words.spans) else len(text)
    for n in range(keep):
        if n not in used and pos.offset + words.spans[n][0] >= earlier:
            _count(out.words, words.plain[n], pos, newlines, words.spans[n], text, "")
    from curate.lookup import terms

    taken = sorted(words.spans[n] for n in used)
    for span, why in terms.find(text, cut):
        if not _inside(taken, span) and pos.offset + span[0] >= earlier:
            _count(
                out.terms, names.normalize(text[span[0] : span[1]]), pos, newlines, span, text, why
            )
    tail_lines = [n for n in newlines if n < cut]
    if tail_lines:
        pos.line += len(tail_lines)
        pos.line_start = pos.offset + tail_lines[-1] + 1
    pos.offset += cut
    return text[cut:]


def _count(
    table: dict[str, list[Any]],
    key: str,
    pos: _Position,
    newlines: list[int],
    span: tuple[int, int],
    text: str,
    why: str,
) -> None:
    seen = table.get(key)
    if seen is not None:
        seen[0] += 1
    elif len(table) < KEPT:
        line, col = pos.line_col(newlines, span[0])
        table[key] = [1, line, col, text[span[0] : span[1]], why]


def _inside(taken: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Whether `span` overlaps one of the sorted, disjoint spans `taken`."""
    at = bisect.bisect_left(taken, (span[1],))  # the first starting at or after span's end
    return at > 0 and taken[at - 1][1] > span[0]


def _hits(dictionary: Dictionary, words: _Words, keep: int) -> list[tuple[int, int, int]]:
    """(first word, last word, key number) of matches on word edges starting before `keep`."""
    if not dictionary.keys:
        return []
    hits = []
    for end, number in dictionary.automaton.iter(words.folded):
        first = words.starts.get(end - len(dictionary.keys[number]) + 1)
        if first is None or first >= keep:
            continue
        last = words.ends.get(end + 1)
        if last is None and len(dictionary.keys[number]) >= PLURAL_MIN:
            last = _plural_end(words, end + 1)
        if last is None:
            continue
        hits.append((first, last, number))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0]), -len(dictionary.keys[h[2]])))
    return hits


def _plural_end(words: _Words, at: int) -> int | None:
    """The word a match ends in when only a plural ending is left of it ("BCAAs").

    After a number, the ending must not make another molecule by `names.numbers`, the
    resolver's rule: "IGF-1s" is IGF-1, "IGF-1es" is not.
    """
    for suffix in ("s", "es"):
        last = words.ends.get(at + len(suffix))
        if last is not None and words.folded.startswith(suffix, at):
            word = words.plain[last]
            if names.numbers(word) == names.numbers(word[: -len(suffix)]):
                return last
    return None


def _normalize_word(word: str) -> str:
    if word.isascii():
        return word.lower()
    text = unicodedata.normalize("NFKC", word).casefold()
    text = "".join(names.GREEK.get(c, c) for c in text)
    return "".join(c for c in text if c.isalnum())


def read_pieces(path: str) -> tuple[str, Iterator[str]]:
    """(display name, text in pieces cut at white space) of a file, or of stdin for "-".

    The file is opened at once, so a missing one fails before any output.
    """
    import sys

    from curate.errors import CurateError

    if path == "-":
        return "<stdin>", _pieces(sys.stdin.buffer, "<stdin>")
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the generator
    except FileNotFoundError:
        raise CurateError("no such file", path) from None
    except OSError as exc:
        raise CurateError(f"cannot read: {exc.strerror}", path) from None
    return path, _pieces(handle, path)


def _pieces(handle: Any, name: str) -> Iterator[str]:
    import codecs

    from curate.errors import CurateError

    decoder = codecs.getincrementaldecoder("utf-8")()
    consumed = 0
    pending = ""
    try:
        while True:
            data = handle.read(PIECE)
            try:
                text = decoder.decode(data, final=not data)
            except UnicodeDecodeError as exc:
                raise CurateError(f"not UTF-8 text (byte {consumed + exc.start})", name) from None
            consumed += len(data)
            pending += text
            if not data:
                break
            cut = max(pending.rfind(" "), pending.rfind("\n"), pending.rfind("\t"))
            if cut > 0:
                yield pending[: cut + 1]
                pending = pending[cut + 1 :]
            elif len(pending) > 4 * PIECE:  # no white space in 4 MB: cut anyway
                yield pending
                pending = ""
    except OSError as exc:
        raise CurateError(f"cannot read: {exc.strerror}", name) from None
    finally:
        if handle is not getattr(__import__("sys").stdin, "buffer", None):
            handle.close()
    if pending:
        yield pending
