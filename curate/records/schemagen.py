"""Builds the JSON Schemas from the record model, so vocabularies live in one place.

`python -m curate.records.schemagen DIR...` writes them; a test checks the shipped copies
(`schemas/` and the package's own) are what this module builds.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from curate.records import model

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_PATTERN = "^[a-z][a-z0-9_]*$"
URL_PATTERN = r"^https?://\S+$"


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "description": description}


def _enum(values: tuple[str, ...], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values), "description": description}


def _list(items: dict[str, Any], description: str) -> dict[str, Any]:
    return {"type": "array", "items": items, "description": description}


def _id(description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "pattern": ID_PATTERN,
        "maxLength": model.ID_MAX,
        "description": description,
    }


def compound_schema() -> dict[str, Any]:
    item = {"type": "string", "minLength": 1}
    props: dict[str, Any] = {
        "id": _id("Record id; equals the file name without .yaml. Card line: ID."),
        "aliases": _list(item, "Other names: brands, abbreviations, spellings. Card: Aliases."),
        "type": _enum(model.COMPOUND_TYPES, "What kind of thing this is. Card: Type."),
        "route_form": _text("Route of administration or form. Card: Route/form."),
        "status": _enum(model.STATUSES, "Regulatory or market status. Card: Status."),
        "evidence_level": _enum(
            model.EVIDENCE_LEVELS,
            "Strongest kind of evidence, strongest first. Card: Evidence level.",
        ),
        "best_data_tier": _enum(
            model.DATA_TIERS, "Best tier of data among linked sources. Card: Best data tier."
        ),
        "support_scope": _list(
            {"type": "string", "enum": list(model.SUPPORT_SCOPES)},
            "Where support comes from. Card: Support scope.",
        ),
        "broad_outcomes": _list(
            {"type": "string", "enum": list(model.BROAD_OUTCOMES)},
            "Outcome areas the record speaks to. Card: Broad outcomes.",
        ),
        "reading_note": _text("How to read the record. Card: Reading note."),
        "targets_mechanism": _list(item, "Targets and mechanisms. Card: Targets / mechanism."),
        "optimization_domains": _list(item, "Domains and pathways. Card: Optimization domains."),
        "research_basis": _list(item, "What the linked evidence shows. Card: Research basis."),
        "limits_risks": _list(
            item, "Limits, risks and missing evidence. Card: Limits, risks, and missing evidence."
        ),
        "risk_flags": _list(item, "Short risk labels. Card: Risk flags."),
        "sources": _list(
            {"type": "string", "pattern": ID_PATTERN, "maxLength": model.ID_MAX},
            "Ids of linked source records. Card: Linked papers, labels, and reviews.",
        ),
    }
    return {
        "$schema": DRAFT,
        "$id": "urn:curate:schema:compound",
        "title": "Compound",
        "description": "A compound, food or practice in the curate knowledge base.",
        "type": "object",
        "required": ["id", "type", "status", "evidence_level", "best_data_tier"],
        "additionalProperties": False,
        "properties": props,
    }


def source_schema() -> dict[str, Any]:
    props: dict[str, Any] = {
        "id": _id("Record id; equals the file name without .yaml."),
        "type": _enum(model.SOURCE_TYPES, "Kind of source."),
        "title": _text("Title as the source gives it."),
        "summary": _text(
            "What the source supports, in the curator's words; a source without one is an "
            "imported draft, which lint rule CU308 reports until a curator writes it."
        ),
        "year": {
            "type": "integer",
            "description": "Year of publication; lint rule CU306 checks it is in 1800..next year.",
        },
        "doi": _text(
            "DOI as 10.prefix/suffix; lint rules CU301 (syntax) and CU302 (normal form) check it."
        ),
        "pmid": _text("PubMed id, digits only; lint rule CU303 checks it."),
        "url": {
            "type": "string",
            "format": "uri",
            "pattern": URL_PATTERN,
            "description": "Web address of the source.",
        },
        "publisher": _text("Publisher or issuing body (a journal goes in journal)."),
        "journal": _text("Journal, exactly as the citing text writes it (abbreviations kept)."),
        "authors": _list(
            {"type": "string"},
            "Authors as the reference gives them ('Johnson SC' or 'Johnson, Sam C.'); "
            "lint rule CU307 reports an empty name.",
        ),
        "volume": _text("Volume."),
        "issue": _text("Issue or number."),
        "pages": _text("Page range or article number, as given: '338-45'."),
        "pmcid": _text("PubMed Central id, PMC and digits; lint rule CU304 checks it."),
    }
    return {
        "$schema": DRAFT,
        "$id": "urn:curate:schema:source",
        "title": "Source",
        "description": "A paper, label, review or other source cited by compound records.",
        "type": "object",
        "required": ["id", "type", "title"],
        "additionalProperties": False,
        "properties": props,
    }


SCHEMAS = {"compound.schema.json": compound_schema, "source.schema.json": source_schema}


def render(name: str) -> str:
    return json.dumps(SCHEMAS[name](), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    for folder in argv:
        for name in SCHEMAS:
            Path(folder, name).write_text(render(name), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
