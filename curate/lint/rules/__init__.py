"""The lint rules: one module each, with a code, a name, a severity and a docstring.

A file rule has `check(doc, ctx)` and sees one file; its results are cached with
the file. A corpus rule has `check_corpus(corpus, ctx)` and sees every record,
for links, collisions and drift. `curate lint --list-rules` prints the docstrings.
"""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing
# compiles a NamedTuple's string annotations, and a process's first compile() costs a
# third of a `python -c pass`.

from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from curate.lint.problem import Problem

if TYPE_CHECKING:
    from curate.lint.document import Document, Pos

# Each rule's module (in the order they run), code and name: what a run that reads no
# file needs (selection and suppressions go by code), known without importing thirty
# modules. Each module's RULE is its declaration; a test checks this table says the same.
CATALOGUE = (
    ("unreadable", "CU008", "unreadable"),
    ("yaml_syntax", "CU001", "yaml-syntax"),
    ("duplicate_key", "CU002", "duplicate-key"),
    ("unsafe_yaml", "CU003", "unsafe-yaml"),
    ("not_mapping", "CU004", "not-a-mapping"),
    ("encoding", "CU005", "encoding"),
    ("byte_order_mark", "CU006", "byte-order-mark"),
    ("line_endings", "CU007", "line-endings"),
    ("schema", "CU101", "schema"),
    ("id_filename", "CU102", "id-filename"),
    ("canonical_form", "CU103", "canonical-form"),
    ("duplicate_item", "CU104", "duplicate-item"),
    ("control_character", "CU105", "control-character"),
    ("empty_name", "CU106", "empty-name"),
    ("no_sources", "CU207", "no-sources"),
    ("duplicate_id", "CU201", "duplicate-id"),
    ("missing_source", "CU202", "missing-source"),
    ("unused_source", "CU203", "unused-source"),
    ("alias_collision", "CU204", "alias-collision"),
    ("vocabulary_drift", "CU205", "vocabulary-drift"),
    ("evidence_tier", "CU206", "evidence-tier"),
    ("doi_syntax", "CU301", "doi-syntax"),
    ("doi_form", "CU302", "doi-form"),
    ("pmid", "CU303", "pmid"),
    ("pmcid", "CU304", "pmcid"),
    ("duplicate_identifier", "CU305", "duplicate-identifier"),
    ("year_range", "CU306", "year-range"),
    ("empty_author", "CU307", "empty-author"),
    ("draft_source", "CU308", "draft-source"),
    ("journal_in_publisher", "CU309", "journal-in-publisher"),
    ("unused_suppression", "CU901", "unused-suppression"),
)
MODULES = tuple(module for module, _code, _name in CATALOGUE)


class Rule(NamedTuple):  # not a dataclass: a warm lint cannot afford importing inspect
    code: str
    name: str
    severity: str
    doc: str
    fixable: bool = False

    def problem(
        self, doc: "Document", pos: "Pos | None", message: str, hint: str | None = None
    ) -> Problem:
        line, col = pos if pos is not None else (None, None)
        rid = doc.record_id or doc.stem
        return Problem(doc.rel, line, col, rid, self.code, self.name, self.severity, message, hint)

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]


@cache
def modules() -> tuple[ModuleType, ...]:
    # (importlib itself would be one more module for every lint to load)
    return tuple(__import__(f"curate.lint.rules.{name}", fromlist=["RULE"]) for name in MODULES)


def all_rules() -> list[Rule]:
    return [m.RULE for m in modules()]


@cache
def file_rules() -> tuple[ModuleType, ...]:
    """The rules that check one file at a time (asked once a file: kept)."""
    return tuple(m for m in modules() if hasattr(m, "check"))


def corpus_rules() -> tuple[ModuleType, ...]:
    return tuple(m for m in modules() if hasattr(m, "check_corpus"))


def data_fixers() -> dict[str, ModuleType]:
    """Fixable rules whose fix changes a record's data, by code (`fix_record(record)`)."""
    return {m.RULE.code: m for m in modules() if hasattr(m, "fix_record")}


def codes_named(token: str) -> list[str]:
    """Codes a --select/--ignore token names: a code, a code prefix (CU2) or a name."""
    token = token.strip()
    upper, lower = token.upper(), token.lower()
    return [code for _m, code, name in CATALOGUE if code.startswith(upper) or name == lower]


def all_codes() -> list[str]:
    return [code for _m, code, _name in CATALOGUE]


def by_code_or_name(token: str) -> list[Rule]:
    """The rules a token names (see codes_named)."""
    named = set(codes_named(token))
    return [r for r in all_rules() if r.code in named]
