"""Canonical YAML text for records, and safe loading with libyaml.

Records are flat mappings of scalars and lists of scalars, so a small emitter
gives byte-stable output many times faster than PyYAML's pure-Python dumper
(the only dumper that can indent sequences). Every string that a YAML 1.1
loader could read as anything but the same string is double-quoted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is a hard requirement in practice
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["SafeLoader", "dump_record", "load_text", "schema_comment"]

_IMPLICIT = Resolver.yaml_implicit_resolvers
STR_TAG = "tag:yaml.org,2002:str"


class SafeLoader(_Loader):
    """libyaml's safe loader, deciding the common plain scalar without a regex.

    libyaml calls back into Python to resolve every plain scalar's tag; most
    values start with a letter no implicit resolver (bool, null, number, date)
    looks at, and those are strings. The rest take PyYAML's own path.
    """

    _first_chars = frozenset(k for k in _Loader.yaml_implicit_resolvers if k)
    _shortcut = None not in _Loader.yaml_implicit_resolvers and not _Loader.yaml_path_resolvers

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if (
            kind is ScalarNode
            and self._shortcut
            and implicit[0]
            and value
            and value[0] not in self._first_chars
        ):
            return STR_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


# Characters YAML cannot hold plainly: controls, line separators, BOM, surrogates.
_SPECIAL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_INDICATOR_START = set("-?:,[]{}#&*!|>'\"%@` ")


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or text[0] in _INDICATOR_START:
        return False
    if _SPECIAL.search(text) or ": " in text or " #" in text or text.endswith(":"):
        return False
    return not any(rx.match(text) for _tag, rx in _IMPLICIT.get(text[0], []))


def _quoted(text: str) -> str:
    import json

    out = json.dumps(text, ensure_ascii=False)
    return _SPECIAL.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


_MEMO: dict[str, str] = {}


def scalar(value: Any) -> str:
    if isinstance(value, str):
        # Vocabulary values repeat across thousands of records; decide each once.
        out = _MEMO.get(value)
        if out is None:
            out = value if _plain_ok(value) else _quoted(value)
            if len(_MEMO) < 100_000:
                _MEMO[value] = out
        return out
    if isinstance(value, bool) or value is None:
        return "true" if value is True else "false" if value is False else "null"
    if isinstance(value, int | float):
        return repr(value)
    # Not part of the model: keep it loadable and visible rather than guess a layout.
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def schema_comment(schema_ref: str) -> str:
    """The editor's schema line; `schema_ref` is relative to the record's folder."""
    return f"# yaml-language-server: $schema={schema_ref}\n"


def dump_record(record: Mapping[str, Any], schema_ref: str) -> str:
    """Canonical text: schema comment, one key a line, block lists indented by two."""
    parts = [schema_comment(schema_ref)]
    for key, value in record.items():
        name = scalar(str(key))
        if isinstance(value, list | tuple):
            if not value:
                parts.append(f"{name}: []\n")
                continue
            parts.append(f"{name}:\n")
            parts.extend(f"  - {scalar(item)}\n" for item in value)
        else:
            parts.append(f"{name}: {scalar(value)}\n")
    return "".join(parts)


def load_text(text: str) -> Any:
    """Parse with libyaml's safe loader: no tags beyond plain data are constructed."""
    return yaml.load(text, Loader=SafeLoader)


_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
_NOT_CANONICAL = object()


_READ: dict[str, Any] = {}


def _canonical_scalar(text: str) -> Any:
    """A scalar as `scalar()` writes it, or _NOT_CANONICAL for anything libyaml must read."""
    # Versions of a record share most lines, and vocabulary values repeat: decide each once.
    value = _READ.get(text, _READ)
    if value is _READ:
        value = _read_scalar(text)
        if len(_READ) < 200_000:
            _READ[text] = value
    return value


def _read_scalar(text: str) -> Any:
    if text.startswith('"'):
        inner = text[1:-1]
        ok = len(text) > 1 and text.endswith('"') and '"' not in inner and "\\" not in inner
        return inner if ok and not _SPECIAL.search(inner) else _NOT_CANONICAL
    if not _plain_ok(text):  # what the loader would resolve to something else: an int at most
        return int(text) if _DECIMAL.fullmatch(text) else _NOT_CANONICAL
    return text


def load_canonical(text: str) -> dict[str, Any] | None:
    """The record `dump_record` wrote, read back without libyaml (many times faster);
    None for any text not exactly in that shape, which `load_text` must read."""
    lines = text.split("\n")
    if lines.pop() != "":
        return None
    if lines and lines[0].startswith("# yaml-language-server: $schema="):
        del lines[0]
    out: dict[str, Any] = {}
    filling: list[Any] | None = None
    for line in lines:
        if line.startswith("  - ") and filling is not None:
            item = _canonical_scalar(line[4:])
            if item is _NOT_CANONICAL:
                return None
            filling.append(item)
            continue
        if filling is not None and not filling:
            return None  # `key:` with no items is null, not a list
        name, colon, rest = line.partition(": ") if ": " in line else line.partition(":")
        if not colon or name in out or (rest and colon != ": ") or _canonical_scalar(name) != name:
            return None
        if not rest and colon == ":":
            out[name] = filling = []
            continue
        filling = None
        value = [] if rest == "[]" else _canonical_scalar(rest)
        if value is _NOT_CANONICAL:
            return None
        out[name] = value
    return None if filling is not None and not filling else out
