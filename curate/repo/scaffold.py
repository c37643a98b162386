"""`curate init`: a new, empty curation repository."""

from __future__ import annotations

from pathlib import Path

from curate.errors import CurateError
from curate.records.model import Kind
from curate.repo import store

README = """# Curation knowledge base

Compound records live in `data/compounds/`, the sources they cite in `data/sources/`,
one YAML file per record, validated by the JSON Schemas in `schemas/`.

- `curate show NAME` prints a record; `curate lint` checks the whole repository.
- `curate new ID` starts a record; `curate add FILE` imports cards, YAML, JSON, JSONL or CSV.
"""


PRE_COMMIT = """# Runs `curate lint` on the record files of each commit: `pip install pre-commit`, then
# `pre-commit install`. pre-commit installs curate itself from the repository below.
repos:
  - repo: {repo}
    rev: {rev}
    hooks:
      - id: curate-lint
"""

# When curate cannot tell where it was installed from: the hook needs `curate` on PATH.
PRE_COMMIT_SYSTEM = """# Runs `curate lint` on the record files of each commit: `pip install pre-commit`, then
# `pre-commit install`. This hook runs the `curate` on your PATH; to have pre-commit install
# curate itself, use the published hook instead (see curate's README, "pre-commit"):
#   - repo: <curate's repository>
#     rev: <a tag or commit>
#     hooks: [{id: curate-lint}]
repos:
  - repo: local
    hooks:
      - id: curate-lint
        name: curate lint
        entry: curate lint --pre-commit
        language: system
        files: (^|/)data/(compounds|sources)/[^/]+\\.yaml$
        always_run: true
        require_serial: true
"""


def hook_source() -> tuple[str, str] | None:
    """Where this curate came from, as pre-commit's repo and rev, when the install says.

    pip records a VCS install's URL and commit (PEP 610); else the package's
    Repository URL with the tag of its version.
    """
    import json
    from importlib import metadata

    try:
        dist = metadata.distribution("curate")
    except metadata.PackageNotFoundError:
        return None
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    vcs = direct.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return str(direct["url"]), str(vcs["commit_id"])
    for entry in dist.metadata.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("repository", "source"):
            return url.strip(), f"v{dist.version}"
    return None


def pre_commit_config(source: tuple[str, str] | None) -> str:
    if source is None:
        return PRE_COMMIT_SYSTEM
    return PRE_COMMIT.format(repo=source[0], rev=source[1])


CURATE_TOML = """# Settings for curate in this repository; each line shows the default. Flags override them.
# `curate config` prints the settings in force and where each came from.

# The default --format of each command (lint's and resolve's are in their tables below):
# show.format = "card"       # card | yaml | json | markdown | references | rich (rich on a terminal)
# search.format = "text"     # text | json
# scan.format = "text"       # text | json
# diff.format = "text"       # text | json | markdown
# add.format = "text"        # text | json
# export.format = "jsonl"    # jsonl | csv | cards | sqlite | bibtex | csl-json | ris
# config.format = "text"     # text | json

[lint]
# select = ["CU"]            # rules to run: codes, prefixes (CU2) or names; all by default
# extend-select = []         # rules added to select
# ignore = []                # rules never reported, e.g. ["CU203", "no-sources"]
# strict = false             # warnings fail too (exit 1), as --strict
# format = "text"            # text | json | github | sarif (github under GITHUB_ACTIONS)

[lint.severity]
# CU203 = "error"            # a rule (code or name) = error | warning | off

[lint.per-file-ignores]
# "data/sources/legacy_*.yaml" = ["CU203"]   # glob, relative to this folder = rules

[lint.vocabulary-drift]
# fields = ["risk_flags", "targets_mechanism", "optimization_domains"]
# similarity = 90            # 50-100: how close two values must be to be reported

[resolve]
# cutoff = 85.0              # lowest fuzzy score that resolves a name (50-100)
# margin = 5.0               # lead the best record needs over the next, else ambiguous
# format = "text"            # text | tsv | json

"""


def plan(root: Path, hook: tuple[str, str] | None = None) -> dict[Path, str | None]:
    """What init creates: folders (None) and files (their text); `hook` is pre-commit's repo and rev."""
    files: dict[Path, str | None] = {
        root / "data" / "compounds": None,
        root / "data" / "sources": None,
        # git keeps no empty folder: without these a clone of a new repository is no root.
        root / "data" / "compounds" / ".gitkeep": "",
        root / "data" / "sources" / ".gitkeep": "",
        root / "schemas": None,
        root / "README.md": README,
        root / ".pre-commit-config.yaml": pre_commit_config(hook),
        root / "curate.toml": CURATE_TOML,
        root / ".gitignore": ".curate/\n",
    }
    for name in store.SCHEMA_FILES.values():
        files[root / "schemas" / name] = (store.PACKAGE_SCHEMAS / name).read_text("utf-8")
    return files


def init(root: Path, hook: tuple[str, str] | None = None) -> list[Path]:
    if root.exists() and not root.is_dir():
        raise CurateError("exists and is not a folder", root)
    where = root.resolve()
    if where == Path(where.anchor):
        raise CurateError("refusing to make the file system's root a curation root", root)
    for folder in (where, *where.parents):
        if store.is_root(folder):
            raise CurateError(f"is inside the curation root {folder}; refusing to nest one", root)
    todo = plan(root, hook)
    taken = [p for p in todo if p.exists()]
    if taken:
        raise CurateError(f"refusing to overwrite {len(taken)} existing path(s), first {taken[0]}")
    created: list[Path] = []
    for path, text in todo.items():
        if text is None:
            path.mkdir(parents=True)
        else:
            store.write_atomic(path, text, overwrite=False)
        created.append(path)
    return created


COMPOUND_TEMPLATE = """# yaml-language-server: $schema={schema}
# New compound record: fill in what the linked sources support, then run `curate lint`.
id: {id}
aliases: []  # brand names, abbreviations, other spellings
type: compound  # compound | food | practice
# route_form: oral  # how it is taken, e.g. subcutaneous injection
status: unapproved  # approved | investigational | unapproved | supplement | food | not_applicable
evidence_level: mechanistic only  # approved / labelled | human trials | human observational | early human | preclinical | mechanistic only | marketing only
best_data_tier: none  # approved label | meta-analysis | randomized trial | human trial | observational | animal | cell | review only | none
support_scope: []  # human | animal | cell | review/regulatory
broad_outcomes: []  # see schemas/compound.schema.json for the allowed outcome areas
reading_note: These are curation notes anchored to linked sources, not a clinical recommendation or protocol.
targets_mechanism: []
optimization_domains: []
research_basis: []  # what the linked sources show, one sentence each
limits_risks: []  # limits, risks and missing evidence
risk_flags: []
sources: []  # ids of files in data/sources/ (curate new ID --source)
"""

SOURCE_TEMPLATE = """# yaml-language-server: $schema={schema}
# New source record. Record identifiers only as the citing text gives them: never from memory.
id: {id}
type: review  # label | government_review | regulatory | guideline | meta_analysis | review | human_trial | early_human | observational | animal | in_vitro | commentary | not_stated
title: Title as the source gives it
summary: What it supports, in your words.
# journal: as the citing text writes it
# year: 2024
# doi: 10.xxxx/...
# pmid: "12345678"
# url: https://...
# publisher: ...
"""


def template(kind: Kind, record_id: str, root: Path | None = None) -> str:
    """A commented record to fill in; its modeline resolves in `root`."""
    text = SOURCE_TEMPLATE if kind == "source" else COMPOUND_TEMPLATE
    return text.format(id=record_id, schema=store.schema_ref(root, kind))
