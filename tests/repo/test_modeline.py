"""Every record curate writes names a schema its editor can load, in roots with and without schemas/."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from curate.repo import store
from tests.conftest import FIXTURES, Invoke

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\n")


def target(record: Path) -> Path:
    found = MODELINE.match(record.read_text())
    assert found, record
    return (record.parent / found[1]).resolve()


@pytest.mark.parametrize("own_schemas", [True, False])
def test_new_add_and_fix_write_modelines_that_resolve(
    cli: Invoke, root: Path, tmp_path: Path, own_schemas: bool
) -> None:
    if not own_schemas:
        shutil.rmtree(root / "schemas")
    args = ["--root", str(root)]
    assert cli([*args, "new", "fresh_one"]).exit_code == 0
    batch = tmp_path / "b.json"
    batch.write_text(
        json.dumps(
            [{"kind": "source", "id": "src_x", "type": "animal", "title": "T", "summary": "S."}]
        )
    )
    assert cli([*args, "add", str(batch)]).exit_code == 0
    for record in (root / "data/compounds/fresh_one.yaml", root / "data/sources/src_x.yaml"):
        schema = target(record)
        kind = "compound" if "compounds" in record.parts else "source"
        assert schema.read_text() == (store.PACKAGE_SCHEMAS / store.SCHEMA_FILES[kind]).read_text()
        assert (schema.parent.parent.name == ".curate") != own_schemas
    assert cli([*args, "lint", "--select", "CU103"]).exit_code == 0


def test_fix_points_an_old_modeline_at_the_schemas_that_exist(cli: Invoke, tmp_path: Path) -> None:
    root = tmp_path / "r"
    shutil.copytree(
        FIXTURES / "lint/no-sources", root, ignore=shutil.ignore_patterns("expected.txt")
    )
    good = root / "data/compounds/good.yaml"
    good.write_text(good.read_text().replace("../../.curate/schemas/", "../../schemas/"))
    assert not target(good).exists()  # what records said before: nothing to load here
    assert "CU103" in cli(["--root", str(root), "lint", "--format", "json"]).stdout
    cli(["--root", str(root), "lint", "--fix"])
    assert target(good).is_file()
