"""Which known compounds a text mentions: dictionary matching over name keys, streamed.

The text is cut into words, each normalized and folded as the dictionary's keys are
(see `scankeys`) and joined, and the keys' automaton runs over that. A match counts
only if it starts and ends on a word edge (or ends with a plural "s"/"es"), so "IGF-1"
is found in "IGF‑1-genen" but not in "IGF-1R" (a suffix glued to a number: see
names.numbers); where matches overlap the longest wins ("IGF-1 LR3" over "IGF-1"). A
match whose unfolded words are one of the names is that name's; otherwise the fold's.

Input is read in pieces cut at white space and scanned a piece at a time, carrying
only the words a name could still span into the next piece. What grows with the input
is what it reports: each mention (three numbers, see `mentions`) and each distinct way
a compound is written; the leftover words and terms kept for review, and the cache of
words already folded, stop at a fixed number of entries.
"""

from __future__ import annotations

import bisect
import collections
import itertools
import os
import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from typing import Any

from curate.lookup import names
from curate.lookup.mentions import Found, Scanned
from curate.lookup.scankeys import Dictionary as Dictionary
from curate.lookup.scankeys import load as load

# Soft hyphens and zero-width marks inside a word are part of it ("Incre\u00adlex").
# Split by words kept (a group): what lies between them gives their places.
_GREEK_SPELLED = str.maketrans(names.GREEK)
_SPLIT = re.compile(r"([^\W_]+(?:[\u00ad\u200b-\u200d\u2060]+[^\W_]+)*)")
PIECE = 1 << 20  # characters scanned at a time
PLURAL_MIN = 3  # a shorter key takes no plural ending ("Zns" is no zinc)
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


class _Position:
    __slots__ = ("line", "line_start", "offset", "taken_until")

    def __init__(self) -> None:
        self.offset = 0  # characters of text before the current part
        self.line = 1  # line number at the start of the current part
        self.line_start = 0  # absolute offset of that line's first character
        self.taken_until = -1  # absolute offset where the last accepted match ends

    def line_col(self, newlines: list[int], at: int) -> tuple[int, int]:
        """Line and column of offset `at` of the current part (`newlines`: its line breaks)."""
        before = bisect.bisect_left(newlines, at)
        if before:
            return self.line + before, at - newlines[before - 1]
        return self.line, self.offset + at - self.line_start + 1


# Each distinct word's normalized and folded forms: text repeats its words, so each is
# worked out once (a part's new words folded together). Bounded: cleared when full.
_PLAIN: dict[str, str] = {}
_FOLDED: dict[str, str] = {}
_EMPTY: set[str] = set()  # words with nothing left once normalized
WORD_KEYS_KEPT = 50_000


def _learn(raws: list[str]) -> None:
    new = set(raws).difference(_PLAIN)
    if len(_PLAIN) + len(new) > WORD_KEYS_KEPT:
        _PLAIN.clear()
        _FOLDED.clear()
        _EMPTY.clear()
        new = set(raws)
    fresh = list(new)
    plains = [_normalize_word(raw) for raw in fresh]
    _PLAIN.update(zip(fresh, plains, strict=True))
    _FOLDED.update(zip(fresh, names.fold_all(plains), strict=True))
    _EMPTY.update(raw for raw, plain in zip(fresh, plains, strict=True) if not plain)


class _Words:
    """A part's words: where each is, normalized, and folded and joined for the automaton.

    Built by whole-list operations (a Python step per word was most of a scan's time):
    the text is split into words and what lies between, whose lengths give the places.
    Word `n` spans `starts[n]:stops[n]` of the text and ends at `ends[n]` in `folded`,
    where it starts at `ends[n - 1]`.
    """

    __slots__ = ("ends", "folded", "plain", "starts", "stops")

    def __init__(self, text: str) -> None:
        parts = _SPLIT.split(text)  # between, word, between, word, ..., between
        raws = parts[1::2]
        places = array("q", itertools.accumulate(map(len, parts)))
        starts, stops = places[0:-1:2], places[1::2]
        _learn(raws)
        if not _EMPTY.isdisjoint(raws):
            kept = [raw not in _EMPTY for raw in raws]
            raws = list(itertools.compress(raws, kept))
            starts = array("q", itertools.compress(starts, kept))
            stops = array("q", itertools.compress(stops, kept))
        self.starts, self.stops = starts, stops
        self.plain = list(map(_PLAIN.__getitem__, raws))
        keys = list(map(_FOLDED.__getitem__, raws))
        self.folded = "".join(keys)
        self.ends = array("q", itertools.accumulate(map(len, keys)))  # a fold is never empty

    def __len__(self) -> int:
        return len(self.ends)

    def span(self, n: int) -> tuple[int, int]:
        return self.starts[n], self.stops[n]

    def starting_at(self, offset: int) -> int | None:
        """The word that starts at `offset` of `folded`, if one does."""
        n = bisect.bisect_right(self.ends, offset)
        if n < len(self.ends) and (self.ends[n - 1] if n else 0) == offset:
            return n
        return None

    def ending_at(self, offset: int) -> int | None:
        n = bisect.bisect_left(self.ends, offset)
        return n if n < len(self.ends) and self.ends[n] == offset else None

    def first_from(self, offset: int) -> int:
        """The first word starting at or after `offset` of `folded` (len(self) if none)."""
        return min(bisect.bisect_left(self.ends, offset) + 1, len(self)) if offset > 0 else 0


def _scan_part(dictionary: Dictionary, text: str, out: Scanned, pos: _Position, final: bool) -> str:
    """Scan `text`, accepting what a later piece cannot change; returns the text to carry."""
    words = _Words(text)
    keep = len(words)  # the first word carried into the next part
    if not final:
        keep = words.first_from(len(words.folded) - max(dictionary.longest, 64) - 2)
    newlines = [m.start() for m in re.finditer("\n", text)]
    earlier = pos.taken_until
    used = _take(dictionary, words, keep, text, out, pos, newlines)
    cut = words.span(keep)[0] if keep < len(words) else len(text)
    _count_words(words, keep, used, text, out.words, pos, newlines, earlier)
    from curate.lookup import terms

    taken = sorted(words.span(n) for n in used)
    for span, why in terms.find(text, cut):
        if not _inside(taken, span) and pos.offset + span[0] >= earlier:
            _count(
                out.terms, names.normalize(text[span[0] : span[1]]), pos, newlines, span, text, why
            )
    tail_lines = newlines[: bisect.bisect_left(newlines, cut)]
    if tail_lines:
        pos.line += len(tail_lines)
        pos.line_start = pos.offset + tail_lines[-1] + 1
    pos.offset += cut
    return text[cut:]


def _take(
    dictionary: Dictionary,
    words: _Words,
    keep: int,
    text: str,
    out: Scanned,
    pos: _Position,
    newlines: list[int],
) -> set[int]:
    """Record the matches that start before word `keep`; returns the words they cover."""
    used: set[int] = set()
    for first, last, number in _hits(dictionary, words, keep):
        start, end = words.span(first)[0], words.span(last)[1]
        if pos.offset + start < pos.taken_until:
            continue
        pos.taken_until = pos.offset + end
        used.update(range(first, last + 1))
        compact = "".join(words.plain[first : last + 1])
        owners, by_fold = dictionary.owners(number, compact, compact[:-1], compact[:-2])
        line, col = pos.line_col(newlines, start)
        written = text[start:end]
        for rid, alias in owners:
            entry = out.found.get(rid)
            if entry is None:
                entry = out.found[rid] = Found(rid)
            entry.ambiguous = entry.ambiguous or len(owners) > 1
            entry.folded = entry.folded or by_fold
            entry.mentions.add(line, col, written, alias)
    return used


def _count_words(
    words: _Words,
    keep: int,
    used: set[int],
    text: str,
    table: dict[str, list[Any]],
    pos: _Position,
    newlines: list[int],
    earlier: int,
) -> None:
    """Count the words before `keep` in no match (and not in the last part's): per distinct
    word at once, the first place of each new one remembered while the table has room."""
    lo = bisect.bisect_left(words.starts, earlier - pos.offset, 0, keep)
    segment = words.plain[lo:keep]
    for n in used:
        if lo <= n < keep:
            segment[n - lo] = ""
    counts = collections.Counter(segment)
    counts.pop("", None)
    fresh = []
    for key, count in counts.items():  # in the order of first appearance
        seen = table.get(key)
        if seen is None:
            fresh.append(key)
        else:
            seen[0] += count
    room = KEPT - len(table)
    if not fresh or room <= 0:
        return
    first = dict(zip(reversed(segment), range(len(segment) - 1, -1, -1), strict=True))
    for key in fresh[:room]:
        start, end = words.span(lo + first[key])
        line, col = pos.line_col(newlines, start)
        table[key] = [counts[key], line, col, text[start:end], ""]


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
    lengths = dictionary.lengths
    for end, number in dictionary.automaton.iter(words.folded):
        length = lengths[number]
        first = words.starting_at(end - length + 1)
        if first is None or first >= keep:
            continue
        last = words.ending_at(end + 1)
        if last is None and length >= PLURAL_MIN:
            last = _plural_end(words, end + 1)
        if last is None:
            continue
        hits.append((first, last, number))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0]), -lengths[h[2]]))
    return hits


def _plural_end(words: _Words, at: int) -> int | None:
    """The word a match ends in when only a plural ending is left of it ("BCAAs").

    After a number, the ending must not make another molecule by `names.numbers`, the
    resolver's rule: "IGF-1s" is IGF-1, "IGF-1es" is not.
    """
    for suffix in ("s", "es"):
        last = words.ending_at(at + len(suffix))
        if last is not None and words.folded.startswith(suffix, at):
            word = words.plain[last]
            if names.numbers(word) == names.numbers(word[: -len(suffix)]):
                return last
    return None


def _normalize_word(word: str) -> str:
    if word.isascii():
        return word.lower()
    text = unicodedata.normalize("NFKC", word).casefold().translate(_GREEK_SPELLED)
    return text if text.isalnum() else "".join(filter(str.isalnum, text))


def read_pieces(path: str) -> tuple[str, Iterator[str]]:
    """(display name, text in pieces cut at white space) of a file, or of stdin for "-".

    The file is opened at once, so a missing one fails before any output.
    """
    import sys

    from curate.errors import CurateError
    from curate.records import files

    if path == "-":
        return "<stdin>", _pieces(sys.stdin.buffer, "<stdin>")

    try:  # a FIFO or a device is refused, never opened: it could block for ever
        why = files.not_regular(os.stat(path).st_mode)
        if why is not None:
            raise CurateError(why, path)
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
