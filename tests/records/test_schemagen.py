from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from curate.kb.knowledge import KnowledgeBase
from curate.records import checkgen, compiled, schemagen
from curate.records.validate import Checker
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


def test_shipped_validators_are_generated_from_the_schemas() -> None:
    for kind in checkgen.MODULES:
        path = REPO / "curate" / "records" / "compiled" / f"{kind}.py"
        assert path.read_text() == checkgen.render(kind), "run `make schemas`"


def _records_and_breakages(kind: str) -> list[object]:
    kb = KnowledgeBase.load(REPO)
    valid: list[object] = list(kb.records(kind).values())  # type: ignore[arg-type]
    first = dict(valid[0])  # type: ignore[call-overload]
    broken: list[object] = [
        {**first, "id": "Not An Id"},
        {**first, "unknown_field": 1},
        {k: v for k, v in first.items() if k != "id"},
        {**first, "id": ["x"]},
        {**first, "sources" if kind == "compound" else "title": [""] if kind == "compound" else ""},
        [],
        None,
    ]
    return valid + broken


def test_a_shipped_validator_agrees_with_fastjsonschema() -> None:
    for kind in checkgen.MODULES:
        text = (store.PACKAGE_SCHEMAS / store.SCHEMA_FILES[kind]).read_text()  # type: ignore[index]
        ahead = compiled.for_text(kind, text)
        assert ahead is not None
        runtime = Checker(json.loads(text)).fast_ok
        answers = [(ahead(r), runtime(r)) for r in _records_and_breakages(kind)]
        assert all(a == b for a, b in answers), answers
        assert [a for a, _ in answers].count(False) >= 5


def test_a_root_schema_that_differs_by_a_byte_is_compiled_afresh(tmp_path: Path) -> None:
    text = (store.PACKAGE_SCHEMAS / "compound.schema.json").read_text()
    assert compiled.for_text("compound", text + " ") is None
    schema = json.loads(text)
    schema["properties"]["id"]["maxLength"] = 3
    tighter = json.dumps(schema, indent=2)
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "compound.schema.json").write_text(tighter)
    checker = store.schema_checker(tmp_path, "compound")
    assert not checker.fast_ok({"id": "leucine", "name": "Leucine"})
    assert store.schema_checker(None, "compound").fast_ok is compiled.for_text("compound", text)
