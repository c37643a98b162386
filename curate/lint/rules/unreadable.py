"""A record file that cannot be read: a FIFO, a folder, a symlink loop, no permission.

Lint never opens what is not a regular file, names it, and checks the rest; the
other commands leave it out of their answers and say so.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU008", "unreadable", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    if doc.unreadable is not None:
        yield RULE.problem(doc, None, doc.unreadable, "replace it with a record file or remove it")
