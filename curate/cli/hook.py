"""`curate lint --pre-commit`: which roots to lint for the files of a commit.

pre-commit passes the staged record files that match the hook's `files` (any
folder's `data/compounds/` or `data/sources/`, so a root in a subfolder works) and
nothing for deletions. Each file is judged in the nearest root above it; a root
from which the commit deletes a record is linted whole, since any record may
link what is gone.
"""

from __future__ import annotations

from pathlib import Path

from curate.errors import CurateError
from curate.records import model
from curate.repo import gitio, store

Targets = dict[Path, list[Path] | None]  # root -> files to report on (None: all of them)


def targets(root_arg: str | None, files: list[Path]) -> Targets:
    out: Targets = {}
    for path in files:
        root = store.find_root(root_arg, cwd=path.parent if root_arg is None else None)
        found = out.setdefault(root, [])
        if found is not None:
            found.append(path)
    try:
        deleted = gitio.staged_deletions(Path.cwd())
    except CurateError:  # not in a repository: nothing is being committed
        deleted = []
    for path in deleted:
        owner = _root_of_record(path)
        if owner is not None and (root_arg is None or owner == store.find_root(root_arg)):
            out[owner] = None
    return out


def _root_of_record(path: Path) -> Path | None:
    folder = path.parent
    if path.suffix != ".yaml" or folder.name not in model.FOLDERS.values():
        return None
    root = folder.parent.parent
    return root.resolve() if folder.parent.name == "data" and store.is_root(root) else None
