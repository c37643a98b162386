"""What a NAME given to `log` or `blame` means now: the record's id, file and sources.

A name the resolver knows is that record; an id no record holds any more may
still have a history (a removed record), so it is kept with the reason `show`
would refuse it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from curate.errors import CurateError, NotFound
from curate.records import model
from curate.repo import store


@dataclass
class Located:
    """What NAME means now: the id and file `show` would use, or a plain id that only
    history may know (a removed record), with the reason `show` would refuse it."""

    id: str
    path: str  # relative to the root
    linked: list[str]
    messages: list[str]
    refusal: str | None = None


def locate(root: Path, name: str) -> Located:
    exact = _exact_id(root, name)
    if exact is not None:
        return exact
    from curate.lookup import find
    from curate.lookup.index import Index
    from curate.lookup.resolve import resolve_checked

    index = Index(root)
    try:
        answer = resolve_checked(index, name)
        messages = list(index.skipped)
        if answer.id is None:
            if model.valid_id(name):
                path = f"data/compounds/{name}.yaml"
                return Located(name, path, [], messages, find.refusal(answer))
            raise NotFound(find.refusal(answer))
        if answer.status == "fuzzy":
            messages.append(
                f"{name!r} resolved to {answer.id} (fuzzy match, score {answer.score:.0f})"
            )
        record = index.record("compound", answer.id) or {}
        path = index.file_of("compound", answer.id) or f"data/compounds/{answer.id}.yaml"
        linked = [s for s in record.get("sources") or [] if model.valid_id(s)]
        return Located(answer.id, path, linked, messages)
    finally:
        index.close()


def _exact_id(root: Path, name: str) -> Located | None:
    """An id whose file bears its name is what the resolver's first stage would answer:
    one file read instead of the name index's check of every file."""
    if not model.valid_id(name):
        return None
    path = f"data/compounds/{name}.yaml"
    try:
        record = store.load_record(root / path)
    except CurateError:
        return None
    if record.get("id") != name:
        return None
    return Located(name, path, [s for s in record.get("sources") or [] if model.valid_id(s)], [])
