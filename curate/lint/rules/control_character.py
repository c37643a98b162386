"""Text holding a control character (NUL, ESC, a lone carriage return) or a bidi override.

Such characters are invisible in an editor and in a diff, and an override such as
U+202E makes a value read differently from what it holds; exported raw, they reach
every reader of the knowledge base. Tabs and line feeds are allowed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule
from curate.records import model

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU105", "control-character", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    record = doc.record
    if record is None:
        return
    for field, index, message in model.unsafe_texts(record):
        yield RULE.problem(doc, doc.at(field, index), message, "delete the character")
