"""The one cache folder, `<root>/.curate/cache/` (it ignores itself in git), and its one write.

Lint's per-file results, the name index's snapshot, the fuzzy table, scan's dictionary and
the words its review found nothing to check in all live here. Every file holds plain data only, read with marshal (which constructs data and never runs code)
or SQLite; a damaged or foreign file reads as absent and is rebuilt. Writes are best effort: a
read-only root runs without a cache. A cache from another version of curate or other schemas is dropped.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from pathlib import Path
from typing import Any

CACHE_DIR = Path(".curate") / "cache"
FORMAT = 3


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


def drop(root: Path, name: str) -> None:
    with contextlib.suppress(OSError):
        (root / CACHE_DIR / name).unlink()


def save(root: Path, name: str, signature: str, data: dict[str, Any]) -> None:
    """Best effort: a read-only root just runs without a cache."""
    write(root, name, marshal.dumps({**data, "signature": signature, "format": FORMAT}))


def read(root: Path, name: str) -> bytes | None:
    """A cache file's bytes, or None when it is absent or unreadable."""
    try:
        return (root / CACHE_DIR / name).read_bytes()
    except OSError:
        return None


def replace_family(root: Path, pattern: str, name: str, payload: bytes) -> None:
    """Write `name` and drop the older files matching `pattern` (one generation is kept)."""
    with contextlib.suppress(OSError):
        for old in (root / CACHE_DIR).glob(pattern):
            if old.name != name:
                old.unlink(missing_ok=True)
    write(root, name, payload)


def write(root: Path, name: str, payload: bytes) -> None:
    """Temp file and rename, so a reader never sees half a file; silently nothing on a read-only root."""
    try:
        target = cache_dir(root) / name
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(payload)
        os.replace(tmp, target)
    except OSError:
        pass


class Packed:
    """Many marshal values in one file, each read only when asked for.

    One file instead of hundreds: creating a file costs far more than writing its
    bytes. A header maps each part's name to its slice of the data after it; a
    part is unmarshalled on first use, and a part nobody changed is written back
    as the same bytes.
    """

    HEAD = 8  # bytes giving the header's length

    def __init__(self, data: bytes = b"", spans: dict[str, tuple[int, int]] | None = None) -> None:
        self.data, self.spans = data, spans or {}

    @classmethod
    def load(cls, root: Path, name: str, signature: str) -> Packed | None:
        try:
            blob = (root / CACHE_DIR / name).read_bytes()
            size = int.from_bytes(blob[: cls.HEAD], "little")
            header = marshal.loads(blob[cls.HEAD : cls.HEAD + size])
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if not isinstance(header, dict) or header.get("signature") != signature:
            return None
        if header.get("format") != FORMAT or not isinstance(header.get("spans"), dict):
            return None
        return cls(blob[cls.HEAD + size :], header["spans"])

    def raw(self, part: str) -> bytes | None:
        span = self.spans.get(part)
        return None if span is None else self.data[span[0] : span[1]]

    def get(self, part: str) -> Any:
        raw = self.raw(part)
        try:
            return None if raw is None else marshal.loads(raw)
        except (EOFError, ValueError, TypeError):
            return None

    @classmethod
    def save(cls, root: Path, name: str, signature: str, parts: dict[str, bytes]) -> None:
        spans: dict[str, tuple[int, int]] = {}
        at = 0
        for part, raw in parts.items():
            spans[part] = (at, at + len(raw))
            at += len(raw)
        header = marshal.dumps({"signature": signature, "format": FORMAT, "spans": spans})
        write(
            root,
            name,
            b"".join([len(header).to_bytes(cls.HEAD, "little"), header, *parts.values()]),
        )
