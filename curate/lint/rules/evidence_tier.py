"""A best data tier that no linked source supports (warning): "approved label" needs
a `label` source, "meta-analysis" a `meta_analysis`, "randomized trial" a
`human_trial`, "animal" an `animal` source, "cell" an `in_vitro` one, "review only"
a review, guideline or regulatory source. "none" needs nothing. A source typed
`not_stated` (no citing text or title says what kind of source it is) supports no
tier: a record resting on it alone must say "none".
"""

from __future__ import annotations

from collections.abc import Iterator

from curate.lint.context import Context
from curate.lint.corpus import Corpus
from curate.lint.problem import WARNING, Problem
from curate.lint.rules import Rule
from curate.records import model

RULE = Rule("CU206", "evidence-tier", WARNING, __doc__ or "")


def check_corpus(corpus: Corpus, ctx: Context) -> Iterator[Problem]:
    for doc in corpus.of_kind("compound"):
        record = doc.record or {}
        tier, linked = record.get("best_data_tier"), record.get("sources")
        needs = model.TIER_SUPPORT.get(tier) if isinstance(tier, str) else None
        if needs is None or not isinstance(linked, list) or not linked or tier == "none":
            continue
        types = {
            t for t in (corpus.index.source_type(s) for s in linked if isinstance(s, str)) if t
        }
        if not types & (needs - {model.TYPE_NOT_STATED}):
            yield RULE.problem(
                doc,
                doc.at("best_data_tier"),
                f"best_data_tier '{tier}' is not supported by any linked source "
                f"(linked types: {', '.join(sorted(types)) or 'none'})",
                f"link a source of type {' or '.join(sorted(needs))}, or lower the tier"
                + _unstated_hint(types),
            )


def _unstated_hint(types: set[str]) -> str:
    if model.TYPE_NOT_STATED in types:
        return f" (a '{model.TYPE_NOT_STATED}' source supports no tier)"
    return ""
