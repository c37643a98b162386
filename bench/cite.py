"""The `cite` benchmark: 10,000 references in each citation format imported into a root
of 10,000 sources, against a cold lint of the result (target: at most 2x).

The references are new papers (their DOIs match no stored source), written by
curate's own writers with curate's fields taken out, so that every one goes through
the type table (`--type review` for the rest), id generation and DOI matching.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from curate.records.citations import bibtex, csljson, medline, references, ris
from curate.records.model import Record
from curate.repo import store

COUNT = 10_000
SURNAMES = ("Doe", "Roe", "Poe", "Moe", "Lee", "Kim", "Sato", "Nowak", "Berg", "Rossi")
TOPICS = ("leucine", "autophagy", "fasting", "sleep", "zinc", "rapamycin", "whey", "mTOR")
# Some titles say what the paper is, as real ones do; the others take --type.
KINDS = ("", ": a randomized controlled trial", ": a systematic review and meta-analysis", "")


def paper(n: int, prefix: str) -> Record:
    first, second = SURNAMES[n % 10], SURNAMES[(n // 10) % 10]
    topic = TOPICS[n % len(TOPICS)]
    return {
        "id": f"{prefix}_{n}",
        "type": "review",
        "title": f"Synthetic study {n} of {topic} in volunteers{KINDS[n % len(KINDS)]}",
        "summary": "Synthetic benchmark source.",
        "authors": [f"{first} {chr(65 + n % 26)}", f"{second} {chr(65 + n // 26 % 26)}K"],
        "journal": "J Bench Med",
        "year": 1990 + n % 35,
        "volume": str(1 + n % 40),
        "issue": str(1 + n % 12),
        "pages": f"{n % 900 + 1}-{n % 900 + 9}",
        "doi": f"10.5555/{prefix}.{n}",
        "pmid": str((90_000_000 if prefix == "stored" else 80_000_000) + n),
    }


def stored_root(out: Path) -> Path:
    root = out / "cite_root_10000"
    if not (root / "data" / "sources").is_dir():
        for sub in ("compounds", "sources"):
            (root / "data" / sub).mkdir(parents=True, exist_ok=True)
        for n in range(COUNT):
            record = paper(n, "stored")
            path = root / "data" / "sources" / f"stored_{n}.yaml"
            path.write_text(store.render_record(record, "source"), encoding="utf-8")
    return root


def _no_own_fields(text: str, fmt: str) -> str:
    if fmt == "bibtex":
        return re.sub(r"(?m)^  curate-(type|summary) = \{.*\},?\n", "", text)
    if fmt == "ris":
        return re.sub(r"(?m)^N1  - curate-(type|summary): .*\n", "", text)
    if fmt == "csl-json":
        items = json.loads(text)
        for item in items:
            item.pop("custom", None)
        return json.dumps(items, indent=2)
    return text


def feeds(out: Path) -> dict[str, Path]:
    papers = [paper(n, "new") for n in range(COUNT)]
    writers: dict[str, Callable[[list[Record]], str]] = {
        "references": lambda ps: "".join(f"{i}. {references.render(p)}\n" for i, p in
                                         enumerate(ps, 1)),
        "bibtex": bibtex.render, "ris": ris.render, "csl-json": csljson.render,
        "medline": medline.render,
    }  # fmt: skip
    paths = {}
    for fmt, write in writers.items():
        path = out / f"cite_{COUNT}.{fmt}"
        path.write_text(_no_own_fields(write(papers), fmt), encoding="utf-8")
        paths[fmt] = path
    return paths


def rows(
    out: Path,
    curate: str,
    timed: Callable[..., float],
    run: Callable[..., Callable[[], object]],
    make_row: Callable[..., Any],
    stamp: str,
) -> list[Any]:
    root = stored_root(out)
    found = []
    for fmt, feed in feeds(out).items():
        # A fresh copy per import, deleted only after measuring (see the add benchmark).
        target = out / f"cite_target_{stamp}_{fmt}"
        shutil.copytree(root, target)
        added = timed(
            run([curate, "--root", str(target), "add", str(feed), "--from", fmt, "--type",
                 "review"]),
            repeat=1,
        )  # fmt: skip
        imported = len(list((target / "data" / "sources").iterdir())) - COUNT
        if imported != COUNT:
            raise SystemExit(f"bench: {fmt} import gave {imported} sources, not {COUNT}")
        cold = timed(
            run([curate, "--root", str(target), "lint"]),
            repeat=3,
            setup=lambda t=target: shutil.rmtree(t / ".curate", ignore_errors=True),
        )
        found.append(
            make_row(
                f"add 10,000 references ({fmt}) into 10,000 sources",
                added,
                "lint cold of the result",
                cold,
                "<= 2x",
            )
        )
    for old in out.glob("cite_target_*"):
        shutil.rmtree(old, ignore_errors=True)
    return found
