"""Terms in running text that look like compound names: the curator's to-do list of `scan`.

Three signs, each cheap to test on a piece of text: a letter-digit code ("BPC-157",
"TB-500", "CJC-1295"); a word with a drug or nutrient ending ("-tide", "-relin",
"-mab", "-mycin", "-vitamin", "-carnitine"...); a word beside a dose or unit ("5 mg",
"200 mcg of X", "X 2 g"). Whether a term is in a record is for the resolver to say.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

# Possessive: what a quantifier gives back could only be followed by what it took, which
# the next part refuses; backtracking into it was most of this pattern's time.
CODE = re.compile(r"(?<![\w/.:-])[A-Za-z]{1,8}+[-\u2010\u2011\u2013]?+\d++[A-Za-z]{0,3}+(?![\w-])")
ENDINGS = (
    "mab", "tide", "relin", "tropin", "sermin", "mycin", "cillin", "olimus", "statin", "pril",
    "sartan", "olol", "azole", "oxacin", "gliptin", "gliflozin", "dronate", "parin", "caine",
    "tinib", "profen", "dipine", "sterone", "bolone", "drol", "arine", "amine", "vitamin",
    "ferol", "phenol", "phenols", "flavone", "flavones", "carnitine", "creatine", "glutamine",
    "arginine", "citrate", "picolinate", "glycinate", "peptide", "peptides",
)  # fmt: skip
# A word at least three letters longer than the shortest ending; its ending is tested apart,
# once per distinct word (one alternation of forty endings at every letter was most of a
# scan's time). Split, not iterated: the text between the words gives their places.
LONG_WORD = re.compile(r"(\b[A-Za-z][a-z]{4,}\b)")
_UNIT = r"\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|μg|ug|g|kg|iu|IU|ml|mL|mmol)(?![\w])"
_NAME = r"([A-Za-z][A-Za-z0-9-]{2,})"
UNIT = re.compile(_UNIT)  # no dose where no unit: most text is spared the two patterns
BEFORE_DOSE = _NAME + r"\s+" + _UNIT  # the definition (not compiled: `_before_dose` finds it)
# A name is a run of [A-Za-z0-9-] from its first letter to the run's end, so a match can
# only start where a run does: tried at every letter of every word, BEFORE_DOSE was most
# of this module's time. The one run that starts elsewhere is one the last match's end
# cut ("5 mg-BPC 10 mg": what follows the first "mg" starts with "-").
_RUN_NAME = r"[0-9-]*+([A-Za-z][A-Za-z0-9-]{2,}+)\s+" + _UNIT
RUN_START = re.compile(r"(?<![A-Za-z0-9-])" + _RUN_NAME)
CUT_RUN = re.compile(_RUN_NAME)
AFTER_DOSE = re.compile(_UNIT + r"\s+(?:of\s+)?" + _NAME)
# Words that stand beside a dose and name no compound.
COMMON = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "to",
        "with",
        "per",
        "at",
        "in",
        "on",
        "for",
        "from",
        "by",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "than",
        "about",
        "approximately",
        "around",
        "over",
        "under",
        "up",
        "each",
        "every",
        "total",
        "mean",
        "median",
        "daily",
        "day",
        "days",
        "week",
        "weeks",
        "dose",
        "doses",
        "dosed",
        "dosing",
        "take",
        "taking",
        "took",
        "given",
        "gave",
        "received",
        "receive",
        "receiving",
        "twice",
        "once",
        "times",
        "plus",
        "minus",
        "body",
        "weight",
        "kg",
        "mg",
        "mcg",
        "ml",
        "only",
        "also",
        "then",
        "this",
        "that",
        "these",
        "those",
        "between",
        "after",
        "before",
        "during",
        "until",
        "used",
        "using",
        "use",
        "daily",
        "doses",
        "placebo",
        "group",
        "groups",
        "patients",
        "subjects",
        "participants",
        "adults",
        "men",
        "women",
        "children",
        "mice",
        "rats",
        "arm",
        "arms",
        "range",
        "ranging",
        "least",
        "most",
        "more",
        "less",
        "than",
        "into",
        "via",
    ]
)


def find(text: str, until: int) -> Iterator[tuple[tuple[int, int], str]]:
    """(span, why) of each term in `text` starting before `until`, each span once."""
    seen: dict[tuple[int, int], str] = {}
    for match in CODE.finditer(text):
        seen.setdefault(match.span(), "code")
    for span in _with_ending(text):
        seen.setdefault(span, "ending")
    if UNIT.search(text):
        for match in itertools.chain(_before_dose(text), AFTER_DOSE.finditer(text)):
            name = match.group(1)
            if name.lower() not in COMMON and any(c.isalpha() for c in name):
                seen.setdefault(match.span(1), "dose")
    return ((span, why) for span, why in seen.items() if span[0] < until)


def _before_dose(text: str) -> Iterator[re.Match[str]]:
    """The matches `re.finditer(BEFORE_DOSE, text)` gives (a test holds them to it)."""
    at = 0
    while True:
        cut = CUT_RUN.match(text, at) if at and text.startswith("-", at) else None
        match = cut or RUN_START.search(text, at)
        if match is None:
            return
        yield match
        at = match.end()


def _with_ending(text: str) -> list[tuple[int, int]]:
    """Spans of the long words with a drug or nutrient ending, in text order."""
    parts = LONG_WORD.split(text)  # between, word, between, word, ..., between
    words = parts[1::2]
    ended = [word for word in set(words) if word.lower().endswith(ENDINGS)]
    hits = {word for word in ended if _has_ending(word.lower())}
    if not hits:
        return []
    ends = list(itertools.accumulate(map(len, parts)))  # word n ends at ends[2n + 1]
    chosen = itertools.compress(range(len(words)), map(hits.__contains__, words))
    return [(ends[2 * n], ends[2 * n + 1]) for n in chosen]


def _has_ending(word: str) -> bool:
    if not word.endswith(ENDINGS):
        return False
    return len(word) > 3 + min(len(e) for e in ENDINGS if word.endswith(e))
