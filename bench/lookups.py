"""Benchmarks of names: resolver speed and accuracy, scan speed and memory.

`accuracy` asks the resolver, at 10,000 and 100,000 generated records, for names made
from the corpus's own aliases the way articles write them (a letter changed, words
in another order, both, a bracketed other name, Unicode dashes and case) and for traps that
must be refused (a suffix glued to a number, a number changed); it reports the share
answered with the right record, and the share answered with a wrong one.
`scanstream` scans generated articles of 1 MB and 50 MB, as many lines and as one
line, through `curate scan`, and reports the time ratio and the peak memory.
"""

from __future__ import annotations

import random
import subprocess
import time
from pathlib import Path

from bench.common import CURATE, ENV, OUT, PY, Row, bench, corpus, run, timed

FILLER = [
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
DASHES = ("\u2011", "\u2013", "\u2212", "\uff0d")


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


def article(rng: random.Random, names: list[str], size: int, line_words: int) -> str:
    """Filler words with a name in fifty; a line break every `line_words` (0: one line)."""
    words: list[str] = []
    length = 0
    while length < size:
        words.append(rng.choice(names) if rng.random() < 0.02 else rng.choice(FILLER))
        length += len(words[-1]) + 1
        if line_words and len(words) % line_words == 0:
            words[-1] += "\n"
    return " ".join(words)


def _scan_row(count: int, with_sources: bool) -> Row:
    from curate.lookup import scan
    from curate.lookup.index import Index

    index = Index(corpus(count, with_sources))
    dictionary = scan.load(index)
    rng = random.Random(3)
    text = article(rng, [n for _f, _i, n, _c in rng.sample(index.all_names(), 2000)], 10**6, 0)
    seconds = timed(lambda: scan.scan_text(dictionary, text), repeat=3)
    return Row(f"scan 1 MB of text ({count:,}-record dictionary)", seconds, "1 s", 1.0, "<= 1x")


@bench
def resolve() -> list[Row]:
    return _resolver_rows(10_000, True) + _resolver_rows(100_000, False)


@bench
def scan() -> list[Row]:
    return [_scan_row(10_000, True), _scan_row(100_000, False)]


Query = tuple[str, str, "str | None"]  # (kind, query, the id it must reach; None: refused)


def _variants(
    rng: random.Random, rid: str, alias: str, others: list[str], typos: random.Random
) -> list[Query]:
    """The queries made of one alias; `typos` misspells the reorders (its own generator,
    so that the other queries stay those of earlier runs)."""
    out: list[Query] = []
    if len(alias.replace(" ", "")) >= 7:
        out.append(("misspelling", _typo(rng, alias), rid))
    words = alias.split()
    if len(words) > 1:
        shuffled = words[1:] + words[:1]
        out.append(("word order", " ".join(shuffled), rid))
        out.append(("word order and a misspelling", _typo(typos, " ".join(shuffled)), rid))
    if others:
        out.append(("bracketed", f"{alias} ({rng.choice(others)})", rid))
    if "-" in alias:
        out.append(("dash and Unicode", alias.replace("-", rng.choice(DASHES)).upper(), rid))
    else:
        out.append(("dash and Unicode", alias.swapcase().replace(" ", "\u00a0"), rid))
    digits = [i for i, c in enumerate(alias) if c.isdigit()]
    if digits:
        end = digits[-1] + 1
        out.append(("trap: suffix glued to a number", alias[:end] + "R" + alias[end:], None))
        i = digits[-1]
        other = str((int(alias[i]) + 1) % 10)
        out.append(("trap: a number changed", alias[:i] + other + alias[i + 1 :], None))
    return out


def _accuracy_rows(count: int, with_sources: bool) -> list[Row]:
    from curate.lookup.index import Index
    from curate.lookup.resolve import resolve as resolve_name

    index = Index(corpus(count, with_sources))
    by_id: dict[str, list[str]] = {}
    for _f, rid, name, _c in index.all_names():
        by_id.setdefault(rid, []).append(name)
    rng, typos = random.Random(11), random.Random(13)
    queries: list[Query] = []
    for rid in rng.sample(sorted(by_id), 600):
        alias = rng.choice(by_id[rid])
        queries += _variants(rng, rid, alias, [n for n in by_id[rid] if n != alias], typos)
    taken = {n for names in by_id.values() for n in names}
    tallies: dict[str, list[int]] = {}  # kind -> [right, wrong, total]
    for kind, query, want in queries:
        if want is None and query in taken:
            continue  # the "trap" is another record's real name
        answer = resolve_name(index, query)
        tally = tallies.setdefault(kind, [0, 0, 0])
        tally[0] += answer.id == want if want else answer.id is None
        tally[1] += answer.id is not None and answer.id != want
        tally[2] += 1
    rows = []
    label = f"{count:,} records"
    for kind, (right, wrong, total) in sorted(tallies.items()):
        goal = "refused" if kind.startswith("trap") else "right record"
        rows.append(
            Row(f"{kind}: {goal} ({label}, {total})", right, "queries", total, "(reported)")
        )
        rows.append(Row(f"{kind}: a wrong record ({label})", wrong, "queries", total, "(reported)"))
    return rows


@bench
def accuracy() -> list[Row]:
    return _accuracy_rows(10_000, True) + _accuracy_rows(100_000, False)


# Linux keeps a process's peak RSS across exec, so a child forked from this process (which
# holds the index it sampled names from) would report this process's size if larger: the
# command is started from a small interpreter that reports its child's peak alone.
_PEAK = """
import os, subprocess, sys
with open(os.devnull, "wb") as sink:
    child = subprocess.Popen(sys.argv[1:], stdout=sink, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def _scan_peak(root: Path, path: Path) -> tuple[float, float]:
    """(seconds, peak resident MB) of `curate scan PATH -f json`, its output discarded."""
    command = [CURATE, "--root", str(root), "scan", str(path), "-f", "json"]
    start = time.perf_counter()
    done = subprocess.run([PY, "-c", _PEAK, *command], capture_output=True, text=True, env=ENV)
    seconds = time.perf_counter() - start
    code, peak_kb = (int(x) for x in done.stdout.split())
    if code != 0:
        raise SystemExit(f"bench: curate scan {path} failed")
    return seconds, peak_kb / 1024


@bench
def scanstream() -> list[Row]:
    from curate.lookup.index import Index

    root = corpus(10_000)
    index = Index(root)
    rng = random.Random(5)
    names = [n for _f, _i, n, _c in rng.sample(index.all_names(), 2000)]
    index.close()
    _scan_peak(root, _article_file(rng, names, 10**4, 12, "warm"))  # the dictionary cached
    rows = []
    for shape, line_words in (("many lines", 12), ("one line", 0)):
        small = _article_file(rng, names, 10**6, line_words, shape)
        large = _article_file(rng, names, 50 * 10**6, line_words, shape)
        small_s = min(_scan_peak(root, small)[0] for _ in range(3))
        large_s, large_mb = _scan_peak(root, large)
        rows.append(Row(f"scan 50 MB, {shape}", large_s, "scan 1 MB, same", small_s, "<= 50x"))
        rows.append(Row(f"scan 50 MB, {shape}: peak MB", large_mb, "200 MB", 200.0, "<= 1x"))
    return rows


def _article_file(
    rng: random.Random, names: list[str], size: int, line_words: int, shape: str
) -> Path:
    path = OUT / f"article_{size}_{shape.replace(' ', '_')}.txt"
    if not path.is_file():
        path.write_text(article(rng, names, size, line_words), encoding="utf-8")
    return path
