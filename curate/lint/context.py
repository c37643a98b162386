"""What every lint rule may consult besides the record: the root and its schemas, compiled once.

A leaf of `curate.lint`: the engine, the cache state and the rules all import it, it imports none of them.
"""

from __future__ import annotations

import json
import os

# _blake2 is what hashlib.blake2b is; hashlib itself loads OpenSSL, a cost every lint paid.
from _blake2 import blake2b
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from curate import __version__
from curate.records import model
from curate.records.validate import Checker
from curate.repo import store


class Context:
    def __init__(self, root: Path, options: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self.root = root
        self.options = (
            options or {}
        )  # rule name -> its options (thresholds), from the configuration
        self._checkers: dict[str, Checker] = {}
        self.schema_texts = {
            kind: store.schema_path(root, kind).read_text(encoding="utf-8") for kind in model.KINDS
        }
        # The modeline of each kind's canonical text: looked up once, not once a file.
        self.schema_refs = {kind: store.schema_ref(root, kind) for kind in model.KINDS}

    def checker(self, kind: str) -> Checker:
        if kind not in self._checkers:
            text = self.schema_texts.get(kind)  # type: ignore[call-overload]
            self._checkers[kind] = store.schema_checker(self.root, kind, text)  # type: ignore[arg-type]
        return self._checkers[kind]

    def option(self, rule: str, name: str, default: Any) -> Any:
        return self.options.get(rule, {}).get(name, default)

    def signature(self) -> str:
        """Changes with curate itself (any of its files), the schemas and the rule options."""
        code = code_stamps(str(Path(__file__).resolve().parent.parent))
        options = json.dumps(self.options, sort_keys=True)
        # Which schemas are in force decides the modeline a canonical record has.
        refs = self.schema_refs.values()
        text = "\0".join([__version__, *code, *self.schema_texts.values(), options, *refs])
        return blake2b(text.encode(), digest_size=16).hexdigest()


def code_stamps(package: str) -> list[str]:
    """`path:size:mtime` of every .py file under the package, sorted: what rglob gives,
    at a fraction of its cost (one stat a file, and no Path objects), on every lint."""
    found = []
    folders = [package]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    stat = entry.stat()
                    found.append(f"{entry.path}:{stat.st_size}:{stat.st_mtime_ns}")
                elif entry.name != "__pycache__" and entry.is_dir():
                    folders.append(entry.path)
    return sorted(found)
