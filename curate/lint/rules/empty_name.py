"""An alias that is nothing but punctuation or marks (`---`, `()`, `®™`).

Names are matched on their normalized key (see `curate resolve`); such an alias
has an empty key, so no lookup, scan or collision check can ever see it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from curate.lint.context import Context
from curate.lint.problem import ERROR, Problem
from curate.lint.rules import Rule
from curate.lookup import names

if TYPE_CHECKING:
    from curate.lint.document import Document

RULE = Rule("CU106", "empty-name", ERROR, __doc__ or "")


def check(doc: Document, ctx: Context) -> Iterator[Problem]:
    record = doc.record
    aliases = record.get("aliases") if record is not None and doc.kind == "compound" else None
    for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
        if isinstance(alias, str) and alias.strip() and not names.key_of(alias):
            yield RULE.problem(
                doc,
                doc.at("aliases", index),
                f"alias {alias!r} names nothing once punctuation and marks are dropped",
                "remove it, or write the name it stands for",
            )
