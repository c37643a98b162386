"""What every benchmark shares: the Row it reports, timing, the commands, the generated corpora."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent
CURATE = str(BIN / "curate")
PY = sys.executable

sys.path.insert(0, str(REPO))
from bench import gen  # noqa: E402


@dataclass
class Row:
    name: str
    seconds: float
    baseline_name: str
    baseline: float
    target: str

    @property
    def ratio(self) -> float:
        return self.seconds / self.baseline if self.baseline else float("inf")


def timed(
    fn: Callable[[], object], repeat: int = 5, setup: Callable[[], object] | None = None
) -> float:
    """Median seconds of fn; setup (untimed) runs before each call."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# Commands run as installed: with bytecode caches, which pip writes for a normal install
# and Python writes on first import; some sandboxes set PYTHONDONTWRITEBYTECODE,
# which would charge every run for compiling curate's modules afresh.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(args: Sequence[str], check: bool = True) -> Callable[[], object]:
    def call() -> object:
        done = subprocess.run(args, capture_output=True, check=False, env=ENV)
        if check and done.returncode not in (0, 1):
            raise SystemExit(f"bench: {' '.join(args)} failed: {done.stderr.decode()[-300:]}")
        return done

    return call


def corpus(count: int, with_sources: bool = True) -> Path:
    root = OUT / (f"root_{count}" if with_sources else f"compounds_{count}")
    if not (root / "data" / "compounds").is_dir():
        print(f"generating {count} records in {root} ...", file=sys.stderr)
        gen.generate(root, count, with_sources=with_sources)
    elif not (root / "schemas").is_dir():
        gen.add_schemas(root)  # a root generated before the generator copied them
    return root


def first_alias(root: Path) -> str:
    path = sorted((root / "data" / "compounds").iterdir())[0]
    for line in path.read_text().splitlines():
        if line.startswith("  - "):
            return line[4:].strip('"')
    return path.stem


BENCHES: dict[str, Callable[[], list[Row]]] = {}


def bench(fn: Callable[[], list[Row]]) -> Callable[[], list[Row]]:
    BENCHES[fn.__name__] = fn
    return fn
