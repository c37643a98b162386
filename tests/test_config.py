"""Settings from curate.toml or [tool.curate]: applied by every command, flags first, errors with file:line."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from curate import config
from curate.errors import CurateError
from curate.repo import scaffold, store
from tests.conftest import FIXTURES, Invoke


def drift_root(tmp_path: Path, toml: str) -> Path:
    root = tmp_path / "drift"
    shutil.copytree(
        FIXTURES / "lint/vocabulary-drift", root, ignore=shutil.ignore_patterns("expected.txt")
    )
    (root / "curate.toml").write_text(toml)
    return root


def lint_json(cli: Invoke, root: Path, *args: str) -> tuple[int, list[str]]:
    result = cli(["--root", str(root), "lint", "--format", "json", *args])
    problems = json.loads(result.stdout)["problems"]
    return result.exit_code, [
        f"{p['path'][p['path'].index('data/') :]}:{p['line']} {p['code']} {p['severity']}"
        for p in problems
    ]


def test_without_a_file_every_setting_is_the_default(cli: Invoke, root: Path) -> None:
    result = cli(["--root", str(root), "config", "--format", "json"])
    doc = json.loads(result.stdout)
    assert result.exit_code == 0 and doc["file"] is None
    assert {s["origin"] for s in doc["settings"].values()} == {"default"}
    assert doc["settings"]["resolve.cutoff"]["value"] == 85.0
    assert doc["settings"]["lint.vocabulary-drift.similarity"]["value"] == 90
    assert set(doc["settings"]) == set(config.KEYS)


def test_rule_options_change_what_vocabulary_drift_finds(cli: Invoke, tmp_path: Path) -> None:
    both = ["data/compounds/a3.yaml:10 CU205 warning", "data/compounds/b3.yaml:10 CU205 warning"]
    assert lint_json(cli, drift_root(tmp_path / "1", ""), "--select", "CU205")[1] == both
    fields = drift_root(tmp_path / "2", '[lint.vocabulary-drift]\nfields = ["risk_flags"]\n')
    assert lint_json(cli, fields, "--select", "CU205")[1] == both[:1]
    # 'growth signal pathway(s)' score 97.7: not near at 99; the spelling fold still is.
    close = drift_root(tmp_path / "3", "[lint.vocabulary-drift]\nsimilarity = 99\n")
    assert lint_json(cli, close, "--select", "CU205")[1] == both[:1]


def test_select_ignore_severity_per_file_and_strict(cli: Invoke, tmp_path: Path) -> None:
    toml = """
[lint]
ignore = ["unused-source"]
strict = true
[lint.severity]
CU205 = "error"
[lint.per-file-ignores]
"data/compounds/b*.yaml" = ["CU205"]
"""
    root = drift_root(tmp_path, toml)
    code, found = lint_json(cli, root)
    assert found == ["data/compounds/a3.yaml:10 CU205 error"] and code == 1
    (root / "curate.toml").write_text('[lint]\nselect = ["CU1"]\nextend-select = ["CU205"]\n')
    assert [f.split()[1] for f in lint_json(cli, root)[1]] == ["CU205", "CU205"]
    (root / "curate.toml").write_text('[lint]\nstrict = true\n[lint.severity]\nCU205 = "off"\n')
    assert lint_json(cli, root, "--select", "CU205") == (0, [])


def test_flags_override_the_file(cli: Invoke, tmp_path: Path) -> None:
    root = drift_root(tmp_path, '[lint]\nstrict = true\nselect = ["CU1"]\nformat = "json"\n')
    result = cli(["--root", str(root), "lint"])
    assert result.exit_code == 0 and json.loads(result.stdout)["problems"] == []
    assert cli(["--root", str(root), "lint", "--select", "CU205"]).exit_code == 1  # strict
    result = cli(["--root", str(root), "lint", "--select", "CU205", "--no-strict", "-f", "text"])
    assert result.exit_code == 0 and "a3.yaml:10:5: warning CU205" in result.stdout


def test_the_fast_path_reads_the_same_settings(tmp_path: Path) -> None:
    from curate.cli import fast

    root = drift_root(tmp_path, '[lint]\nstrict = true\nselect = ["CU205"]\n')
    assert fast.run(["--root", str(root), "lint"]) == 1
    assert fast.run(["--root", str(root), "lint", "--no-strict"]) == 0


def test_resolve_cutoff_and_margin(cli: Invoke, root: Path) -> None:
    base = {"type": "compound", "status": "unapproved", "evidence_level": "preclinical"}
    for rid in ("zentrabal", "zentrabalin"):
        store.write_record(root, "compound", {"id": rid, "best_data_tier": "none", **base})

    def status(*args: str) -> str:
        out = cli(["--root", str(root), "resolve", "--format", "json", *args]).stdout
        return "/".join(f"{a['status']}:{a['id']}" for a in json.loads(out))

    assert status("rapamycn", "zentrabali") == "fuzzy:rapamycin/ambiguous:None"
    (root / "curate.toml").write_text("[resolve]\ncutoff = 99\nmargin = 0.1\n")
    assert status("rapamycn", "zentrabali") == "none:None/none:None"
    assert status("rapamycn", "zentrabali", "--cutoff", "90") == "fuzzy:rapamycin/fuzzy:zentrabalin"
    assert status("zentrabali", "--cutoff", "90", "--margin", "5") == "ambiguous:None"
    assert cli(["--root", str(root), "show", "rapamycn", "-f", "json"]).exit_code == 1
    (root / "curate.toml").write_text("[resolve]\ncutoff = 90\n")
    assert cli(["--root", str(root), "show", "rapamycn", "-f", "json"]).exit_code == 0


def test_default_formats_per_command(cli: Invoke, root: Path) -> None:
    (root / "curate.toml").write_text(
        'show.format = "json"\nsearch.format = "json"\nscan.format = "json"\n'
        '[resolve]\nformat = "tsv"\n'
    )
    args = ["--root", str(root)]
    assert json.loads(cli([*args, "show", "IGF-1"]).stdout)["id"] == "mecasermin_igf1"
    assert cli([*args, "show", "IGF-1", "-f", "yaml"]).stdout.startswith("# yaml-language-server")
    assert json.loads(cli([*args, "search", "leucine"]).stdout)[0]["id"] == "leucine"
    assert (
        json.loads(cli([*args, "scan"], input="IGF-1 and zinc\n").stdout)[0]["input"] == "<stdin>"
    )
    tsv = cli([*args, "resolve", "IGF-1"]).stdout.split("\t")
    assert tsv[:3] == ["IGF-1", "exact", "mecasermin_igf1"]


def test_fast_show_uses_the_configured_format(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from curate.cli import fast

    (root / "curate.toml").write_text('show.format = "json"\n')
    assert fast.run(["--root", str(root), "show", "IGF-1"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "mecasermin_igf1"
    assert fast.run(["--root", str(root), "show", "IGF-1", "-f", "card"]) == 0
    assert capsys.readouterr().out.startswith("ID:")


@pytest.mark.parametrize(
    ("toml", "where", "message"),
    [
        (
            '[lint]\nselct = ["CU1"]\n',
            ":2:",
            "unknown key 'lint.selct' (did you mean 'lint.select'?)",
        ),
        ("[resolv]\ncutoff = 80\n", ":1:", "unknown key 'resolv' (did you mean 'resolve'?)"),
        ("[lint]\n\nstrict = 1\n", ":3:", "lint.strict: must be true or false"),
        ('[lint]\nignore = ["CU2", "CU999"]\n', ":2:", "lint.ignore: unknown rule 'CU999'"),
        (
            "[lint.severity]\nCU203 = 'error'\nno-sources = 'loud'\n",
            ":3:",
            "lint.severity.no-sources: must be one of error, warning, off",
        ),
        ('[lint.severity]\nCU2O3 = "off"\n', ":2:", "unknown rule 'CU2O3' (did you mean 'CU203'?)"),
        ('[lint.per-file-ignores]\n"a/*.yaml" = "CU203"\n', ":2:", "must be a list of strings"),
        ("[resolve]\ncutoff = 101\n", ":2:", "resolve.cutoff: must be a number from 50 to 100"),
        (
            '[lint]\nformat = "xml"\n',
            ":2:",
            "lint.format: must be one of text, json, github, sarif",
        ),
        ('[lint.vocabulary-drift]\nfields = ["aliases"]\n', ":2:", "must be a list of risk_flags"),
        ("[lint]\nselect = [\n", ":2:", "not valid TOML"),
    ],
)
def test_a_bad_file_is_one_line_with_file_and_line(
    cli: Invoke, root: Path, toml: str, where: str, message: str
) -> None:
    (root / "curate.toml").write_text(toml)
    for command in (["lint"], ["config"], ["resolve", "IGF-1"]):
        result = cli(["--root", str(root), *command])
        assert result.exit_code == 2 and result.stdout == ""
        line = result.stderr.strip()
        assert "\n" not in line and line.startswith(f"curate: error: {root / 'curate.toml'}{where}")
        assert message in line


def test_pyproject_table_and_both_files(cli: Invoke, root: Path) -> None:
    (root / "pyproject.toml").write_text(
        '[project]\nname = "kb"\n\n[tool.curate.lint]\nignore = ["CU207"]\n\n[tool.curate]\nresolve.margin = 2\n'
    )
    doc = json.loads(cli(["--root", str(root), "config", "-f", "json"]).stdout)
    assert doc["settings"]["lint.ignore"] == {"value": ["CU207"], "origin": "pyproject.toml:5"}
    assert doc["settings"]["resolve.margin"] == {"value": 2, "origin": "pyproject.toml:8"}
    text = cli(["--root", str(root), "config"]).stdout
    assert 'lint.ignore = ["CU207"]  # pyproject.toml:5' in text
    (root / "pyproject.toml").write_text("[tool.curate.lint]\nselct = []\n")
    assert ":2: unknown key 'lint.selct'" in cli(["--root", str(root), "config"]).stderr
    (root / "curate.toml").write_text("")
    result = cli(["--root", str(root), "lint"])
    assert result.exit_code == 2 and "keep one" in result.stderr


def test_a_pyproject_without_the_table_is_no_configuration(cli: Invoke, root: Path) -> None:
    (root / "pyproject.toml").write_text('[project]\nname = "kb"\n[tool.ruff]\nline-length = 90\n')
    assert json.loads(cli(["--root", str(root), "config", "-f", "json"]).stdout)["file"] is None


def test_init_writes_a_commented_file_naming_every_key(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "new"
    cli(["init", str(target)])
    text = (target / "curate.toml").read_text()
    assert text == scaffold.CURATE_TOML
    assert config.load(target).origins == {}  # all commented out
    (target / "curate.toml").write_text(re.sub(r"(?m)^# (\S+ = )", r"\1", text))
    settings = config.load(target)
    assert set(settings.origins) == set(config.KEYS)  # every key is there, and valid
    defaults = config.defaults()
    for key in config.KEYS:
        if defaults[key] not in (None, {}):
            assert settings[key] == defaults[key], key


def test_a_format_setting_takes_exactly_the_commands_choices(tmp_path: Path) -> None:
    """What `COMMAND.format` accepts is what that command's --format accepts, read from the
    command's own declaration: every choice, and nothing else."""
    from curate.cli import spec

    commands = spec.all_commands()
    keys = [key for key in config.KEYS if key.endswith(".format")]
    assert len(keys) == 9
    for key in keys:
        name = key.removesuffix(".format")
        option = next(p for p in commands[name].params if "--format" in p.flags)
        for choice in option.choices:
            (tmp_path / "curate.toml").write_text(f'{key} = "{choice}"\n')
            assert config.load(tmp_path)[key] == choice
        (tmp_path / "curate.toml").write_text(f'{key} = "xml"\n')
        with pytest.raises(
            CurateError, match=f"{key}: must be one of {', '.join(option.choices)}$"
        ):
            config.load(tmp_path)
