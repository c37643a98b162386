"""The lint cache: per-file results keyed by size, mtime and content hash.

Kept under the root in `.curate/cache/` (which ignores itself in git). It holds
plain values only and is read with marshal, which constructs data and never
runs code; a cache from another version of curate or other schemas is dropped.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

CACHE_DIR = Path(".curate") / "cache"
FORMAT = 2


def cache_dir(root: Path) -> Path:
    folder = root / CACHE_DIR
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        (root / ".curate" / ".gitignore").write_text("*\n", encoding="utf-8")
    return folder


def load(root: Path, name: str, signature: str) -> dict[str, Any]:
    path = root / CACHE_DIR / name
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("signature") != signature
        or data.get("format") != FORMAT
    ):
        return {}
    return data


def save(root: Path, name: str, signature: str, data: dict[str, Any]) -> None:
    """Best effort: a read-only root just runs without a cache."""
    try:
        target = cache_dir(root) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps({**data, "signature": signature, "format": FORMAT}))
        os.replace(tmp, target)
    except OSError:
        pass
