"""A UTF-8 byte-order mark at the start of the file (fixable with --fix).

Harmless to YAML loaders but noise in diffs and a trap for other tools.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import WARNING, Problem
from curate.lint.rules import Rule

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU006", "byte-order-mark", WARNING, __doc__ or "", fixable=True)


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    if doc.bom:
        yield RULE.problem(
            doc, (1, 1), "file starts with a byte-order mark", "run `curate lint --fix`"
        )
