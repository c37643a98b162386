"""Name keys: how two spellings of a compound name are recognised as the same.

Shared by the resolver (`resolve`, `show`, `scan`, `add`) and the lint rules
(alias collisions, vocabulary drift), so they always agree on what "the same
name" means.
"""

from __future__ import annotations

import re
import unicodedata

# Every Unicode dash, including minus signs and full-width forms, becomes "-".
DASHES = dict.fromkeys(
    map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-"
)
_DROP = dict.fromkeys(map(ord, "\u00ad\u00ae\u2122\u200b\u200c\u200d\u2060\ufeff"), None)
GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu",
    "ν": "nu", "ξ": "xi", "ο": "omicron", "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma",
    "τ": "tau", "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}  # fmt: skip
_GREEK_RE = re.compile("|".join(GREEK))
ROMAN = {
    "i": "1",
    "ii": "2",
    "iii": "3",
    "iv": "4",
    "v": "5",
    "vi": "6",
    "vii": "7",
    "viii": "8",
    "ix": "9",
    "x": "10",
}
# Only a numeral that ends the name and follows a space or dash: "IGF-I", "factor VII".
_TRAILING_ROMAN = re.compile(r"(?<=[\s\-])(viii|vii|iii|ix|iv|vi|ii|x|v|i)$")
_SEPARATORS = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
# A number and the letters glued to it: "1r" in "IGF-1R", "1ec" in "IGF-1Ec".
_NUMBERS = re.compile(r"\d+[^\W\d_]*")
# "X (Y)" / "X [Y]" at the end of a name: a bracketed other name, as labels write them.
_BRACKETED = re.compile(r"^(?P<head>.*?\S)\s*[(\[](?P<inner>[^()\[\]]*[^\W\d_][^()\[\]]*)[)\]]$")
# "X / Y", "X and Y", "X & Y": two names in one.
_PAIR = re.compile(r"\s*/\s*|\s+(?:and|&)\s+", re.IGNORECASE)

# Swedish/English spelling variants of drug names, applied in order to a compact key.
_FOLDS = (
    (re.compile("ph"), "f"),
    (re.compile("th"), "t"),
    (re.compile("ae|oe"), "e"),
    (re.compile("qu"), "kv"),
    (re.compile("ch"), "k"),  # "kolekalciferol" for "cholecalciferol"
    (re.compile("c"), "k"),
    (re.compile("y"), "i"),
    (re.compile("z"), "s"),
    (re.compile(r"([^\W\d_])\1+"), r"\1"),  # letters only: "IGF-11" is not "IGF-1"
    (re.compile(r"(?<=..)e$"), ""),
)


def normalize(name: str) -> str:
    """Stage 2 key: NFKC, dashes unified, marks dropped, casefolded, Greek spelled out,
    a trailing Roman numeral made Arabic, punctuation and spaces collapsed to one space."""
    text = unicodedata.normalize("NFKC", name.translate(_DROP)).translate(DASHES).casefold()
    text = _GREEK_RE.sub(lambda m: GREEK[m.group()], text).strip()
    text = _TRAILING_ROMAN.sub(lambda m: ROMAN[m.group()], text)
    return _SEPARATORS.sub(" ", text).strip()


def compact(key: str) -> str:
    """Stage 3 key: the normalized key without separators ("igf 1" and "igf1" agree)."""
    return key.replace(" ", "")


def plural_variants(compact_key: str) -> list[str]:
    """Other numbers of a name: "bcaas" may mean "bcaa", "dairyproduct" "dairyproducts"."""
    if len(compact_key) < 3 or compact_key[-1].isdigit():
        return []
    if not compact_key.endswith("s"):
        return [compact_key + "s"]
    out = [compact_key[:-1]]
    if compact_key.endswith("es") and len(compact_key) > 4:
        out.append(compact_key[:-2])
    return out


def fold(compact_key: str) -> str:
    """Stage 4 key: spelling folded so that "mekasermin" meets "mecasermin", "leucin" "leucine"."""
    for pattern, repl in _FOLDS:
        compact_key = pattern.sub(repl, compact_key)
    return compact_key


_FOLDS_BY_LINE: list[tuple[re.Pattern[str], str]] = []


def fold_all(keys: list[str]) -> list[str]:
    """`fold` of each key (none holding a line break), as one text a rule at a time:
    ten regular expressions per key were most of the time `scan` took on a short text."""
    if not _FOLDS_BY_LINE:  # "$" at each key's end; no rule's match crosses a line break
        _FOLDS_BY_LINE.extend(
            (re.compile(p.pattern, re.M) if "$" in p.pattern else p, r) for p, r in _FOLDS
        )
    text = "\n".join(keys)
    for pattern, repl in _FOLDS_BY_LINE:
        text = pattern.sub(repl, text)
    return text.split("\n") if keys else []


def digits(key: str) -> tuple[str, ...]:
    """The numbers in a key, in order: fuzzy matches must agree on them exactly."""
    return tuple(_DIGITS.findall(key))


def numbers(norm: str) -> tuple[str, ...]:
    """The numbers of a normalized key with the letters glued to each ("igf 1r" -> ("1r",)).

    The one rule by which resolve's fuzzy, reorder and family stages and scan tell molecules
    apart: a receptor, splice variant or other suffix glued to a number ("IGF-1R", "IGF1R",
    "IGF-1Ec") names another molecule than the number alone ("IGF-1"), so two names are
    only compared when their numbers agree exactly. A glued plural "s" is not a suffix:
    scan takes "IGF-1s" as IGF-1 by the same test.
    """
    return tuple(
        n[:-1] if n.endswith("s") and n[-2].isdigit() else n for n in _NUMBERS.findall(norm)
    )


def order_free(norm: str) -> list[str]:
    """The words of a normalized key, a Roman numeral made Arabic wherever it stands:
    "IV" is Arabic at the end of a name only, and reordering moves the end
    ("kav-IV 12" and "12 kav-IV")."""
    return [ROMAN.get(w, w) for w in norm.split()]


def reordered(norm: str) -> str:
    """Reorder key: the words of a multi-word name, each spelling-folded, sorted ("" for one word)."""
    words = order_free(norm)
    return " ".join(sorted(fold(w) for w in words)) if len(words) > 1 else ""


def lead_word(rid: str) -> str:
    """The leading word of a record id ("mecasermin" of "mecasermin_igf1"), if it could name it."""
    words = normalize(rid).split()
    head = words[0] if len(words) > 1 else ""
    return head if len(head) >= 4 and any(c.isalpha() for c in head) else ""


def bracketed(query: str) -> tuple[str, str] | None:
    """("BCAA", "branched-chain amino acids") of "BCAA (branched-chain amino acids)"."""
    found = _BRACKETED.match(query.strip())
    if found is None or not normalize(found["head"]):
        return None
    return found["head"], found["inner"]


def pair(query: str) -> tuple[str, str] | None:
    """The two names of "X / Y" or "X and Y", when each side has letters."""
    parts = _PAIR.split(query.strip())
    if len(parts) != 2 or not all(any(c.isalpha() for c in p) for p in parts):
        return None
    return parts[0], parts[1]


def key_of(name: str) -> str:
    """The compact key of a raw name: what alias collisions are judged on."""
    return compact(normalize(name))
