"""Runs the rules over a root: reads what changed, reuses the cache for the rest.

File rules see one file and their results are cached with it; corpus rules see
every record (from the cache where unchanged) and are rerun whenever any file
changed. `curate lint FILE...` judges the named files against the whole root
but reports only on them, as pre-commit expects.
"""

from __future__ import annotations

import os
from pathlib import Path

from curate.errors import CurateError
from curate.lint import rules, suppress
from curate.lint.context import Context
from curate.lint.corpus import StaleIndex
from curate.lint.policy import Policy
from curate.lint.policy import codes as rule_codes
from curate.lint.problem import ERROR, Problem
from curate.lint.state import DEFER_MAX, INDEX, State
from curate.repo import cache, store


class LintResult:
    """Plain class rather than a dataclass: a warm lint cannot afford importing inspect."""

    def __init__(self, problems: list[Problem], files: int, fixed: list[str] | None = None) -> None:
        self.problems = problems
        self.files = files
        self.fixed = fixed if fixed is not None else []

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def target_files(root: Path, given: list[Path]) -> set[str]:
    """Root-relative names of the files pre-commit (or a user) passed; refuses strays."""
    out = set()
    for path in given:
        full = path if path.is_absolute() else Path.cwd() / path
        if full.is_dir():
            raise CurateError(
                "is a folder; name record files, or none to lint the whole root", path
            )
        if not full.is_file():
            raise CurateError(
                "no such file" if not os.path.lexists(full) else "is not a regular file", path
            )
        try:
            rel = (full.resolve().parent / full.name).relative_to(root).as_posix()
        except ValueError:
            raise CurateError(f"not under the curation root {root}", path) from None
        if not (rel.startswith(("data/compounds/", "data/sources/")) and rel.endswith(".yaml")):
            raise CurateError(
                "not a record file (data/compounds/*.yaml or data/sources/*.yaml)", path
            )
        out.add(rel)
    return out


def lint(
    root: Path,
    files: list[Path] | None = None,
    *,
    fix: bool = False,
    use_cache: bool = True,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    policy: Policy | None = None,
) -> LintResult:
    """Problems in the root (or reported on `files`); select/ignore narrow `policy`."""
    policy = policy or Policy()
    if select:
        policy = policy._replace(select=select, extend_select=[])
    if ignore:
        policy = policy._replace(ignore=ignore)
    policy.check()
    store.keep_editor_schemas(root)
    with store.gc_paused():
        try:
            return _lint(root, files, fix=fix, use_cache=use_cache, policy=policy)
        except StaleIndex:  # a shard went missing under a manifest: build the index again
            cache.drop(root, INDEX)
            return _lint(root, files, fix=fix, use_cache=use_cache, policy=policy)


def _lint(
    root: Path, files: list[Path] | None, *, fix: bool, use_cache: bool, policy: Policy
) -> LintResult:
    ctx = Context(root, policy.options)
    named = target_files(root, files) if files else None
    state = State(root, ctx, ctx.signature(), use_cache)
    corpus_problems = state.old.get("corpus_problems")
    if state.unchanged and corpus_problems is not None:
        found = [p for group in state.old.get("problems", {}).values() for p in group]
    else:
        state.refresh()
        state.persist = use_cache and (named is None or len(state.changed) > DEFER_MAX)
        index, views = state.index_and_views(need_all=named is None)
        corpus = state.corpus(index, views, named)
        corpus_problems = [
            tuple(p) for m in rules.corpus_rules() for p in m.check_corpus(corpus, ctx)
        ]
        state.save_files(corpus_problems if named is None else None)
        found = [p for group in state.problems.values() for p in group]
    problems = [Problem(*p) for p in found + list(corpus_problems)]
    if named is not None:
        problems = [p for p in problems if p.path in named]
    problems = policy.apply(suppress.apply(problems, rule_codes))
    result = LintResult(
        sorted(problems, key=Problem.sort_key), len(named) if named else len(state.rels)
    )
    if fix:
        result.fixed = apply_fixes(root, result.problems)
        if result.fixed:
            again = _lint(root, files, fix=False, use_cache=use_cache, policy=policy)
            again.fixed = result.fixed
            return again
    return result


def fixable_codes() -> set[str]:
    return {r.code for r in rules.all_rules() if r.fixable}


def apply_fixes(root: Path, problems: list[Problem]) -> list[str]:
    """Rewrite files with fixable problems: data fixes first (a DOI's normal form, a journal
    moved out of publisher), then canonical form; only if the file reads back as intended."""
    from curate.lint.document import read_document
    from curate.records import yamltext

    fixers = rules.data_fixers()
    fixable = fixable_codes()
    codes: dict[str, set[str]] = {}
    for p in problems:
        if p.code in fixable:
            codes.setdefault(p.path, set()).add(p.code)
    fixed = []
    for rel in sorted(codes):
        path = root / rel
        kind = "compound" if rel.startswith("data/compounds/") else "source"
        doc = read_document(path, rel, kind)
        record = doc.record
        if record is None or doc.duplicate_keys:
            continue
        for code in sorted(codes[rel] & set(fixers)):
            record = fixers[code].fix_record(record)
        text = store.render_record(record, kind, root)  # type: ignore[arg-type]
        text = suppress.with_comments(doc, text)
        if yamltext.load_text(text) != record:
            continue
        # Every '#' inside a value survives rendering; any extra one was a comment.
        header = 1 if doc.text.startswith("# yaml-language-server:") else 0
        if doc.text.count("#") - header > text.count("#") - 1:
            continue
        store.write_atomic(path, text)
        fixed.append(rel)
    return fixed
