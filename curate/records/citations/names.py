"""Author names and page ranges, written as each format wants and read back the same.

A name is stored as the reference gives it: "Johnson SC" (NLM: family name and
initials) or "Johnson, Sam C." (family, given). Formats that split names (CSL-JSON,
BibTeX, RIS) get the family part and the rest; joining them again gives the stored
text back, so an export reads back to the same record.
"""

from __future__ import annotations

import re

_INITIALS = re.compile(r"^(?:[A-Z]{1,4}|(?:[A-Z]\.){1,4})$")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


def split_name(name: str) -> tuple[str, str]:
    """(family, given) of a stored name; given is '' for a one-word or corporate name."""
    text = name.strip()
    if "," in text:
        family, _, given = text.partition(",")
        return family.strip(), given.strip()
    words = text.split()
    if len(words) > 1 and _INITIALS.match(words[-1]):
        return " ".join(words[:-1]), words[-1]
    if len(words) > 1:
        return words[-1], " ".join(words[:-1])
    return text, ""


def join_name(family: str, given: str) -> str:
    """The stored form of a split name: NLM form for bare initials, else 'Family, Given'."""
    family, given = family.strip(), given.strip()
    if not given:
        return family
    if _INITIALS.match(given) and "." not in given:
        return f"{family} {given}"
    return f"{family}, {given}"


def family_of(name: str) -> str:
    return split_name(name)[0]


def pages(text: str) -> str:
    """A page range with its dash (en dash, BibTeX's `--`) written '-'."""
    value = text.strip().translate(_DASHES)
    return re.sub(r"\s*-+\s*", "-", value)
