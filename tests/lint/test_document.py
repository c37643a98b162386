"""Reading one record file for lint: canonical files without libyaml, the rest with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from curate.lint import document, state
from curate.lint.context import Context
from curate.records import yamltext
from tests.conftest import FIXTURES, REPO

FILES = sorted(
    p
    for p in [*(REPO / "data").rglob("*.yaml"), *(FIXTURES / "lint").rglob("*.yaml")]
    if p.is_file()
)


def _composes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []

    def counting(text: str) -> object:
        seen.append(text)
        return yamltext.compose(text)

    monkeypatch.setattr(document, "compose", counting)
    return seen


def test_a_canonical_file_is_checked_without_composing_it(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    composed = _composes(monkeypatch)
    path = root / "data" / "compounds" / "leucine.yaml"
    ctx = Context(root)
    read = state.read_raw(str(path))
    doc, problems, _view = state.analyse(str(path), "data/compounds/leucine.yaml", "compound",
                                         read, ctx)  # fmt: skip
    assert problems == [] and doc.record is not None and composed == []
    # Asked for, the positions are composed from the text read (the file is not read again).
    path.unlink()
    positions = doc.positions
    assert len(composed) == 1 and positions == document.field_positions_of(doc.text)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_file_reads_as_libyaml_reads_it(path: Path) -> None:
    rel = path.relative_to(REPO).as_posix()
    doc = document.read_document(path, rel, "source" if "/sources/" in rel else "compound")
    if doc.syntax_error or doc.unsafe or doc.decode_error or not doc.parsed:
        return  # never read as data: libyaml's own errors, the same either way
    assert doc.data == yamltext.load_text(doc.text)
    assert doc.positions == document.field_positions_of(doc.text)
    if doc.duplicate_keys:
        assert yamltext.load_canonical(doc.text) is None


def test_a_file_not_in_canonical_form_is_composed(monkeypatch: pytest.MonkeyPatch) -> None:
    composed = _composes(monkeypatch)
    text = "id: x  # a comment\naliases: [a, b]\n"
    doc = document.read_document("x.yaml", "data/compounds/x.yaml", "compound", text.encode())
    assert composed == [text] and doc.data == {"id": "x", "aliases": ["a", "b"]}
    assert doc.at("aliases", 1) == (2, 14)
