"""The fuzzy stage's bucketed table, cached per index generation: rebuilt when damaged."""

from __future__ import annotations

import marshal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke

# The first few fuzzy questions of a process go to SQLite; these six reach the table.
TYPOS = ["mecasermn", "leucinx", "rapamycn", "zinx", "whey_protien", "bcaax"]
Plant = Callable[[Any], object]


def _cached(root: Path) -> Path:
    [path] = (root / ".curate" / "cache").glob("fuzzy*.marshal")
    return path


@pytest.mark.parametrize(
    "plant",
    [
        lambda bucket: 5,
        lambda bucket: (bucket[0], bucket[1]),
        lambda bucket: (bucket[0], bucket[1], [str(r) for r in bucket[2]]),
        lambda bucket: ([str(n) for n in bucket[0]], bucket[1], bucket[2]),
        lambda bucket: (bucket[0] + [99], bucket[1], bucket[2]),
        lambda bucket: (bucket[0], bucket[1], [r + 10**9 for r in bucket[2]]),
    ],
    ids=["an int", "two lists", "text rowids", "text lengths", "ragged", "rows of no name"],
)
def test_a_table_of_another_shape_is_built_again(cli: Invoke, root: Path, plant: Plant) -> None:
    command = ["--root", str(root), "resolve", *TYPOS]
    fresh = cli(command)
    assert fresh.exit_code == 1 and "bcaa" in fresh.stdout  # zinx resolves to nothing
    built = marshal.loads(_cached(root).read_bytes())
    _cached(root).write_bytes(marshal.dumps({key: plant(b) for key, b in built.items()}))
    again = cli(command)
    assert (again.exit_code, again.stdout, again.stderr) == (1, fresh.stdout, fresh.stderr)
    assert marshal.loads(_cached(root).read_bytes()) == built  # and stored again
