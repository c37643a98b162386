"""`curate scan --format json`, written as it goes (schemas/output/scan.schema.json).

The bytes are those of `json.dumps(tree, indent=2, ensure_ascii=False)` of the whole
report, but no tree of a long article's mentions is ever built: each mention is
formatted from the scan's arrays when its turn comes, each distinct spelling encoded
once. What is held besides the scan: one batch of formatted mentions at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from curate.lookup.mentions import Mentions
    from curate.lookup.review import ScanReport

BATCH = 1024  # mentions formatted into one string written at once
_STEP = "  "


def chunks(results: list[ScanReport]) -> Iterator[str]:
    """Per input, each compound found with its mentions, then the uncertain mentions
    (with candidates) and the unknown compound-like terms."""
    yield from _array((_report(report) for report in results), 0)
    yield "\n"


def text(results: list[ScanReport]) -> str:
    return "".join(chunks(results))


def _report(report: ScanReport) -> Iterator[str]:
    found = report.found
    order = sorted(found, key=lambda r: (found[r].mentions[0].line, found[r].mentions[0].col))
    compounds = (_compound(report, rid) for rid in order)
    return _object(
        [
            ("input", _plain(report.input, 2)),
            ("compounds", _array(compounds, 2)),
            ("uncertain", _plain([u.as_dict() for u in report.uncertain], 2)),
            ("unknown", _plain([u.as_dict() for u in report.unknown], 2)),
        ],
        1,
    )


def _compound(report: ScanReport, rid: str) -> Iterator[str]:
    record, found = report.records[rid], report.found[rid]
    return _object(
        [
            ("id", _plain(rid, 4)),
            ("evidence_level", _plain(record.get("evidence_level"), 4)),
            ("status", _plain(record.get("status"), 4)),
            ("risk_flags", _plain(record.get("risk_flags") or [], 4)),
            ("ambiguous", _plain(found.ambiguous, 4)),
            ("mentions", _mentions(found.mentions, 4)),
        ],
        3,
    )


def _mentions(mentions: Mentions, level: int) -> Iterator[str]:
    """A list of mention objects at `level`, in batches."""
    if not mentions:
        yield "[]"
        return
    pad, inner = "\n" + _STEP * (level + 1), "\n" + _STEP * (level + 2)
    spelled = [
        (f'{inner}"text": {_dumps(text)},{inner}"alias": {_dumps(alias)}{pad}}}')
        for text, alias in mentions.spellings
    ]
    head = f'{pad}{{{inner}"line": '
    lines, cols, numbers = mentions.lines, mentions.cols, mentions.spelled
    yield "["
    for start in range(0, len(mentions), BATCH):
        stop = min(start + BATCH, len(mentions))
        yield ("," if start else "") + ",".join(
            f'{head}{lines[n]},{inner}"col": {cols[n]},{spelled[numbers[n]]}'
            for n in range(start, stop)
        )
    yield "\n" + _STEP * level + "]"


def _array(items: Iterable[Iterator[str]], level: int) -> Iterator[str]:
    """A JSON array at `level` of items given as pieces, as json.dumps indents it."""
    pad = "\n" + _STEP * (level + 1)
    first = True
    for item in items:
        yield ("[" if first else ",") + pad
        first = False
        yield from item
    yield "[]" if first else "\n" + _STEP * level + "]"


def _object(pairs: list[tuple[str, Iterator[str]]], level: int) -> Iterator[str]:
    pad = "\n" + _STEP * (level + 1)
    for n, (key, value) in enumerate(pairs):
        yield ("{" if n == 0 else ",") + pad + _dumps(key) + ": "
        yield from value
    yield "\n" + _STEP * level + "}"


def _plain(value: Any, level: int) -> Iterator[str]:
    """A value held whole (it is small), indented to `level`: an encoded string has no
    line break of its own, so the encoder's line breaks are where the indent goes."""
    yield json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + _STEP * level)


def _dumps(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)
