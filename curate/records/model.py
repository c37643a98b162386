"""The record model: field order, card labels, vocabularies and derived fields.

Records are plain dicts (what YAML and JSON give us) so that validation, diffing
and export see exactly what is stored; this module says what the keys mean.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

from curate.records import deferred

Record = dict[str, Any]
Kind = Literal["compound", "source"]
KINDS: Final[tuple[Kind, ...]] = ("compound", "source")

# Names Windows keeps for devices: a file con.yaml cannot even be checked out there.
WINDOWS_RESERVED: Final = ("con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                           *(f"lpt{n}" for n in range(1, 10)))  # fmt: skip
ID_PATTERN: Final = r"^(?!(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$)[a-z][a-z0-9_]*$"
ID_RE: Final = deferred.pattern(ID_PATTERN)
ID_MAX: Final = 64
ID_RULE: Final = (
    "ids are lowercase letters, digits and _, start with a letter, "
    f"at most {ID_MAX} characters, and are no name Windows reserves (con, nul, aux, com1 ...)"
)
# Characters no field may hold: C0 and C1 controls other than tab and line feed, and the
# bidirectional embeddings, overrides and isolates that make text read other than it is.
UNSAFE_TEXT: Final = deferred.pattern("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

COMPOUND_TYPES: Final = ("compound", "food", "practice")
STATUSES: Final = (
    "approved",
    "investigational",
    "unapproved",
    "supplement",
    "food",
    "not_applicable",
    "not_stated",
)
# Ordered from strongest to weakest: `diff` reports moves along this scale.
EVIDENCE_LEVELS: Final = (
    "approved / labelled",
    "human trials",
    "human observational",
    "early human",
    "preclinical",
    "mechanistic only",
    "marketing only",
)
DATA_TIERS: Final = (
    "approved label",
    "meta-analysis",
    "randomized trial",
    "human trial",
    "observational",
    "animal",
    "cell",
    "review only",
    "none",
)
SUPPORT_SCOPES: Final = ("human", "animal", "cell", "review/regulatory")
SOURCE_TYPES: Final = (
    "label",
    "government_review",
    "regulatory",
    "guideline",
    "meta_analysis",
    "review",
    "human_trial",
    "early_human",
    "observational",
    "animal",
    "in_vitro",
    "commentary",
    "not_stated",
)
# The type of a source whose kind neither a citing text nor its own title states:
# it is kept honest rather than guessed, and it supports no best data tier.
TYPE_NOT_STATED: Final = "not_stated"
BROAD_OUTCOMES: Final = (
    "Fat loss / metabolic health",
    "Hormones / fertility / sexual health",
    "Muscle growth / performance / recovery",
    "PEDs / AAS / thermogenics",
    "Safety / regulatory",
    "mTORC / autophagy / nutrient signaling",
    "Longevity / healthspan",
    "Immune / inflammation",
    "Brain / cognition / mood",
    "Bone / joint / connective tissue",
)

# Which linked source types can justify a best data tier (lint rule and card checks).
TIER_SUPPORT: Final[Mapping[str, frozenset[str]]] = {
    "approved label": frozenset({"label"}),
    "meta-analysis": frozenset({"meta_analysis"}),
    "randomized trial": frozenset({"human_trial"}),
    "human trial": frozenset({"human_trial", "early_human"}),
    "observational": frozenset({"observational"}),
    "animal": frozenset({"animal"}),
    "cell": frozenset({"in_vitro"}),
    "review only": frozenset({"review", "government_review", "regulatory", "guideline"}),
    "none": frozenset(SOURCE_TYPES),
}

# (field, card label, is a list) in canonical order.
COMPOUND_FIELDS: Final = (
    ("id", "ID", False),
    ("aliases", "Aliases", True),
    ("type", "Type", False),
    ("route_form", "Route/form", False),
    ("status", "Status", False),
    ("evidence_level", "Evidence level", False),
    ("best_data_tier", "Best data tier", False),
    ("support_scope", "Support scope", True),
    ("broad_outcomes", "Broad outcomes", True),
    ("reading_note", "Reading note", False),
    ("targets_mechanism", "Targets / mechanism", True),
    ("optimization_domains", "Optimization domains", True),
    ("research_basis", "Research basis", True),
    ("limits_risks", "Limits, risks, and missing evidence", True),
    ("risk_flags", "Risk flags", True),
    ("sources", "Linked papers, labels, and reviews", True),
)
SOURCE_FIELDS: Final = (
    ("id", "ID", False),
    ("type", "Type", False),
    ("title", "Title", False),
    ("summary", "Summary", False),
    # The citation fields in the order of a reference; no stored file changes order.
    ("authors", "Authors", True),
    ("journal", "Journal", False),
    ("year", "Year", False),
    ("volume", "Volume", False),
    ("issue", "Issue", False),
    ("pages", "Pages", False),
    ("doi", "DOI", False),
    ("pmid", "PMID", False),
    ("pmcid", "PMCID", False),
    ("url", "URL", False),
    ("publisher", "Publisher", False),
)
COMPOUND_ORDER: Final = tuple(f for f, _, _ in COMPOUND_FIELDS)
SOURCE_ORDER: Final = tuple(f for f, _, _ in SOURCE_FIELDS)
COMPOUND_LISTS: Final = frozenset(f for f, _, is_list in COMPOUND_FIELDS if is_list)
SOURCE_LISTS: Final = frozenset(f for f, _, is_list in SOURCE_FIELDS if is_list)
# A source's optional fields: what a citation carries beyond id, type, title and summary.
SOURCE_EXTRAS: Final = SOURCE_ORDER[4:]
# Lists a card writes on one comma-separated line; the others get one `- item` line each.
INLINE_LISTS: Final = ("aliases", "support_scope", "broad_outcomes")
# Free-text lists whose values should converge on one spelling across the corpus.
FREE_TEXT_LISTS: Final = ("risk_flags", "targets_mechanism", "optimization_domains")

FIELD_ORDER: Final[Mapping[Kind, tuple[str, ...]]] = {
    "compound": COMPOUND_ORDER,
    "source": SOURCE_ORDER,
}
FOLDERS: Final[Mapping[Kind, str]] = {"compound": "compounds", "source": "sources"}


def valid_id(value: object) -> bool:
    return isinstance(value, str) and len(value) <= ID_MAX and ID_RE.match(value) is not None


def id_problem(value: object) -> str:
    """Why a value is not a valid id (for a value that valid_id refused)."""
    if isinstance(value, str) and value in WINDOWS_RESERVED:
        return f"invalid id {value!r}: Windows reserves it for a device, so {value}.yaml breaks a checkout there"
    if value is None:
        return f"no id: every record needs one ({ID_RULE})"
    return f"invalid id {value!r}: {ID_RULE}"


def unsafe_text(value: str) -> str | None:
    """What is wrong with a text value that holds a control or bidi character, if anything."""
    found = UNSAFE_TEXT.search(value)
    if found is None:
        return None
    char = found.group()
    import unicodedata

    label = unicodedata.name(char, "") or {
        "\x00": "NUL",
        "\x1b": "ESC",
        "\r": "CARRIAGE RETURN",
    }.get(char, "a control character")
    return f"holds U+{ord(char):04X} ({label}) at character {found.start() + 1}: control and bidi characters are refused"


def unsafe_texts(record: Mapping[str, Any]) -> Iterable[tuple[str, int | None, str]]:
    """(field, list index or None, message) for every text value holding an unsafe character."""
    for key, value in record.items():
        values = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, text in values:
            why = unsafe_text(text) if isinstance(text, str) else None
            if why is not None:
                where = key if index is None else f"{key} item {index + 1}"
                yield str(key), index, f"{where} {why}"


def canonical(record: Mapping[str, Any], kind: Kind) -> Record:
    """The record with its keys in canonical order; unknown keys keep their place at the end."""
    order = FIELD_ORDER[kind]
    out: Record = {k: record[k] for k in order if k in record}
    out.update((k, v) for k, v in record.items() if k not in out)
    return out


def source_types(
    compound: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    """The derived `Source types` line: the sorted set of the linked sources' types."""
    found = {
        str(sources[s]["type"])
        for s in compound.get("sources") or []
        if s in sources and sources[s].get("type")
    }
    return sorted(found)


def linked_sources(compound: Mapping[str, Any]) -> int:
    return len(compound.get("sources") or [])


def expanded(compound: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> Record:
    """A compound as `show --format json` gives it: derived fields and sources as objects."""
    out: Record = dict(canonical(compound, "compound"))
    out["source_types"] = source_types(compound, sources)
    out["linked_sources"] = linked_sources(compound)
    out["sources"] = [
        dict(canonical(sources[s], "source")) if s in sources else {"id": s, "missing": True}
        for s in compound.get("sources") or []
    ]
    return out


def summary_facts(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The card's one-line facts of an expanded compound, as (label, text), empty ones left out."""

    def joined(name: str) -> str:
        return ", ".join(str(v) for v in data.get(name) or [])

    facts = [
        ("Aliases", joined("aliases")),
        ("Type", data.get("type")),
        ("Route/form", data.get("route_form")),
        ("Status", data.get("status")),
        ("Evidence level", data.get("evidence_level")),
        ("Best data tier", data.get("best_data_tier")),
        ("Support scope", joined("support_scope")),
        ("Source types", joined("source_types")),
        ("Linked sources", data.get("linked_sources")),
        ("Broad outcomes", joined("broad_outcomes")),
    ]
    return [(label, str(value)) for label, value in facts if value not in (None, "")]


def uniq(items: Iterable[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))
