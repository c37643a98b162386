"""The lint rules: one module each, with a code, a name, a severity and a docstring.

A file rule has `check(doc, ctx)` and sees one file; its results are cached with
the file. A corpus rule has `check_corpus(corpus, ctx)` and sees every record,
for links, collisions and drift. `curate lint --list-rules` prints the docstrings.
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from curate.lint.problem import Problem

if TYPE_CHECKING:
    from curate.lint.document import Document, Pos

MODULES = (
    "unreadable", "yaml_syntax", "duplicate_key", "unsafe_yaml", "not_mapping", "encoding",
    "byte_order_mark", "line_endings", "schema", "id_filename", "canonical_form",
    "duplicate_item", "control_character", "empty_name", "no_sources", "duplicate_id",
    "missing_source", "unused_source", "alias_collision", "vocabulary_drift", "evidence_tier",
    "doi_syntax", "doi_form", "pmid", "pmcid", "duplicate_identifier", "year_range",
    "empty_author", "draft_source", "journal_in_publisher", "unused_suppression",
)  # fmt: skip


class Rule(NamedTuple):  # not a dataclass: a warm lint cannot afford importing inspect
    code: str
    name: str
    severity: str
    doc: str
    fixable: bool = False

    def problem(
        self, doc: Document, pos: Pos | None, message: str, hint: str | None = None
    ) -> Problem:
        line, col = pos if pos is not None else (None, None)
        rid = doc.record_id or doc.stem
        return Problem(doc.rel, line, col, rid, self.code, self.name, self.severity, message, hint)

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]


@cache
def modules() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(f"curate.lint.rules.{name}") for name in MODULES)


def all_rules() -> list[Rule]:
    return [m.RULE for m in modules()]


def file_rules() -> list[ModuleType]:
    return [m for m in modules() if hasattr(m, "check")]


def corpus_rules() -> list[ModuleType]:
    return [m for m in modules() if hasattr(m, "check_corpus")]


def data_fixers() -> dict[str, ModuleType]:
    """Fixable rules whose fix changes a record's data, by code (`fix_record(record)`)."""
    return {m.RULE.code: m for m in modules() if hasattr(m, "fix_record")}


def by_code_or_name(token: str) -> list[Rule]:
    """Rules a --select/--ignore token names: a code, a code prefix (CU2) or a name."""
    token = token.strip()
    return [r for r in all_rules() if r.code.startswith(token.upper()) or r.name == token.lower()]
