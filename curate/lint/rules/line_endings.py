"""CRLF (or CR) line ends; records use LF (fixable with --fix)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import WARNING, Problem
from curate.lint.rules import Rule

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU007", "line-endings", WARNING, __doc__ or "", fixable=True)


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    if doc.crlf_line is not None:
        yield RULE.problem(
            doc, (doc.crlf_line, 1), "CRLF line ends; records use LF", "run `curate lint --fix`"
        )
