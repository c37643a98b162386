"""From parsed references to records to import: ids, types, and which stored source each is.

- A reference whose DOI (normalized, case-insensitive) or PMID matches a stored source
  *is* that source: it is imported as a partial record under the stored id, so the
  planner reports it `unchanged` or as a conflict naming the fields it would change
  (`--update`/`--merge` apply them). Its summary and any field the reference does not
  give stay as stored. Two references to one paper in a batch are one source; if they
  disagree, that is an error naming the fields.
- The source type comes from PubMed's publication types or from a title that says
  what the paper is (TYPE_BY_PUBLICATION_TYPE, TYPE_BY_TITLE: first row that applies
  wins), else from `--type`; a new source without any of them is refused and named.
- A new source gets an id as the shipped data writes them (`new_id`), and no summary:
  it is a draft, reported by lint rule CU308 until a curator writes the summary.
- A curate export (BibTeX, RIS or CSL-JSON with curate's own fields) brings its id,
  type and summary along, so an export reads back to the same sources.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from curate.errors import CurateError
from curate.lookup.index import Index
from curate.records import deferred, identifiers, model
from curate.records.citations import Citation, names
from curate.records.ingest import Incoming, normalize_record
from curate.records.model import Record

# PubMed publication type (PT) -> source type; the first row any PT matches wins.
TYPE_BY_PUBLICATION_TYPE: tuple[tuple[str, str], ...] = (
    ("Meta-Analysis", "meta_analysis"),
    ("Practice Guideline", "guideline"),
    ("Guideline", "guideline"),
    ("Randomized Controlled Trial", "human_trial"),
    ("Controlled Clinical Trial", "human_trial"),
    ("Pragmatic Clinical Trial", "human_trial"),
    ("Clinical Trial, Phase I", "human_trial"),
    ("Clinical Trial, Phase II", "human_trial"),
    ("Clinical Trial, Phase III", "human_trial"),
    ("Clinical Trial, Phase IV", "human_trial"),
    ("Clinical Trial", "human_trial"),
    ("Observational Study", "observational"),
    ("Systematic Review", "review"),
    ("Review", "review"),
    ("Editorial", "commentary"),
    ("Comment", "commentary"),
    ("Letter", "commentary"),
)
# A phrase in the title (case-insensitive) -> source type; the first row that matches wins.
TYPE_BY_TITLE: tuple[tuple[str, str], ...] = (
    (r"\bmeta-?analys[ie]s\b", "meta_analysis"),
    (r"\brandomi[sz]ed(?:,? [\w-]+){0,4} trial\b", "human_trial"),
    (r"\b(?:placebo-controlled|double-blind(?:ed)?)(?:,? [\w-]+){0,3} trial\b", "human_trial"),
    (r"\b(?:systematic|scoping|umbrella|narrative) review\b", "review"),
    (r"(?::|\.|^)\s*an? (?:\w+ )?review\s*$", "review"),
    (r"\bpractice guidelines?\b", "guideline"),
)
# Compiled on first use: case-insensitive patterns cost a tenth of a run, and a card needs none.
_TITLE_RULES = tuple((deferred.pattern(p, re.IGNORECASE), t) for p, t in TYPE_BY_TITLE)
# Words that say nothing about which paper it is, skipped when an id picks a title word.
_GENERIC_WORDS = (
    "a an and are as at be by can do does effect effects effectiveness evidence for from "
    "in into is it its of on or role study studies the their to via with without new "
    "analysis review systematic meta trial randomized randomised controlled clinical "
    "using use based after during between among versus vs how what why when"
)
_GENERIC = frozenset(_GENERIC_WORDS.split())


def type_of(citation: Citation) -> str | None:
    """The source type a reference states, by the two tables; None when nothing says."""
    for publication_type, source_type in TYPE_BY_PUBLICATION_TYPE:
        if publication_type in citation.publication_types:
            return source_type
    title = str(citation.fields.get("title", ""))
    return next((t for pattern, t in _TITLE_RULES if pattern.search(title)), None)


def _ascii_words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", plain)


def id_stem(fields: Record) -> list[str]:
    """Candidate ids, best first: family name(s), title word(s), year.

    As the shipped data writes them: both family names for two authors, the first
    otherwise (`norton_layman_leucine_2006`, `johnson_mtor_2013`), then the first
    title word that is not generic, then a second one if the first id is taken.
    """
    authors = [str(a) for a in fields.get("authors") or []]
    families = [names.family_of(a) for a in (authors if len(authors) == 2 else authors[:1])]
    people = [w for family in families for w in _ascii_words(family)][:4]
    words = [
        w for w in _ascii_words(str(fields.get("title", ""))) if w not in _GENERIC and len(w) > 2
    ]
    year = [str(fields["year"])] if isinstance(fields.get("year"), int) else []
    out = []
    for n in (1, 2, 3):
        parts = [*people, *words[:n], *year]
        text = "_".join(parts)[: model.ID_MAX].strip("_")
        if text and not text[0].isalpha():
            text = f"ref_{text}"[: model.ID_MAX]
        if text and text not in out:
            out.append(text)
    return out or ["ref"]


class Prepared:
    """Plain class rather than a dataclass: `curate add` cannot afford importing inspect."""

    __slots__ = ("drafts", "errors", "items")

    def __init__(self) -> None:
        self.items: list[Incoming] = []
        self.errors: list[CurateError] = []
        self.drafts: list[str] = []  # ids of new sources without a summary


class _Known:
    """The stored sources' identifiers and ids, read once per import."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.by_key: dict[str, str] = {}
        self.ids: set[str] = set()
        for record in index.records("source"):
            rid = record.get("id")
            if not isinstance(rid, str):
                continue
            self.ids.add(rid)
            for key in _keys(record):
                self.by_key.setdefault(key, rid)


def _keys(fields: Record) -> list[str]:
    """What identifies the paper: DOI and PMID; only without either, title and year."""
    out = []
    doi, pmid = fields.get("doi"), fields.get("pmid")
    if isinstance(doi, str) and doi:
        out.append(f"doi:{identifiers.doi_key(doi)}")
    if isinstance(pmid, str) and pmid:
        out.append(f"pmid:{identifiers.pmid_key(pmid)}")
    if not out and fields.get("title"):
        out.append(f"title:{str(fields['title']).casefold()}:{fields.get('year')}")
    return out


def prepare(citations: Iterable[Citation], index: Index, default_type: str | None) -> Prepared:
    known = _Known(index)
    out = Prepared()
    taken = set(known.ids)
    in_batch: dict[str, tuple[Citation, Record]] = {}
    for citation in citations:
        fields = normalize_record(dict(citation.fields), "source")
        if isinstance(fields.get("doi"), str):
            fields["doi"] = identifiers.doi_normal(fields["doi"])
        keys = _keys(fields)
        first = next((in_batch[k] for k in keys if k in in_batch), None)
        if first is not None:
            _same_paper(out, citation, fields, first)
            continue
        stored_id = next((known.by_key[k] for k in keys if k in known.by_key), None)
        if stored_id is None:
            stored_id = _stored_by_id(citation, known)
        record = _record(out, citation, fields, stored_id, default_type, taken, known)
        if record is None:
            continue
        in_batch.update((k, (citation, fields)) for k in keys)
        out.items.append(Incoming("source", record, citation.where, partial=stored_id is not None))
    return out


def _same(key: str, a: Record, b: Record) -> bool:
    if key == "doi":  # DOIs are case-insensitive
        return identifiers.doi_key(str(a[key])) == identifiers.doi_key(str(b[key]))
    return bool(a[key] == b[key])


def _same_paper(
    out: Prepared, citation: Citation, fields: Record, first: tuple[Citation, Record]
) -> None:
    earlier, earlier_fields = first
    differ = [k for k in fields if k in earlier_fields and not _same(k, earlier_fields, fields)]
    if differ:
        out.errors.append(
            CurateError(
                f"{citation.label()}: the same paper as at {earlier.where}, given differently "
                f"in {', '.join(differ)}",
                citation.where,
            )
        )


def _record(
    out: Prepared,
    citation: Citation,
    fields: Record,
    stored_id: str | None,
    default_type: str | None,
    taken: set[str],
    known: _Known,
) -> Record | None:
    own = citation.own
    stated = own.get("type") or type_of(citation)
    if stored_id is not None:
        stored = known.index.record("source", stored_id) or {}
        if "doi" in fields and "doi" in stored and _same("doi", stored, fields):
            fields = {**fields, "doi": stored["doi"]}  # the stored spelling of the same DOI
        record = {"id": stored_id, **({"type": stated} if stated else {}), **fields}
        if own.get("summary"):
            record["summary"] = own["summary"]
        return model.canonical(record, "source")
    source_type = stated or default_type
    if source_type is None:
        out.errors.append(
            CurateError(
                f"{citation.label()}: nothing in the reference says what kind of source it is "
                "(no PubMed publication type, no title such as '... a randomized controlled "
                "trial'); give --type",
                citation.where,
            )
        )
        return None
    rid = own.get("id") or _new_id(fields, taken)
    taken.add(str(rid))
    record = {"id": rid, "type": source_type, **fields}
    if own.get("summary"):
        record["summary"] = own["summary"]
    else:
        out.drafts.append(str(rid))
    return model.canonical(record, "source")


def _stored_by_id(citation: Citation, known: _Known) -> str | None:
    """A stored source a curate export names by its id."""
    own_id = citation.own.get("id")
    return own_id if isinstance(own_id, str) and own_id in known.ids else None


def _new_id(fields: Record, taken: set[str]) -> str:
    """The first free candidate id, else the first with a number after it."""
    candidates = id_stem(fields)
    for rid in candidates:
        if rid not in taken:
            return rid
    base = candidates[0][: model.ID_MAX - 3]
    n = 2
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"
