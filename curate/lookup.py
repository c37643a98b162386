"""Finding a compound by id or alias: exact names now; suggestions for the rest."""

from __future__ import annotations

from pathlib import Path

from curate.errors import NotFound
from curate.kb import KnowledgeBase
from curate.model import Record


def suggestions(kb: KnowledgeBase, name: str, limit: int = 3) -> list[str]:
    """Up to `limit` compound ids whose names are closest to `name` (never applied)."""
    from rapidfuzz import fuzz, process

    names = kb.names()
    found: list[str] = []
    choices = {n: n.casefold() for n in names}
    hits = process.extract(
        name.casefold(), choices, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=40
    )
    for _value, _score, key in hits:
        rid = names[key]
        if rid not in found:
            found.append(rid)
    return found[:limit]


def find(kb: KnowledgeBase, name: str) -> str:
    rid = kb.names().get(name)
    if rid is not None:
        return rid
    close = suggestions(kb, name)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise NotFound(f"no compound named {name!r}{hint}")


def load_for_show(root: Path, name: str) -> tuple[Record, dict[str, Record], list[str]]:
    """The compound NAME names, all sources, and warnings about files that were skipped."""
    kb = KnowledgeBase.load(root)
    rid = find(kb, name)
    warnings = [f"{error} (skipped; run `curate lint`)" for error in kb.errors]
    return kb.compounds[rid], kb.sources, warnings
