"""Finding the compound a name means, for `show`: the resolver over the index."""

from __future__ import annotations

from pathlib import Path

from curate.errors import NotFound
from curate.lookup.index import Index
from curate.lookup.resolve import DEFAULT_LIMITS, Resolution, Thresholds, resolve_checked
from curate.records.model import Record


def refusal(answer: Resolution) -> str:
    """Why a name was not resolved, with the candidates (never applied)."""
    listed = ", ".join(f"{c.id} ('{c.alias}')" for c in answer.candidates[:3])
    if answer.status == "ambiguous":
        return f"{answer.query!r} is ambiguous: it could be {listed}"
    hint = f"; did you mean {listed}?" if listed else ""
    return f"no compound named {answer.query!r}{hint}"


def load_for_show(
    root: Path, name: str, limits: Thresholds = DEFAULT_LIMITS
) -> tuple[Record, dict[str, Record], list[str]]:
    """The compound NAME resolves to, its linked sources, and messages for stderr."""
    index = Index(root)
    try:
        answer = resolve_checked(index, name, limits)
        if answer.id is None:
            raise NotFound(refusal(answer))
        compound = index.record("compound", answer.id)
        linked = (
            [s for s in compound.get("sources") or [] if isinstance(s, str)] if compound else []
        )
        files = [f for f in (index.file_of("source", s) for s in linked) if f]
        if compound is None or not index.fresh(files):
            index.refresh(force=True)
            compound = index.record("compound", answer.id)
        if compound is None:
            raise NotFound(f"no compound named {name!r}")
        sources = {s: r for s in linked if (r := index.record("source", s)) is not None}
        messages = list(index.skipped)
        if answer.status == "fuzzy":
            messages.append(
                f"{name!r} resolved to {answer.id} (fuzzy match, score {answer.score:.0f})"
            )
        return compound, sources, messages
    finally:
        index.close()
