"""`make bench`: each command timed against a baseline measured in the same run.

Results are ratios, never wall-clock limits: the machine's speed cancels out.
Generated roots are kept in bench/out/ between runs (delete it to regenerate).
"""

from __future__ import annotations

import json
import os
import random
import shutil
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
import yaml  # noqa: E402

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


@bench
def show() -> list[Row]:
    base = timed(run([PY, "-c", "pass"]), repeat=15)
    rows = [
        Row(
            "show IGF-1 (shipped data)",
            timed(run([CURATE, "--root", str(REPO), "show", "IGF-1"]), 15),
            "python -c pass",
            base,
            "<= 5x",
        )
    ]
    big = corpus(10_000)
    alias = first_alias(big)
    rows.append(
        Row(
            f"show {alias!r} (10,000 records)",
            timed(run([CURATE, "--root", str(big), "show", alias])),
            "python -c pass",
            base,
            "(reported)",
        )
    )
    return rows


def _edit_one(path: Path) -> None:
    """Change one compound's reading note, as a curator would before committing."""
    text = path.read_text()
    marker = "reading_note: "
    start = text.index(marker) + len(marker)
    end = text.index("\n", start)
    note = "Edited note." if text[start:end] != "Edited note." else "Synthetic benchmark record."
    path.write_text(text[:start] + note + text[end:])


@bench
def lint() -> list[Row]:
    root = corpus(10_000)
    cache = root / ".curate"
    baseline = timed(run([PY, str(HERE / "load_baseline.py"), str(root)]), repeat=3)

    cold_s = timed(
        run([CURATE, "--root", str(root), "lint"]),
        repeat=3,
        setup=lambda: shutil.rmtree(cache, ignore_errors=True),
    )
    warm_s = timed(run([CURATE, "--root", str(root), "lint"]), repeat=5)

    path = sorted((root / "data" / "compounds").iterdir())[0]
    one_s = timed(
        run([CURATE, "--root", str(root), "lint", str(path)]),
        repeat=5,
        setup=lambda: _edit_one(path),
    )
    rows = [
        Row(
            "lint cold (10,000 compounds, 40k files)",
            cold_s,
            "C-loader load, one process",
            baseline,
            "<= 1.5x",
        ),
        Row("lint second run, unchanged", warm_s, "lint cold", cold_s, "<= 0.1x"),
        Row("lint FILE, one file changed", one_s, "lint cold", cold_s, "<= 0.1x"),
    ]
    checker = BIN / "check-jsonschema"
    if checker.exists():
        # The same 40,146 files through check-jsonschema, each kind with its schema;
        # lint also cross-checks them, which check-jsonschema cannot.
        other = 0.0
        for kind, folder in (("compound", "compounds"), ("source", "sources")):
            files = sorted(str(p) for p in (root / "data" / folder).glob("*.yaml"))
            schema = str(REPO / "schemas" / f"{kind}.schema.json")
            for at in range(0, len(files), 10_000):  # command lines have a length limit
                command = [str(checker), "--schemafile", schema, *files[at : at + 10_000]]
                other += timed(run(command, False), 1)
        rows.append(
            Row(
                "lint cold (the same 40k files)",
                cold_s,
                "check-jsonschema, both schemas",
                other,
                "<= 0.1x",
            )
        )
    return rows


def _typo(rng: random.Random, name: str) -> str:
    """One letter changed, away from the ends and never a digit: a fuzzy-stage query."""
    spots = [i for i, c in enumerate(name) if c.isalpha() and 0 < i < len(name) - 1]
    if not spots:
        return name + "x"
    i = rng.choice(spots)
    return name[:i] + ("q" if name[i].lower() != "q" else "z") + name[i + 1 :]


def _resolver_rows(count: int, with_sources: bool) -> list[Row]:
    from curate.lookup import resolve as resolver
    from curate.lookup.index import Index

    root = corpus(count, with_sources)
    Index(root).close()  # build the index once, outside the timings
    load_s = timed(lambda: Index(root).close(), repeat=5)
    index = Index(root)
    rng = random.Random(7)
    names = [n for _f, _i, n, _c in rng.sample(index.all_names(), 1000)]
    queries = [_typo(rng, n) for n in names]
    start = time.perf_counter()
    answers = [resolver.resolve(index, q) for q in queries]
    per_query = (time.perf_counter() - start) / len(queries)
    fuzzy = sum(a.stage == 5 or a.status == "none" for a in answers)
    base = timed(run([PY, "-c", "pass"]), repeat=15)
    one = timed(run([CURATE, "--root", str(root), "resolve", names[0]]), repeat=7)
    typo = timed(run([CURATE, "--root", str(root), "resolve", queries[0]]), repeat=7)
    label = f"{count:,} records"
    return [
        Row(f"index load from cache ({label})", load_s, "python -c pass", base, "(reported)"),
        Row(
            f"1,000 typo queries, {fuzzy} reach stage 5 ({label}), per query",
            per_query,
            "5 ms",
            0.005,
            "<= 1x",
        ),
        Row(f"curate resolve NAME, warm ({label})", one, "python -c pass", base, "<= 20x"),
        Row(f"curate resolve TYPO, warm ({label})", typo, "python -c pass", base, "(reported)"),
    ]


def _scan_row(count: int, with_sources: bool) -> Row:
    from curate.lookup import scan
    from curate.lookup.index import Index

    root = corpus(count, with_sources)
    index = Index(root)
    automaton = scan.load(index)
    rng = random.Random(3)
    names = [n for _f, _i, n, _c in rng.sample(index.all_names(), 2000)]
    filler = [
        "the",
        "study",
        "of",
        "muscle",
        "growth",
        "and",
        "signaling",
        "in",
        "older",
        "adults",
        "with",
        "protein",
        "intake",
    ]
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < 1_000_000:
        words.append(rng.choice(names) if rng.random() < 0.02 else rng.choice(filler))
    text = " ".join(words)
    seconds = timed(lambda: scan.scan_text(automaton, text), repeat=3)
    return Row(f"scan 1 MB of text ({count:,}-record dictionary)", seconds, "1 s", 1.0, "<= 1x")


@bench
def resolve() -> list[Row]:
    return _resolver_rows(10_000, True) + _resolver_rows(100_000, False)


@bench
def scan() -> list[Row]:
    return [_scan_row(10_000, True), _scan_row(100_000, False)]


def _git_corpus() -> Path:
    """The 10,000-record root as a git repository whose last commit changes 100 compounds."""
    repo = OUT / "git_10000"
    if (repo / ".git").is_dir():
        return repo
    shutil.copytree(corpus(10_000), repo, ignore=shutil.ignore_patterns(".curate"))

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-qm", "base")
    for path in sorted((repo / "data" / "compounds").iterdir())[::100]:
        path.write_text(
            path.read_text()
            .replace("status: ", "status: ", 1)
            .replace(
                "reading_note: Synthetic benchmark record.",
                "reading_note: Edited in the second commit.",
            )
        )
    git("add", "-A")
    git(
        "-c",
        "user.name=bench",
        "-c",
        "user.email=bench@example.invalid",
        "commit",
        "-qm",
        "edit 100",
    )
    return repo


@bench
def diff() -> list[Row]:
    repo = _git_corpus()

    cold = timed(
        run([CURATE, "--root", str(repo), "lint"]),
        repeat=3,
        setup=lambda: shutil.rmtree(repo / ".curate", ignore_errors=True),
    )
    between = timed(
        run([CURATE, "--root", str(repo), "diff", "HEAD~1", "HEAD", "--stat"]), repeat=5
    )
    return [
        Row(
            "diff HEAD~1 HEAD, 100 of 10,000 changed",
            between,
            "lint cold, same repo",
            cold,
            "<= 0.2x",
        )
    ]


@bench
def add() -> list[Row]:
    """10,000 JSON Lines records (2,500 compounds with their sources) into an empty root."""
    source = corpus(10_000)
    lines = []
    for path in sorted((source / "data" / "compounds").iterdir()):
        record = yaml.load(path.read_text(), Loader=yaml.CSafeLoader)
        for sid in record["sources"]:
            src = yaml.load(
                (source / "data" / "sources" / f"{sid}.yaml").read_text(), Loader=yaml.CSafeLoader
            )
            lines.append(json.dumps({"kind": "source", **src}))
        lines.append(json.dumps(record))
        if len(lines) >= 10_000:
            break
    feed = OUT / "add_10000.jsonl"
    feed.write_text("\n".join(lines[:10_000]) + "\n")
    # Fresh targets, deleted only after measuring: this file system (ext4 without a
    # journal) scans recently freed inodes on every file creation for minutes after
    # a mass deletion, which would time the file system's recovery, not curate.
    stamp = time.strftime("%Y%m%d%H%M%S")
    targets = [OUT / f"add_target_{stamp}_{n}" for n in range(3)]
    for target in targets:
        for sub in ("compounds", "sources"):
            (target / "data" / sub).mkdir(parents=True)
    pending = list(targets)

    def fresh_add() -> object:
        return run([CURATE, "--root", str(pending.pop()), "add", str(feed)])()

    # Earlier writes flushed first (untimed), so each import starts on a quiet disk.
    added = timed(fresh_add, repeat=3, setup=os.sync)
    target = targets[0]
    cold = timed(
        run([CURATE, "--root", str(target), "lint"]),
        repeat=3,
        setup=lambda: shutil.rmtree(target / ".curate", ignore_errors=True),
    )
    # What the file system alone charges for 10,000 new files, in the same conditions.
    probe = OUT / f"add_target_{stamp}_raw"
    probe.mkdir()
    raw = timed(lambda: _create_files(probe, feed.stat().st_size // 10_000), repeat=1)
    for old in OUT.glob("add_target_*"):
        shutil.rmtree(old, ignore_errors=True)
    return [
        Row(
            "add 10,000 JSONL records into an empty root",
            added,
            "lint cold of the result",
            cold,
            "<= 2x",
        ),
        Row(
            "add 10,000 JSONL records into an empty root",
            added,
            "python: create 10,000 files",
            raw,
            "(reported)",
        ),
    ]


@bench
def cite() -> list[Row]:
    """10,000 references in each citation format into a root of 10,000 sources."""
    from bench import cite as citing

    return citing.rows(OUT, CURATE, timed, run, Row, time.strftime("%Y%m%d%H%M%S"))


def _create_files(folder: Path, size: int) -> None:
    data = b"x" * size
    for n in range(10_000):
        fd = os.open(folder / f"{n}.yaml", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        os.write(fd, data)
        os.close(fd)


def main(argv: list[str]) -> int:
    names = argv or list(BENCHES)
    subprocess.run([PY, "-m", "compileall", "-q", str(REPO / "curate")], env=ENV, check=True)
    rows = [row for name in names for row in BENCHES[name]()]
    width = max(len(r.name) for r in rows)
    print(
        f"{'benchmark':<{width}}  {'seconds':>9}  {'baseline':<28} {'base s':>9}  {'ratio':>7}  target"
    )
    for r in rows:
        print(
            f"{r.name:<{width}}  {r.seconds:9.4f}  {r.baseline_name:<28} {r.baseline:9.4f}  "
            f"{r.ratio:6.2f}x  {r.target}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
