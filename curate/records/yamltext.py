"""Canonical YAML text for records, and safe loading with libyaml as YAML 1.2 reads it.

Plain scalars resolve as YAML 1.2's core schema says (what editors, check-jsonschema
and every 1.2 loader see): `NO`, `on`, `y` are text, `1:20` is text, `0123` is the
integer 123, `0o17` is 15. libyaml's C parser does the parsing; only the choice of
tag and the building of numbers are ours. Records are flat mappings of scalars and
lists of scalars, so a small emitter gives byte-stable output many times faster
than PyYAML's pure-Python dumper. Every string that a YAML 1.1 or 1.2 reader could
take for anything but the same string is double-quoted, so a file means the same
to every tool.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, ClassVar

from curate.records import deferred
from curate.records.yamllib import yaml  # before yaml's own modules: see there

# isort: split
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is a hard requirement in practice
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = [
    "PLAIN_CONSTRUCTOR",
    "SafeLoader",
    "compose",
    "dump_record",
    "load_text",
    "schema_comment",
]

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG, BOOL_TAG = "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"
INT_TAG, FLOAT_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
SEQ_TAG, MAP_TAG = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
INT_DIGITS_MAX = 4300  # Python's own limit on converting text to int

# YAML 1.2.2, 10.3.2 (core schema): (tag, pattern, first characters).
CORE_SCHEMA = (
    (NULL_TAG, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (BOOL_TAG, r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    (INT_TAG, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        FLOAT_TAG,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
)


class SafeLoader(_Loader):
    """libyaml's safe loader with YAML 1.2 core-schema tags, deciding most scalars without a regex.

    libyaml calls back into Python to resolve every plain scalar's tag; most
    values start with a letter no core pattern looks at, and those are strings.
    """

    yaml_implicit_resolvers = {}  # noqa: RUF012 - PyYAML fills it per class
    _first_chars: ClassVar[frozenset[str]] = frozenset()

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0] and value and value[0] not in self._first_chars:
            return STR_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


for _tag, _pattern, _first in CORE_SCHEMA:
    SafeLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)
SafeLoader._first_chars = frozenset(k for k in SafeLoader.yaml_implicit_resolvers if k)


def _int12(text: str, mark: Any) -> int:
    digits = text.lstrip("+-")
    if len(digits) > INT_DIGITS_MAX:
        raise ConstructorError(None, None, f"a number of {len(digits)} digits", mark)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)  # "0123" is 123: YAML 1.2 has no leading-zero octal


def _float12(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith((".inf", ".nan")):
        return float(lowered.replace(".", ""))
    return float(text)


class PlainConstructor(SafeConstructor):
    """Plain data from nodes: str, None, bool, int, float, lists and mappings, nothing else."""

    def plain(self, node: Node) -> Any:
        kind = type(node)
        if kind is ScalarNode:
            tag, value = node.tag, node.value
            if tag == STR_TAG:
                return value
            if tag == NULL_TAG:
                return None
            if tag == BOOL_TAG:
                return value.lower() == "true"
            if tag == INT_TAG:
                return _int12(value, node.start_mark)
            if tag == FLOAT_TAG:
                return _float12(value)
            raise ConstructorError(None, None, f"unknown tag {tag}", node.start_mark)
        if node.tag not in (SEQ_TAG, MAP_TAG):
            raise ConstructorError(None, None, f"unknown tag {node.tag}", node.start_mark)
        if kind is SequenceNode:
            return [self.plain(item) for item in node.value]
        if kind is MappingNode:
            out = {}
            for key_node, value_node in node.value:
                key = self.plain(key_node)
                if not isinstance(key, str | int | float | bool | None):
                    raise ConstructorError(
                        None, None, "a key must be text, not a list or mapping", key_node.start_mark
                    )
                out[key] = self.plain(value_node)
            return out
        raise ConstructorError(None, None, "unexpected node", node.start_mark)

    def construct_document(self, node: Node) -> Any:
        return self.plain(node)


PLAIN_CONSTRUCTOR = PlainConstructor()


# What some reader takes for something other than text: YAML 1.1 as PyYAML reads it,
# the 1.1 spec's one-letter booleans PyYAML leaves out, and the 1.2 core schema.
_NOT_TEXT = {
    first: [rx for _tag, rx in rules]
    for first, rules in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    if first is not None
}
for _first_char, _rules in SafeLoader.yaml_implicit_resolvers.items():
    _NOT_TEXT.setdefault(_first_char, []).extend(rx for _tag, rx in _rules)
for _letter in "yYnN":
    _NOT_TEXT.setdefault(_letter, []).append(deferred.pattern(r"^(?:y|Y|n|N)$"))


# Characters YAML cannot hold plainly: controls, line separators, BOM, surrogates.
# (Compiled when first written: a charset as wide as the BMP, and reading records needs none.)
_SPECIAL = deferred.pattern("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_INDICATOR_START = set("-?:,[]{}#&*!|>'\"%@` ")


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or text[0] in _INDICATOR_START:
        return False
    if _SPECIAL.search(text) or ": " in text or " #" in text or text.endswith(":"):
        return False
    return not any(rx.match(text) for rx in _NOT_TEXT.get(text[0], []))


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
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        return _float_text(value)
    # Not part of the model: keep it loadable and visible rather than guess a layout.
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _float_text(value: float) -> str:
    """A float both YAML 1.1 (which wants a dot) and 1.2 read back as the same float."""
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    if exponent and exponent[0] not in "+-":
        exponent = "+" + exponent
    return mantissa + e + exponent


def _marker(text: str) -> bool:
    """Whether a line starting with this text starts with a document marker (`---`, `...`),
    as a key at the start of a line does: it must be quoted there."""
    return text[:3] in ("---", "...") and (len(text) == 3 or text[3] in " \t")


def schema_comment(schema_ref: str) -> str:
    """The editor's schema line; `schema_ref` is relative to the record's folder."""
    return f"# yaml-language-server: $schema={schema_ref}\n"


def dump_record(record: Mapping[str, Any], schema_ref: str) -> str:
    """Canonical text: schema comment, one key a line, block lists indented by two."""
    parts = [schema_comment(schema_ref)]
    for key, value in record.items():
        name = _quoted(str(key)) if _marker(str(key)) else scalar(str(key))
        if isinstance(value, list | tuple):
            if not value:
                parts.append(f"{name}: []\n")
                continue
            parts.append(f"{name}:\n")
            parts.extend(f"  - {scalar(item)}\n" for item in value)
        else:
            parts.append(f"{name}: {scalar(value)}\n")
    return "".join(parts)


def compose(text: str) -> Node | None:
    """The node tree of a one-document text, composed by libyaml."""
    loader = SafeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def load_text(text: str) -> Any:
    """Parse with libyaml as YAML 1.2 reads it: plain data only, no tag constructed."""
    node = compose(text)
    return None if node is None else PLAIN_CONSTRUCTOR.plain(node)


KEY_MAX = 1000  # libyaml's longest implicit key is 1,024 characters: longer ones are its to refuse
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")  # longer numbers: libyaml, which says why
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
        if _SPECIAL.search(lines[0]):  # a line break ends the comment; a control, the file
            return None
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
        if (
            not colon
            or len(name) > KEY_MAX
            or _marker(name)
            or name in out
            or (rest and colon != ": ")
            or _canonical_scalar(name) != name
        ):
            return None
        if not rest and colon == ":":
            out[name] = filling = []
            continue
        filling = None
        value = [] if rest == "[]" else _canonical_scalar(rest)
        if value is _NOT_CANONICAL:
            return None
        out[name] = value
    return None if (filling is not None and not filling) or not out else out
