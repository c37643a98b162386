"""Plain data from YAML text: no anchors, aliases or tags, and every scalar a plain value.

Shared by lint (which also records positions) and by `curate add` (which reads records to import), so a
file means the same to both. Anchors, aliases and explicit tags are found from parser events and refused
before anything is composed: a "billion laughs" file is never expanded and no tag reaches a constructor.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from curate.records.yamltext import STR_TAG, SafeLoader


class _Constructor(SafeConstructor):
    """Plain data from nodes; scalars of other tags go through SafeConstructor."""

    def plain(self, node: Node) -> Any:
        kind = type(node)
        if kind is ScalarNode:
            if node.tag == STR_TAG:
                return node.value
            build = self.yaml_constructors.get(node.tag)
            if build is None:
                raise yaml.constructor.ConstructorError(
                    None, None, f"unknown tag {node.tag}", node.start_mark
                )
            value = build(self, node)
            # Dates and the like become text: the lint cache holds plain values only.
            return value if value is None or isinstance(value, str | int | float) else str(value)
        if kind is SequenceNode:
            return [self.plain(item) for item in node.value]
        if kind is MappingNode:
            return {self.plain(k): self.plain(v) for k, v in node.value}
        raise yaml.constructor.ConstructorError(None, None, "unexpected node", node.start_mark)


PLAIN_CONSTRUCTOR = _Constructor()


def refuse_surprises(text: str) -> tuple[int, int, str] | None:
    """Anchors, aliases and explicit tags, found from parser events (never expanded)."""
    if "&" not in text and "*" not in text and "!" not in text:
        return None
    for event in yaml.parse(text, Loader=SafeLoader):
        mark = event.start_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
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
