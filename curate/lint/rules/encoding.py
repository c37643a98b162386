"""Record files are UTF-8; other encodings are reported at the first byte that does not decode."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU005", "encoding", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    if doc.decode_error:
        line, col, message = doc.decode_error
        yield RULE.problem(doc, (line, col), message, "re-save the file as UTF-8")
