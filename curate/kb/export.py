"""Writing the knowledge base out: JSON Lines, CSV, cards, or a SQLite database.

JSON Lines, CSV and cards read back with `curate add` to the same repository.
The SQLite database (tables compounds, aliases, sources, compound_sources and
one child table per list field) is for SQL and Datasette.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from curate.errors import NotFound
from curate.kb.knowledge import KnowledgeBase
from curate.records import model
from curate.records.model import Record
from curate.repo import store

if TYPE_CHECKING:
    import sqlite3

CHILD_TABLES = tuple(f for f in model.COMPOUND_LISTS if f not in ("aliases", "sources"))


def jsonl(kb: KnowledgeBase) -> Iterator[str]:
    for sid in sorted(kb.sources):
        yield (
            json.dumps(
                {"kind": "source", **model.canonical(kb.sources[sid], "source")}, ensure_ascii=False
            )
            + "\n"
        )
    for cid in sorted(kb.compounds):
        yield json.dumps(model.canonical(kb.compounds[cid], "compound"), ensure_ascii=False) + "\n"


def csv_text(kb: KnowledgeBase) -> Iterator[str]:
    import csv  # here, as ingest: JSON Lines, the usual export, needs neither

    from curate.records.ingest import join_list

    header = [
        "kind",
        *model.COMPOUND_ORDER,
        *(f for f in model.SOURCE_ORDER if f not in model.COMPOUND_ORDER),
    ]
    rows = [{"kind": "source", **kb.sources[s]} for s in sorted(kb.sources)]
    rows += [{"kind": "compound", **kb.compounds[c]} for c in sorted(kb.compounds)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow({k: join_list(v) if isinstance(v, list) else v for k, v in row.items()})
        yield buffer.getvalue()


def cards_text(kb: KnowledgeBase) -> Iterator[str]:
    from curate.records import cards  # here: JSON Lines, the usual export, renders none

    for n, cid in enumerate(sorted(kb.compounds)):
        yield ("---\n" if n else "") + cards.render_card(kb.compounds[cid], kb.sources)


CITATION_FORMATS = ("bibtex", "csl-json", "ris")


def cited_sources(kb: KnowledgeBase, compound: str | None) -> list[Record]:
    """Every source by id, or those one compound links, in its order (missing ones left out)."""
    if compound is None:
        return [model.canonical(kb.sources[s], "source") for s in sorted(kb.sources)]
    if compound not in kb.compounds:
        raise NotFound(f"no compound with id {compound!r}")
    linked = model.uniq(kb.compounds[compound].get("sources") or [])
    return [model.canonical(kb.sources[s], "source") for s in linked if s in kb.sources]


def citations_text(sources: list[Record], fmt: str) -> str:
    from curate.records.citations import bibtex, csljson, ris

    writers = {"bibtex": bibtex.render, "csl-json": csljson.render, "ris": ris.render}
    return writers[fmt](sources)


def unlinked_sources(kb: KnowledgeBase) -> list[str]:
    """Sources a card export cannot carry: no compound links them."""
    linked = {s for c in kb.compounds.values() for s in c.get("sources") or []}
    return sorted(set(kb.sources) - linked)


SCHEMA = """
CREATE TABLE compounds (id TEXT PRIMARY KEY, type TEXT NOT NULL, route_form TEXT, status TEXT NOT NULL,
    evidence_level TEXT NOT NULL, best_data_tier TEXT NOT NULL, reading_note TEXT);
CREATE TABLE sources (id TEXT PRIMARY KEY, type TEXT NOT NULL, title TEXT NOT NULL, summary TEXT,
    year INTEGER, doi TEXT, pmid TEXT, url TEXT, publisher TEXT, journal TEXT, volume TEXT, issue TEXT,
    pages TEXT, pmcid TEXT);
CREATE TABLE source_authors (source_id TEXT NOT NULL REFERENCES sources(id), position INTEGER NOT NULL,
    name TEXT NOT NULL, PRIMARY KEY (source_id, position));
CREATE TABLE aliases (compound_id TEXT NOT NULL REFERENCES compounds(id), position INTEGER NOT NULL,
    alias TEXT NOT NULL, PRIMARY KEY (compound_id, position));
CREATE TABLE compound_sources (compound_id TEXT NOT NULL REFERENCES compounds(id), position INTEGER NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id), PRIMARY KEY (compound_id, position));
CREATE INDEX aliases_alias ON aliases (alias);
CREATE INDEX compound_sources_source ON compound_sources (source_id);
CREATE INDEX compounds_status ON compounds (status);
CREATE INDEX compounds_evidence ON compounds (evidence_level);
CREATE INDEX sources_type ON sources (type);
"""


def sqlite(kb: KnowledgeBase, path: Path) -> None:
    """A new database at path (written beside it, then renamed into place)."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    import sqlite3  # only this format needs it: a jsonl export is a pipe's first step

    db = sqlite3.connect(tmp)
    try:
        db.executescript(SCHEMA)
        for table in CHILD_TABLES:
            db.execute(
                f"CREATE TABLE {table} (compound_id TEXT NOT NULL REFERENCES compounds(id), position INTEGER NOT NULL, "
                f"value TEXT NOT NULL, PRIMARY KEY (compound_id, position))"
            )
            db.execute(f"CREATE INDEX {table}_value ON {table} (value)")
        _fill(db, kb)
        db.commit()
    finally:
        db.close()
    tmp.chmod(store.file_mode(path))
    tmp.replace(path)


def _fill(db: sqlite3.Connection, kb: KnowledgeBase) -> None:
    scalars = (
        "id",
        "type",
        "route_form",
        "status",
        "evidence_level",
        "best_data_tier",
        "reading_note",
    )
    columns = [f for f in model.SOURCE_ORDER if f not in model.SOURCE_LISTS]
    db.executemany(
        f"INSERT INTO sources ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        ([s.get(f) for f in columns] for s in kb.sources.values()),
    )
    for sid, source in kb.sources.items():
        db.executemany("INSERT INTO source_authors VALUES (?, ?, ?)",
                       ((sid, n, a) for n, a in enumerate(source.get("authors") or [])))  # fmt: skip
    db.executemany("INSERT INTO compounds VALUES (?, ?, ?, ?, ?, ?, ?)",
                   ([c.get(f) for f in scalars] for c in kb.compounds.values()))  # fmt: skip
    for cid, record in kb.compounds.items():
        db.executemany("INSERT INTO aliases VALUES (?, ?, ?)",
                       ((cid, n, a) for n, a in enumerate(record.get("aliases") or [])))  # fmt: skip
        db.executemany("INSERT INTO compound_sources VALUES (?, ?, ?)",
                       ((cid, n, s) for n, s in enumerate(record.get("sources") or [])))  # fmt: skip
        for table in CHILD_TABLES:
            db.executemany(f"INSERT INTO {table} VALUES (?, ?, ?)",
                           ((cid, n, v) for n, v in enumerate(record.get(table) or [])))  # fmt: skip
