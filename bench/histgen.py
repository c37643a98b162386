"""Writes a git repository with a long history for the `log` and `blame` benchmarks.

The generated root of N compounds (bench/gen.py) is the first commit; each of the
next C commits changes K compounds (a new reading note, every third time a new
evidence level), and one chosen record is among them in T commits. The history is
written with one `git fast-import` stream, then checked out once.

    python bench/histgen.py DIR [--records N] [--commits C] [--per-commit K] [--target T]
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
from pathlib import Path

from bench import gen
from curate.records import model

AUTHORS = ("Zoë Ångström", "李雷", "Jürgen Müller", "Ada Lovelace", "Grace Hopper")
START = 1_700_000_000
NOTE = re.compile(r"^reading_note: .*$", re.M)
LEVEL = re.compile(r"^evidence_level: .*$", re.M)


def _data(payload: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(payload), payload)


def _commit(n: int, message: str, files: dict[str, str]) -> bytes:
    author = AUTHORS[n % len(AUTHORS)].encode()
    when = b"%d +0000" % (START + n * 3600)
    email = b"<author%d@example.invalid>" % (n % len(AUTHORS))
    out = [b"commit refs/heads/main\n"]
    out.append(b"author %s %s %s\n" % (author, email, when))
    out.append(b"committer %s %s %s\n" % (author, email, when))
    out.append(_data(message.encode()))
    for path, text in files.items():
        out.append(b"M 100644 inline %s\n" % path.encode())
        out.append(_data(text.encode()))
    return b"".join(out)


def target_of(root: Path) -> Path:
    """The record changed in the target number of commits: the first compound file."""
    return sorted((root / "data" / "compounds").iterdir())[0]


def generate(
    repo: Path, records: int, commits: int, per_commit: int = 20, target: int = 50, seed: int = 5
) -> Path:
    gen.generate(repo, records, seed=1)
    files = {
        p.relative_to(repo).as_posix(): p.read_text(encoding="utf-8")
        for folder in ("compounds", "sources")
        for p in sorted((repo / "data" / folder).iterdir())
    }
    compounds = sorted(p for p in files if p.startswith("data/compounds/"))
    chosen = target_of(repo).relative_to(repo).as_posix()
    others = [p for p in compounds if p != chosen]
    rng = random.Random(seed)
    every = max(commits // max(target, 1), 1)
    stream = [_commit(0, "Initial knowledge base", files)]
    for n in range(1, commits + 1):
        picked = rng.sample(others, per_commit)
        if n % every == 0 and n // every <= target:
            picked[0] = chosen
        changed = {}
        for i, path in enumerate(picked):
            text = NOTE.sub(f"reading_note: Revision {n}.{i} of this note.", files[path], count=1)
            if (n + i) % 3 == 0:
                level = model.EVIDENCE_LEVELS[(n + i) % len(model.EVIDENCE_LEVELS)]
                text = LEVEL.sub(f"evidence_level: {level}", text, count=1)
            files[path] = changed[path] = text
        stream.append(_commit(n, f"Edit {per_commit} records ({n})", changed))
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run(
        ["git", "-C", str(repo), "fast-import", "--quiet"], input=b"".join(stream), check=True
    )
    subprocess.run(["git", "-C", str(repo), "reset", "-q", "--hard", "main"], check=True)
    return repo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=1_000)
    parser.add_argument("--per-commit", type=int, default=20)
    parser.add_argument("--target", type=int, default=50)
    args = parser.parse_args()
    generate(args.repo, args.records, args.commits, args.per_commit, args.target)


if __name__ == "__main__":
    main()
