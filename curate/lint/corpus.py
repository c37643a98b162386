"""Every record of a root at once, for the rules that compare records."""

from __future__ import annotations

from curate import names
from curate.lint.document import Document


class Corpus:
    def __init__(self, docs: list[Document]) -> None:
        self.docs = docs
        self.compounds: dict[str, Document] = {}
        self.sources: dict[str, Document] = {}
        for doc in docs:
            rid = doc.record_id
            if rid is not None:
                (self.compounds if doc.kind == "compound" else self.sources).setdefault(rid, doc)

    def of_kind(self, kind: str) -> list[Document]:
        return [d for d in self.docs if d.kind == kind and d.record is not None]


def name_keys(doc: Document) -> list[tuple[str, str, int]]:
    """(compact key, name as written, alias index or -1 for the id) of a compound's names."""
    record = doc.record
    if record is None or doc.kind != "compound":
        return []
    out: list[tuple[str, str, int]] = []
    rid = record.get("id")
    if isinstance(rid, str):
        out.append((names.key_of(rid), rid, -1))
    aliases = record.get("aliases")
    for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
        if isinstance(alias, str) and names.key_of(alias):
            out.append((names.key_of(alias), alias, index))
    return out
