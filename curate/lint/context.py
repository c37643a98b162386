"""What every lint rule may consult besides the record: the root and its schemas, compiled once.

A leaf of `curate.lint`: the engine, the cache state and the rules all import it, it imports none of them.
"""

from __future__ import annotations

# _blake2 is what hashlib.blake2b is; hashlib itself loads OpenSSL, a cost every lint paid.
from _blake2 import blake2b
from pathlib import Path

from curate import __version__
from curate.records import model
from curate.records.validate import Checker
from curate.repo import store


class Context:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._checkers: dict[str, Checker] = {}
        self.schema_texts = {
            kind: store.schema_path(root, kind).read_text(encoding="utf-8") for kind in model.KINDS
        }

    def checker(self, kind: str) -> Checker:
        if kind not in self._checkers:
            text = self.schema_texts.get(kind)  # type: ignore[call-overload]
            self._checkers[kind] = store.schema_checker(self.root, kind, text)  # type: ignore[arg-type]
        return self._checkers[kind]

    def signature(self) -> str:
        """Changes with curate itself (any of its files) and with the schemas in force."""
        package = Path(__file__).resolve().parent.parent
        code = sorted(
            f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in package.rglob("*.py")
        )
        text = "\0".join([__version__, *code, *self.schema_texts.values()])
        return blake2b(text.encode(), digest_size=16).hexdigest()
