from __future__ import annotations

import os
from pathlib import Path

import pytest

from curate.errors import CurateError
from curate.kb.knowledge import KnowledgeBase
from curate.repo import store
from tests.conftest import REPO


def test_root_from_option_env_and_parents(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CURATE_ROOT", raising=False)
    assert store.find_root(root) == root.resolve()
    deep = root / "data" / "compounds"
    assert store.find_root(None, cwd=deep) == root.resolve()
    monkeypatch.setenv("CURATE_ROOT", str(root))
    assert store.find_root(None, cwd=Path("/")) == root.resolve()


def test_option_wins_over_env(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CURATE_ROOT", str(tmp_path / "nowhere"))
    assert store.find_root(root) == root.resolve()


def test_no_root_says_how_to_make_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CURATE_ROOT", raising=False)
    with pytest.raises(CurateError, match="curate init DIR"):
        store.find_root(None, cwd=tmp_path)
    monkeypatch.setenv("CURATE_ROOT", str(tmp_path))
    with pytest.raises(CurateError, match=r"CURATE_ROOT .* is not a curation root"):
        store.find_root(None, cwd=tmp_path)


@pytest.mark.parametrize(
    "bad", ["../x", "a/b", "/etc/passwd", "Upper", "", "1abc", "a" * 65, None, 5]
)
def test_record_path_refuses_bad_ids(root: Path, bad: object) -> None:
    with pytest.raises(CurateError, match=r"(invalid|no) id"):
        store.record_path(root, "compound", bad)


def test_record_path_refuses_symlinked_escape(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: x\n")
    (root / "data" / "compounds" / "evil.yaml").symlink_to(outside)
    with pytest.raises(CurateError, match="outside data/"):
        store.record_path(root, "compound", "evil")


def test_writing_twice_gives_identical_bytes(root: Path) -> None:
    record = store.load_record(root / "data/compounds/leucine.yaml")
    path = store.write_record(root, "compound", record, overwrite=True)
    first = path.read_bytes()
    store.write_record(root, "compound", store.load_record(path), overwrite=True)
    assert path.read_bytes() == first == (REPO / "data/compounds/leucine.yaml").read_bytes()
    assert first.endswith(b"\n") and b"\r" not in first


def test_write_without_overwrite_refuses_and_leaves_no_temp(root: Path) -> None:
    path = root / "data/compounds/leucine.yaml"
    before = path.read_bytes()
    with pytest.raises(CurateError, match="exists already"):
        store.write_record(root, "compound", {"id": "leucine", "type": "food"})
    assert path.read_bytes() == before
    assert not [n for n in os.listdir(path.parent) if n.endswith(".tmp")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "record file is a list, not a mapping"),
        ("", "record file is empty"),
        ("id: [unclosed\n", "YAML syntax error"),
        ("!!python/object:os.system {}\n", "YAML error: unknown tag tag:yaml.org,2002:python/"),
    ],
)
def test_bad_files_give_one_line_errors_naming_the_file(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(CurateError) as info:
        store.load_record(path)
    assert str(info.value).startswith(str(path))
    assert message in str(info.value) and "\n" not in str(info.value)


def test_not_utf8_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("id: caf\xe9\n".encode("latin-1"))
    with pytest.raises(CurateError, match="not UTF-8"):
        store.load_record(path)


def test_knowledge_base_collects_unreadable_files(root: Path) -> None:
    (root / "data/compounds/broken.yaml").write_text("- not\n- a mapping\n")
    kb = KnowledgeBase.load(root)
    assert "leucine" in kb.compounds and "broken" not in kb.compounds
    assert [e.path for e in kb.errors] == [str(root / "data/compounds/broken.yaml")]
