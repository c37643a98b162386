from __future__ import annotations

import json

import jsonschema

from curate.kb.knowledge import KnowledgeBase
from curate.records import schemagen
from curate.repo import store
from tests.conftest import REPO


def test_shipped_schemas_are_generated_from_the_model() -> None:
    for name in schemagen.SCHEMAS:
        expected = schemagen.render(name)
        assert (REPO / "schemas" / name).read_text() == expected
        assert (store.PACKAGE_SCHEMAS / name).read_text() == expected


def test_every_property_has_a_description() -> None:
    for name in schemagen.SCHEMAS:
        schema = json.loads(schemagen.render(name))
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["additionalProperties"] is False and schema["$id"]
        assert all(p.get("description") for p in schema["properties"].values())


def test_shipped_data_is_schema_valid() -> None:
    kb = KnowledgeBase.load(REPO)
    assert kb.errors == []
    assert len(kb.compounds) >= 11
    for kind in ("compound", "source"):
        schema = json.loads((REPO / "schemas" / store.SCHEMA_FILES[kind]).read_text())  # type: ignore[index]
        validator = jsonschema.Draft202012Validator(schema)
        for record in kb.records(kind).values():  # type: ignore[arg-type]
            assert list(validator.iter_errors(record)) == [], record["id"]
