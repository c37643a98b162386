"""`curate init`: a new, empty curation repository."""

from __future__ import annotations

from pathlib import Path

from curate import store
from curate.errors import CurateError

README = """# Curation knowledge base

Compound records live in `data/compounds/`, the sources they cite in `data/sources/`,
one YAML file per record, validated by the JSON Schemas in `schemas/`.

- `curate show NAME` prints a record; `curate lint` checks the whole repository.
- `curate new ID` starts a record; `curate add FILE` imports cards, YAML, JSON, JSONL or CSV.
"""


PRE_COMMIT = """# Runs `curate lint` on the record files of each commit (pip install pre-commit; pre-commit install).
repos:
  - repo: local
    hooks:
      - id: curate-lint
        name: curate lint
        entry: curate lint
        language: system
        files: ^data/(compounds|sources)/[^/]+\\.yaml$
        require_serial: true
"""


def plan(root: Path) -> dict[Path, str | None]:
    """What init creates: folders (None) and files (their text)."""
    files: dict[Path, str | None] = {
        root / "data" / "compounds": None,
        root / "data" / "sources": None,
        root / "schemas": None,
        root / "README.md": README,
        root / ".pre-commit-config.yaml": PRE_COMMIT,
        root / ".gitignore": ".curate/\n",
    }
    for name in store.SCHEMA_FILES.values():
        files[root / "schemas" / name] = (store.PACKAGE_SCHEMAS / name).read_text("utf-8")
    return files


def init(root: Path) -> list[Path]:
    if root.exists() and not root.is_dir():
        raise CurateError("exists and is not a folder", root)
    todo = plan(root)
    taken = [p for p in todo if p.exists()]
    if taken:
        raise CurateError(f"refusing to overwrite {len(taken)} existing path(s), first {taken[0]}")
    created: list[Path] = []
    for path, text in todo.items():
        if text is None:
            path.mkdir(parents=True)
        else:
            store.write_atomic(path, text, overwrite=False)
        created.append(path)
    return created
