"""Plain data from YAML text: no anchors, aliases or tags, and every scalar a plain value.

Shared by lint (which also records positions) and by `curate add` (which reads records to import), so a
file means the same to both. Anchors, aliases and explicit tags are found from parser events and refused
before anything is composed: a "billion laughs" file is never expanded and no tag reaches a constructor.
Scalars are built as YAML 1.2 reads them (see yamltext.py); a key given twice is found in the node tree.
"""

from __future__ import annotations

from typing import Any

from curate.records.yamllib import yaml  # before yaml's own modules: see there

# isort: split
from yaml.nodes import MappingNode, Node, ScalarNode

from curate.records.yamltext import PLAIN_CONSTRUCTOR as PLAIN_CONSTRUCTOR
from curate.records.yamltext import SafeLoader

Pos = tuple[int, int]


def mark(node: Node) -> Pos:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def duplicate_keys(node: MappingNode) -> list[tuple[str, Pos, Pos]]:
    """(key, first place, place given again) for each key a mapping gives twice."""
    seen: dict[Any, Node] = {}
    out = []
    for key_node, _value in node.value:
        key = key_node.value if isinstance(key_node, ScalarNode) else None
        if key in seen:
            out.append((str(key), mark(seen[key]), mark(key_node)))
        elif key is not None:
            seen[key] = key_node
    return out


def refuse_surprises(text: str) -> tuple[int, int, str] | None:
    """Anchors, aliases and explicit tags, found from parser events (never expanded)."""
    if "&" not in text and "*" not in text and "!" not in text:
        return None
    for event in yaml.parse(text, Loader=SafeLoader):
        where = event.start_mark
        line, col = (where.line + 1, where.column + 1) if where is not None else (1, 1)
        if isinstance(event, yaml.AliasEvent):
            return (
                line,
                col,
                f"YAML alias *{event.anchor} refused: anchors and aliases are not allowed",
            )
        anchor = getattr(event, "anchor", None)
        if anchor:
            return (
                line,
                col,
                f"YAML anchor &{anchor} refused: anchors and aliases are not allowed",
            )
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        explicit = tag is not None and (
            implicit is False or implicit == (False, False) or tag.startswith("!")
        )
        if explicit and tag not in (None, "!"):
            short = tag.replace("tag:yaml.org,2002:", "!!")
            return (line, col, f"YAML tag {short} refused: records hold plain data only")
    return None
