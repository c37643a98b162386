"""The knowledge base in memory: compounds and sources by id, read from a root."""

from __future__ import annotations

from pathlib import Path

from curate.errors import CurateError
from curate.records import model
from curate.records.model import Kind, Record
from curate.repo import store


class KnowledgeBase:
    """Plain class rather than a dataclass: `curate show` cannot afford importing inspect."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.compounds: dict[str, Record] = {}
        self.sources: dict[str, Record] = {}
        self.paths: dict[tuple[Kind, str], Path] = {}
        self.errors: list[CurateError] = []

    def records(self, kind: Kind) -> dict[str, Record]:
        return self.compounds if kind == "compound" else self.sources

    @classmethod
    def load(cls, root: Path) -> KnowledgeBase:
        kb = cls(root)
        for kind in model.KINDS:
            with store.gc_paused():
                loaded = store.load_kind(root, kind)
            kb.records(kind).update(loaded.records)
            kb.paths.update(((kind, rid), p) for rid, p in loaded.paths.items())
            kb.errors.extend(loaded.errors)
        return kb

    @classmethod
    def mirrored(cls, root: Path) -> KnowledgeBase:
        """As `load`, from the name index's copy of each record: an up-to-date index
        spares reading every YAML file (and importing PyYAML). A root with an unreadable
        file is read as `load` reads it, for the error only a read gives."""
        from curate.lookup.index import Index

        index = Index(root)
        try:
            if index.skipped:
                return cls.load(root)
            kb = cls(root)
            for kind in model.KINDS:
                records = kb.records(kind)
                for rel, rid, record in index.stored(kind):
                    if rid not in records:  # as `load`: the first file of an id is the record
                        records[rid] = record
                        kb.paths[(kind, rid)] = root / rel
            return kb
        finally:
            index.close()
