from __future__ import annotations

import json
from pathlib import Path

import pytest

from curate.records import cards
from tests.conftest import SEED_CARD, Invoke


def test_show_alias_prints_the_card_by_default_off_a_terminal(cli: Invoke, root: Path) -> None:
    result = cli(["--root", str(root), "show", "IGF-1"])
    assert result.exit_code == 0
    card = cards.parse_card(result.stdout)
    assert card.issues == []
    seed = cards.parse_card(SEED_CARD.read_text()).compound
    aliases = ["mecasermin", *seed["aliases"], "insulin-like growth factor 1"]
    assert card.compound == {**seed, "aliases": aliases}


def test_show_json_has_derived_fields_and_expanded_sources(cli: Invoke, root: Path) -> None:
    result = cli(["--root", str(root), "show", "Increlex", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["id"] == "mecasermin_igf1"
    assert data["source_types"] == [
        "early_human",
        "government_review",
        "human_trial",
        "label",
        "review",
    ]
    assert data["linked_sources"] == 5
    assert data["sources"][1]["title"] == "Clinical Review - Mecasermin (Increlex)"
    assert data["risk_flags"][1] == "hypoglycemia"


def test_show_yaml_is_the_stored_file(cli: Invoke, root: Path) -> None:
    result = cli(["--root", str(root), "show", "mecasermin_igf1", "-f", "yaml"])
    assert result.stdout == (root / "data/compounds/mecasermin_igf1.yaml").read_text()


def test_show_markdown(cli: Invoke, root: Path) -> None:
    out = cli(["--root", str(root), "show", "leucine", "-f", "markdown"]).stdout
    assert out.startswith("# leucine\n")
    assert "| Evidence level | human trials |" in out
    assert "## Limits, risks, and missing evidence" in out
    assert "(meta_analysis, `xu_leucine_meta_analysis_2015`)" in out


def test_show_rich_panel_fits_the_terminal_width(cli: Invoke, root: Path) -> None:
    out = cli(["--root", str(root), "show", "IGF-1", "-f", "rich"]).stdout
    lines = out.splitlines()
    assert "mecasermin_igf1" in lines[0]
    assert max(len(line) for line in lines) <= 100
    assert "Risk flags" in out and "ncbi_mecasermin_clinical_review_2024" in out
    assert "\x1b[" not in out


def test_unknown_name_exits_1_with_suggestions(cli: Invoke, root: Path) -> None:
    result = cli(["--root", str(root), "show", "leucyl"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        "curate: error: no compound named 'leucyl'; did you mean leucine ('leucin')?"
    )


def test_path_like_names_are_just_unknown(cli: Invoke, root: Path) -> None:
    result = cli(["--root", str(root), "show", "../../etc/passwd"])
    assert result.exit_code == 1 and "no compound named" in result.stderr


def test_no_root_is_a_usage_error(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli(["show", "IGF-1"])
    assert result.exit_code == 2
    assert "no curation root" in result.stderr and result.stderr.count("\n") == 1


def test_a_broken_file_elsewhere_is_a_warning(cli: Invoke, root: Path) -> None:
    (root / "data/compounds/broken.yaml").write_text("- a list\n")
    result = cli(["--root", str(root), "show", "IGF-1"])
    assert result.exit_code == 0
    assert "broken.yaml:1:1: record file is a list, not a mapping" in result.stderr


def test_bad_format_is_a_usage_error(cli: Invoke, root: Path) -> None:
    assert cli(["--root", str(root), "show", "IGF-1", "-f", "pdf"]).exit_code == 2


def test_unwritable_cache_still_answers(
    cli: Invoke, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only checkout: the cache folder cannot be made, the index lives in memory."""
    from curate.repo import cache

    def refuse(_root: Path) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache, "cache_dir", refuse)
    result = cli(["--root", str(root), "show", "Increlx", "-f", "json"])
    assert result.exit_code == 0 and '"id": "mecasermin_igf1"' in result.stdout
    assert not (root / ".curate").exists()
