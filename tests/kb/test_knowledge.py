"""The knowledge base in memory: read from the files, or from the name index's copy."""

from __future__ import annotations

from pathlib import Path

from curate.kb.knowledge import KnowledgeBase


def _same(a: KnowledgeBase, b: KnowledgeBase) -> None:
    assert list(a.compounds.items()) == list(b.compounds.items())  # order too: sqlite rows
    assert list(a.sources.items()) == list(b.sources.items())
    assert a.paths == b.paths
    assert [str(e) for e in a.errors] == [str(e) for e in b.errors]


def test_the_index_copy_is_the_files(root: Path) -> None:
    loaded = KnowledgeBase.load(root)
    assert loaded.compounds and loaded.sources and not loaded.errors
    _same(KnowledgeBase.mirrored(root), loaded)


def test_an_edit_after_the_index_was_built_is_read(root: Path) -> None:
    KnowledgeBase.mirrored(root)
    path = root / "data" / "compounds" / "leucine.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("id: leucine\n", "id: leucine\n# edited\n", 1) + "\n")
    (root / "data" / "compounds" / "zinc.yaml").unlink()
    mirrored = KnowledgeBase.mirrored(root)
    assert "zinc" not in mirrored.compounds
    _same(mirrored, KnowledgeBase.load(root))


def test_the_first_file_of_a_shared_id_is_the_record(root: Path) -> None:
    folder = root / "data" / "compounds"
    text = (folder / "zinc.yaml").read_text(encoding="utf-8")
    (folder / "aaa_zinc_again.yaml").write_text(text.replace("route_form:", "# copy\nroute_form:"))
    mirrored = KnowledgeBase.mirrored(root)
    assert mirrored.paths[("compound", "zinc")] == folder / "aaa_zinc_again.yaml"
    _same(mirrored, KnowledgeBase.load(root))


def test_an_unreadable_file_is_read_as_load_reads_it(root: Path) -> None:
    (root / "data" / "compounds" / "broken.yaml").write_text("id: [unclosed\n")
    mirrored = KnowledgeBase.mirrored(root)
    assert [str(e) for e in mirrored.errors] and "broken.yaml" in str(mirrored.errors[0].path)
    _same(mirrored, KnowledgeBase.load(root))
