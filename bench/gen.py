"""Writes a realistic synthetic curation root of N compounds for benchmarks.

Aliases come in the shapes real records have: brand names, abbreviations with
digits and dashes, Roman numerals, multi-word names. Each compound links 1-5
sources. Deterministic for a given N and seed, and lint-clean by construction
(ids and alias keys are unique).

    python bench/gen.py DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Callable
from pathlib import Path

from curate.lookup import names
from curate.records import model
from curate.repo import store

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"

SYLLABLES = [
    "ka",
    "ri",
    "to",
    "mu",
    "sel",
    "ven",
    "dor",
    "pra",
    "lix",
    "nor",
    "tem",
    "bra",
    "cyn",
    "dex",
    "fil",
    "gam",
    "hep",
    "lon",
    "mar",
    "quin",
    "ros",
    "tav",
    "ul",
    "zen",
    "ox",
    "pe",
    "cor",
    "ta",
    "vi",
    "na",
    "lo",
    "ber",
    "ful",
    "gin",
    "sta",
    "trel",
]
WORDS = [
    "growth",
    "factor",
    "binding",
    "protein",
    "peptide",
    "receptor",
    "hormone",
    "kinase",
    "agonist",
    "analogue",
    "extract",
    "complex",
    "recombinant",
    "human",
    "modified",
    "long",
    "acting",
]
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
FLAGS = (
    "hypoglycemia",
    "prescription only",
    "growth signal risk",
    "product quality risk",
    "liver toxicity",
    "drug interactions",
    "medical supervision",
)


def word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def aliases(rng: random.Random, n: int, stem: str, taken: set[str]) -> list[str]:
    shapes: list[Callable[[], str]] = [
        lambda: stem.capitalize() + rng.choice(("", "x", "ex", "al")),
        lambda: f"{stem[:3].upper()}-{n}",
        lambda: f"{stem[:2].upper()}{n % 97}-{rng.choice(ROMAN)}",
        lambda: f"{rng.choice(WORDS)} {stem} {rng.choice(WORDS)} {n}",
        lambda: f"{stem}-{rng.choice(ROMAN)} {n}",
    ]
    picked = rng.sample(shapes, rng.randint(1, 4))
    out = []
    for alias in model.uniq(shape() for shape in picked):
        key = names.key_of(alias)
        if key not in taken:
            taken.add(key)
            out.append(alias)
    return out


def compound(rng: random.Random, n: int, source_ids: list[str], taken: set[str]) -> model.Record:
    stem = word(rng, rng.randint(2, 4))
    taken.add(names.key_of(f"{stem}_{n}"))
    return {
        "id": f"{stem}_{n}",
        "aliases": aliases(rng, n, stem, taken),
        "type": rng.choice(model.COMPOUND_TYPES),
        "route_form": rng.choice(("oral", "subcutaneous injection", "topical", "diet")),
        "status": rng.choice(model.STATUSES),
        "evidence_level": rng.choice(model.EVIDENCE_LEVELS),
        "best_data_tier": "none",
        "support_scope": rng.sample(model.SUPPORT_SCOPES, rng.randint(1, 3)),
        "broad_outcomes": rng.sample(model.BROAD_OUTCOMES, rng.randint(1, 4)),
        "reading_note": "Synthetic benchmark record.",
        "targets_mechanism": [f"{rng.choice(WORDS)} {rng.choice(WORDS)}"],
        "optimization_domains": rng.sample(("muscle", "metabolic", "IGF1", "mTORC1", "bone"), 2),
        "research_basis": [f"Synthetic basis sentence {n}."],
        "limits_risks": [f"Synthetic limit sentence {n}."],
        "risk_flags": rng.sample(FLAGS, rng.randint(0, 3)),
        "sources": source_ids,
    }


def source(rng: random.Random, sid: str) -> model.Record:
    return {
        "id": sid,
        "type": rng.choice(model.SOURCE_TYPES),
        "title": f"Synthetic study {sid.replace('_', ' ')}",
        "summary": "Synthetic summary for benchmarks.",
        "year": rng.randint(1990, 2025),
    }


def add_schemas(root: Path) -> None:
    """The root's own schemas/, which each record's first line names, as in a real root:
    without it every file's schema comment would be a canonical-form warning (CU103)."""
    shutil.copytree(SCHEMAS, root / "schemas", dirs_exist_ok=True)


def generate(root: Path, count: int, seed: int = 1, with_sources: bool = True) -> Path:
    rng = random.Random(seed)
    taken: set[str] = set()  # alias keys in use: the corpus is collision-free, like a linted repo
    for name in ("compounds", "sources"):
        (root / "data" / name).mkdir(parents=True, exist_ok=True)
    add_schemas(root)
    for n in range(count):
        sids = [f"src_{n}_{k}" for k in range(rng.randint(1, 5))]
        for sid in sids if with_sources else ():
            path = store.folder(root, "source") / f"{sid}.yaml"
            path.write_text(store.render_record(source(rng, sid), "source"), encoding="utf-8")
        record = compound(rng, n, sids, taken)
        path = store.folder(root, "compound") / f"{record['id']}.yaml"
        path.write_text(store.render_record(record, "compound"), encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("root", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-sources", action="store_true", help="compound files only")
    args = parser.parse_args()
    generate(args.root, args.count, args.seed, with_sources=not args.no_sources)


if __name__ == "__main__":
    main()
