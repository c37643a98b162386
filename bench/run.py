"""`make bench`: each command timed against a baseline measured in the same run.

Results are ratios, never wall-clock limits: the machine's speed cancels out.
Generated roots are kept in bench/out/ between runs (delete it to regenerate).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import yaml

from bench import histgen, lookups  # noqa: F401  (registers the resolver and scan benchmarks)
from bench.common import (
    BENCHES,
    BIN,
    CURATE,
    ENV,
    HERE,
    OUT,
    PY,
    REPO,
    Row,
    bench,
    corpus,
    first_alias,
    run,
    timed,
)

# Every command's plain use on the shipped data, output piped, as a script or hook runs it.
ARTICLE = REPO / "tests" / "fixtures" / "articles" / "seed_002_leucine_autophagy.txt"
CARD = REPO / "tests" / "fixtures" / "cards" / "seed_001.txt"
PLAIN_USES = [
    ("show IGF-1", ["show", "IGF-1"]),
    ("resolve IGF-1", ["resolve", "IGF-1"]),
    ("lint", ["lint"]),
    ("search leucine", ["search", "leucine"]),
    ("search --status approved", ["search", "--status", "approved"]),
    ("scan ARTICLE", ["scan", str(ARTICLE)]),
    ("diff FILE FILE", ["diff", "data/compounds/leucine.yaml", "data/compounds/zinc.yaml"]),
    ("add --dry-run CARD", ["add", "--dry-run", str(CARD)]),
    ("export --format jsonl", ["export", "--format", "jsonl"]),
    ("--help", ["--help"]),
]


def paired(
    command: Callable[[], object],
    baseline: Callable[[], object],
    repeat: int,
    setup: Callable[[], object] | None = None,
) -> tuple[float, float]:
    """Median seconds of a command and of its baseline, run by turns: load on a shared
    machine comes and goes within seconds, and this way it weighs on both alike. `setup`
    (untimed) runs before each run of the command."""
    ours: list[float] = []
    base: list[float] = []
    for _ in range(repeat):
        for fn, times in ((baseline, base), (command, ours)):
            if setup is not None and fn is command:
                setup()
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return statistics.median(ours), statistics.median(base)


@bench
def show() -> list[Row]:
    rows = []
    for label, args in PLAIN_USES:
        seconds, base = paired(
            run([CURATE, "--root", str(REPO), *args]), run([PY, "-c", "pass"]), 15
        )
        rows.append(Row(f"{label} (shipped data)", seconds, "python -c pass", base, "<= 5x"))
    # The row above meets the review's cache of quiet words from its own earlier runs, as a
    # curator's next article meets the common words of the last; this one never does.
    seconds, base = paired(_no_quiet_words(["scan", str(ARTICLE)]), run([PY, "-c", "pass"]), 15)
    rows.append(Row("scan ARTICLE, no review cache", seconds, "python -c pass", base, "(reported)"))
    base = timed(run([PY, "-c", "pass"]), repeat=15)
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


def _no_quiet_words(args: list[str]) -> Callable[[], object]:
    from curate.lookup.quietwords import CACHE_NAME
    from curate.repo.cache import CACHE_DIR

    command = run([CURATE, "--root", str(REPO), *args])

    def cold() -> object:
        (REPO / CACHE_DIR / CACHE_NAME).unlink(missing_ok=True)
        return command()

    return cold


def _one_warning_each(count: int) -> Path:
    """A root of `count` compounds that each carry one warning (a blank line at the end: CU103)."""
    root = OUT / f"warned_{count}"
    if not (root / "data" / "compounds").is_dir():
        shutil.copytree(corpus(count), root, ignore=shutil.ignore_patterns(".curate"))
        for path in (root / "data" / "compounds").iterdir():
            path.write_text(path.read_text() + "\n")
    return root


@bench
def reports() -> list[Row]:
    """Text reports of 10,000 problems, matches and plan lines against the same as JSON."""
    root = _one_warning_each(10_000)
    lint = [CURATE, "--root", str(root), "lint"]
    run(lint)()  # warm the cache: what is timed is the report
    rows = [
        Row(
            "lint, 10,000 warnings, text (warm)",
            timed(run(lint), 5),
            "the same as JSON",
            timed(run([*lint, "-f", "json"]), 5),
            "<= 2x",
        )
    ]
    feed = _add_feed()
    target = OUT / "report_target"
    if not target.is_dir():
        for sub in ("compounds", "sources"):
            (target / "data" / sub).mkdir(parents=True)
    add = [CURATE, "--root", str(target), "add", "--dry-run", str(feed)]
    rows.append(
        Row("add --dry-run 10,000 records, text", timed(run(add), 3), "the same as JSON",
            timed(run([*add, "-f", "json"]), 3), "<= 2x")
    )  # fmt: skip
    big = corpus(10_000)
    text = OUT / "scan_10000_names.txt"
    if not text.exists():
        names = [n for _f, _i, n, _c in _index_names(big)[:10_000]]
        text.write_text("\n".join(f"{n} was studied." for n in names) + "\n")
    scan = [CURATE, "--root", str(big), "scan", str(text)]
    run(scan)()
    rows.append(
        Row("scan, 10,000 mentions, text", timed(run(scan), 3), "the same as JSON",
            timed(run([*scan, "-f", "json"]), 3), "<= 2x")
    )  # fmt: skip
    return rows


def _index_names(root: Path) -> list[tuple[str, str, str, str]]:
    from curate.lookup.index import Index

    index = Index(root)
    try:
        return index.all_names()
    finally:
        index.close()


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
    # By turns, as the plain uses: a cold lint takes seconds, over which a shared machine's
    # load changes (measured apart, the same code gave 1.22x and 1.73x in one hour).
    cold_s, baseline = paired(
        run([CURATE, "--root", str(root), "lint"]),
        run([PY, str(HERE / "load_baseline.py"), str(root)]),
        repeat=5,
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


# The history benchmark's size: `bench/run.py log --records N --commits C` for a quick run.
LOG_SIZE = {"records": 10_000, "commits": 1_000, "per_commit": 20, "target": 50}


def _history_repo() -> Path:
    size = LOG_SIZE
    repo = OUT / f"history_{size['records']}_{size['commits']}"
    if not (repo / ".git").is_dir():
        print(f"generating {repo} ...", file=sys.stderr)
        histgen.generate(repo, **size)
    return repo


@bench
def log() -> list[Row]:
    repo = _history_repo()
    path = histgen.target_of(repo)
    rel = path.relative_to(repo).as_posix()
    curate = [CURATE, "--root", str(repo)]
    run([*curate, "show", path.stem])()  # the name index is built once, outside the timings
    follow = run(["git", "-C", str(repo), "log", "--follow", "-p", "--", rel])
    logged, git = paired(run([*curate, "log", path.stem]), follow, 7)
    blamed, git_b = paired(run([*curate, "blame", path.stem]), follow, 7)
    whole, raw = paired(
        run([*curate, "log", "-n", "100"]), run(["git", "-C", str(repo), "log", "--raw", "-100"]), 7
    )
    label = f"{LOG_SIZE['records']:,} records, {LOG_SIZE['commits']:,} commits"
    changes = f"changed in {LOG_SIZE['target']} commits"
    return [
        Row(f"log NAME, {changes} ({label})", logged, "git log --follow -p -- FILE", git, "<= 2x"),
        Row(f"blame NAME, {changes} ({label})", blamed, "git log --follow -p -- FILE", git_b,
            "<= 3x"),
        Row(f"log -n 100, whole knowledge base ({label})", whole, "git log --raw -100", raw,
            "(reported)"),
        Row(f"log -n 100, whole knowledge base ({label})", whole, "2 s", 2.0, "<= 1x"),
    ]  # fmt: skip


def _add_feed() -> Path:
    """10,000 JSON Lines records (compounds with their sources) from the 10,000-record root."""
    feed = OUT / "add_10000.jsonl"
    if feed.exists():
        return feed
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
    feed.write_text("\n".join(lines[:10_000]) + "\n")
    return feed


@bench
def add() -> list[Row]:
    """10,000 JSON Lines records (2,500 compounds with their sources) into an empty root."""
    feed = _add_feed()
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
    import argparse

    parser = argparse.ArgumentParser(description="curate benchmarks")
    parser.add_argument("names", nargs="*", metavar="BENCH", help=", ".join(BENCHES))
    for key, value in LOG_SIZE.items():
        parser.add_argument(f"--{key.replace('_', '-')}", type=int, default=value)
    args = parser.parse_args(argv)
    LOG_SIZE.update((k, getattr(args, k)) for k in LOG_SIZE)
    names = args.names or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        parser.error(f"no benchmark {', '.join(unknown)} (choose from {', '.join(BENCHES)})")
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
