"""What a scan finds, held compactly: a long article mentions its compounds many times.

Each mention is three numbers in arrays (line, column, and which of the compound's
distinct spellings it is); the spellings, a (text as written, name it matched) pair,
are kept once each. A `Mention` is made only when one is asked for. What still grows
with the input: twenty bytes a mention, and each distinct spelling once.
"""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing
# compiles a NamedTuple's string annotations, and a process's first compile() costs a
# third of a `python -c pass`.

from array import array
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple, overload


class Mention(NamedTuple):
    line: int
    col: int
    text: str
    alias: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "col": self.col, "text": self.text, "alias": self.alias}


class Mentions(Sequence[Mention]):
    """One compound's mentions in text order."""

    __slots__ = ("_numbers", "cols", "lines", "spelled", "spellings")

    def __init__(self) -> None:
        self.lines = array("q")
        self.cols = array("q")
        self.spelled = array("I")  # the number of each mention's spelling in `spellings`
        self.spellings: list[tuple[str, str]] = []
        self._numbers: dict[tuple[str, str], int] = {}

    def add(self, line: int, col: int, text: str, alias: str) -> None:
        spelling = (text, alias)
        number = self._numbers.get(spelling)
        if number is None:
            number = self._numbers[spelling] = len(self.spellings)
            self.spellings.append(spelling)
        self.lines.append(line)
        self.cols.append(col)
        self.spelled.append(number)

    def __len__(self) -> int:
        return len(self.lines)

    @overload
    def __getitem__(self, at: int) -> Mention: ...

    @overload
    def __getitem__(self, at: slice) -> list[Mention]: ...

    def __getitem__(self, at: int | slice) -> Mention | list[Mention]:
        if isinstance(at, slice):
            return [self[n] for n in range(*at.indices(len(self)))]
        text, alias = self.spellings[self.spelled[at]]
        return Mention(self.lines[at], self.cols[at], text, alias)

    def __iter__(self) -> Iterator[Mention]:
        spellings = self.spellings
        for line, col, number in zip(self.lines, self.cols, self.spelled, strict=True):
            text, alias = spellings[number]
            yield Mention(line, col, text, alias)


class Found:
    """A compound the text mentions, and how: where, by which names, whether only ambiguously."""

    __slots__ = ("ambiguous", "folded", "id", "mentions")

    def __init__(self, rid: str) -> None:
        self.id = rid
        self.mentions = Mentions()
        self.ambiguous = False
        self.folded = False  # some mention matched only through the spelling fold


class Scanned:
    """What a text mentions: known compounds, and what is left over for review."""

    __slots__ = ("found", "terms", "words")

    def __init__(self) -> None:
        self.found: dict[str, Found] = {}
        # Words in no match, by normalized form: [count, line, col, text as written, ""].
        self.words: dict[str, list[Any]] = {}
        # Terms that look like compound names, outside any match: [count, line, col, text, why].
        self.terms: dict[str, list[Any]] = {}
