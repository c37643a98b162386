"""scan's dictionary: the name keys a text is matched against, and the records of each.

Every id and alias (and each id's leading word that names its record, as `resolve`
allows) becomes a key: its words normalized like a name (`names.normalize`), each
spelling-folded (`names.fold`: "mekasermin" meets "mecasermin") and joined without
separators; a name ending in a number up to ten also in its Roman form ("IGF-1" is
"igfi"). The keys go into an Aho-Corasick automaton (`scan` runs it over the text).
The keys and their records are cached as plain data (marshal, never pickle: a planted
cache file is data, refused unless exactly of the expected shape, and rebuilt).
"""

from __future__ import annotations

import marshal

from curate.lookup import names
from curate.lookup.index import Index
from curate.repo import cache

_ROMAN_OF = {v: k for k, v in names.ROMAN.items()}
CACHE_VERSION = 1
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
        self.lengths = list(map(len, keys))
        self.longest = max(self.lengths, default=0)
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
