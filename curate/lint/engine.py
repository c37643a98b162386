"""Runs the rules over a root: reads what changed, reuses the cache for the rest.

File rules see one file and their results are cached with it; corpus rules see
every record (from the cache where unchanged) and are rerun whenever any file
changed. `curate lint FILE...` judges the named files against the whole root
but reports only on them, as pre-commit expects.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curate import __version__, model, store, yamltext
from curate.errors import CurateError
from curate.lint import cache, rules
from curate.lint.corpus import Corpus, name_keys
from curate.lint.document import Document, read_document
from curate.lint.problem import ERROR, Problem

CACHE_NAME = "lint-files.marshal"
VIEWS_NAME = "lint-corpus.marshal"
PARALLEL_MIN = 2000  # below this, forking costs more than it saves
FIXABLE = frozenset(r.code for r in rules.all_rules() if r.fixable)


class Checker:
    """A kind's schema: fastjsonschema says yes quickly; jsonschema explains a no."""

    def __init__(self, schema: dict[str, Any]) -> None:
        import fastjsonschema
        import jsonschema

        self.schema = schema
        # Formats are annotations in jsonschema unless asked; the patterns enforce them.
        fast_schema = {k: v for k, v in schema.items() if k != "$schema"}
        fast_schema["properties"] = {
            k: {kk: vv for kk, vv in v.items() if kk != "format"}
            for k, v in schema["properties"].items()
        }
        self._fast = fastjsonschema.compile(fast_schema)
        self.full = jsonschema.Draft202012Validator(schema)

    def fast_ok(self, record: Any) -> bool:
        import fastjsonschema

        try:
            self._fast(record)
        except fastjsonschema.JsonSchemaException:
            return False
        return True


class Context:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._checkers: dict[str, Checker] = {}
        self.schema_texts = {
            kind: store.schema_path(root, kind).read_text(encoding="utf-8") for kind in model.KINDS
        }

    def checker(self, kind: str) -> Checker:
        if kind not in self._checkers:
            try:
                schema = json.loads(self.schema_texts[kind])  # type: ignore[index]
                self._checkers[kind] = Checker(schema)
            except (ValueError, KeyError) as exc:
                path = store.schema_path(self.root, kind)  # type: ignore[arg-type]
                raise CurateError(f"schema is not usable: {exc}", path) from None
        return self._checkers[kind]

    def name_keys(self, doc: Document) -> list[tuple[str, str, int]]:
        return doc.keys

    def signature(self) -> str:
        """Changes with curate itself (any of its files) and with the schemas in force."""
        package = Path(__file__).resolve().parent.parent
        code = sorted(
            f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in package.rglob("*.py")
        )
        text = "\0".join([__version__, *code, *self.schema_texts.values()])
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@dataclass
class LintResult:
    problems: list[Problem]
    files: int
    fixed: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def rel_path(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def target_files(root: Path, given: list[Path]) -> set[str]:
    """Root-relative names of the files pre-commit (or a user) passed; refuses strays."""
    out = set()
    for path in given:
        full = path if path.is_absolute() else Path.cwd() / path
        if not full.is_file():
            raise CurateError("no such file", path)
        try:
            rel = rel_path(root, full.resolve().parent / full.name)
        except ValueError:
            raise CurateError(f"not under the curation root {root}", path) from None
        if not (rel.startswith(("data/compounds/", "data/sources/")) and rel.endswith(".yaml")):
            raise CurateError(
                "not a record file (data/compounds/*.yaml or data/sources/*.yaml)", path
            )
        out.add(rel)
    return out


CORPUS_FIELDS = ("id", "aliases", "type", "best_data_tier", "sources", *model.FREE_TEXT_LISTS)
FileState = tuple[int, int, str, list[tuple[Any, ...]]]  # size, mtime_ns, content hash, problems
View = tuple[
    str, Any, list[tuple[str, str, int]]
]  # content hash, fields corpus rules read, name keys


def _digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _view(doc: Document, digest: str) -> View:
    record = doc.record
    subset = (
        {k: record[k] for k in CORPUS_FIELDS if k in record} if record is not None else doc.data
    )
    return (digest, subset if isinstance(subset, dict) else None, doc.keys)


def _from_view(path: Path, rel: str, kind: str, view: View) -> Document:
    return Document(path=path, rel=rel, kind=kind, data=view[1], parsed=True, keys=view[2])


def _analyse(
    path: Path, rel: str, kind: str, raw: bytes, ctx: Context
) -> tuple[Document, list[Problem]]:
    doc = read_document(path, rel, kind, raw)
    doc.keys = name_keys(doc)
    problems = [p for module in rules.file_rules() for p in module.check(doc, ctx)]
    doc.node, doc._positions = None, None  # corpus rules re-read positions only where they report
    return doc, problems


Pending = tuple[str, str, str, int, int, str | None]  # rel, kind, path, size, mtime_ns, old hash
_WORKER_CTX: Context | None = None


def _check(job: Pending) -> tuple[str, FileState, View | None]:
    """Read one file; analyse it unless its content hash says the cached result holds."""
    rel, kind, path, size, mtime, old_digest = job
    raw = Path(path).read_bytes()
    digest = _digest(raw)
    if digest == old_digest:
        return rel, (size, mtime, digest, []), None
    assert _WORKER_CTX is not None
    doc, found = _analyse(Path(path), rel, kind, raw, _WORKER_CTX)
    return rel, (size, mtime, digest, [tuple(p) for p in found]), _view(doc, digest)


def _run_checks(jobs: list[Pending], ctx: Context) -> list[tuple[str, FileState, View | None]]:
    """Serially for a few files (pre-commit); on every core for a cold run."""
    global _WORKER_CTX
    _WORKER_CTX = ctx
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_MIN or workers < 2:
        return [_check(job) for job in jobs]
    import multiprocessing

    # fork shares the compiled schemas and loaded modules with the workers for free.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(_check, jobs, chunksize=max(64, len(jobs) // (workers * 8)))


class _Scan:
    """One pass over the root's files against the cache: what changed gets read."""

    def __init__(self, root: Path, ctx: Context, old_files: dict[str, FileState]) -> None:
        self.root, self.ctx = root, ctx
        self.files: dict[str, FileState] = {}
        self.kinds: dict[str, str] = {}
        self.fresh: dict[str, View] = {}
        jobs: list[Pending] = []
        for kind in model.KINDS:
            base = store.folder(root, kind)
            if not base.is_dir():
                continue
            with os.scandir(base) as it:
                entries = sorted(
                    (e for e in it if e.name.endswith(".yaml") and not e.name.startswith(".")),
                    key=lambda e: e.name,
                )
            for entry in entries:
                rel = f"data/{model.FOLDERS[kind]}/{entry.name}"
                self.kinds[rel] = kind
                stat, old = entry.stat(), old_files.get(rel)
                if old is not None and old[0] == stat.st_size and old[1] == stat.st_mtime_ns:
                    self.files[rel] = old
                else:
                    self.files[rel] = old or (0, 0, "", [])  # keeps the order; replaced below
                    jobs.append(
                        (
                            rel,
                            kind,
                            entry.path,
                            stat.st_size,
                            stat.st_mtime_ns,
                            old[2] if old else None,
                        )
                    )
        for rel, state, view in _run_checks(jobs, ctx):
            if view is None:  # same content as cached: keep its problems
                state = (state[0], state[1], state[2], self.files[rel][3])
            else:
                self.fresh[rel] = view
            self.files[rel] = state

    def corpus_signature(self) -> str:
        return _digest("\0".join(f"{rel}\1{st[2]}" for rel, st in self.files.items()).encode())

    def documents(self, views: dict[str, View]) -> tuple[list[Document], dict[str, View]]:
        docs, out = [], {}
        for rel, state in self.files.items():
            path, kind = self.root / rel, self.kinds[rel]
            view = self.fresh.get(rel) or views.get(rel)
            if view is None or view[0] != state[2]:
                raw = path.read_bytes()
                doc, _ = _analyse(path, rel, kind, raw, self.ctx)
                view = _view(doc, _digest(raw))
            docs.append(_from_view(path, rel, kind, view))
            out[rel] = view
        return docs, out


def lint(
    root: Path,
    files: list[Path] | None = None,
    *,
    fix: bool = False,
    use_cache: bool = True,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> LintResult:
    with store.gc_paused():
        return _lint(root, files, fix=fix, use_cache=use_cache, select=select, ignore=ignore)


def _lint(
    root: Path,
    files: list[Path] | None,
    *,
    fix: bool,
    use_cache: bool,
    select: list[str] | None,
    ignore: list[str] | None,
) -> LintResult:
    ctx = Context(root)
    signature = ctx.signature()
    old = cache.load(root, CACHE_NAME, signature) if use_cache else {}
    scan = _Scan(root, ctx, old.get("files", {}))
    corpus_sig = scan.corpus_signature()
    corpus_problems = old.get("corpus_problems", [])
    if old.get("corpus_sig") != corpus_sig:
        views = cache.load(root, VIEWS_NAME, signature).get("views", {}) if use_cache else {}
        docs, views = scan.documents(views)
        found = [p for m in rules.corpus_rules() for p in m.check_corpus(Corpus(docs), ctx)]
        corpus_problems = [tuple(p) for p in found]
        if use_cache:
            cache.save(root, VIEWS_NAME, signature, {"views": views})
    if use_cache and (
        scan.fresh or scan.files != old.get("files") or corpus_sig != old.get("corpus_sig")
    ):
        state = {"files": scan.files, "corpus_sig": corpus_sig, "corpus_problems": corpus_problems}
        cache.save(root, CACHE_NAME, signature, state)
    problems = [Problem(*p) for st in scan.files.values() for p in st[3]]
    problems += [Problem(*p) for p in corpus_problems]
    wanted = target_files(root, files) if files else None
    if wanted is not None:
        problems = [p for p in problems if p.path in wanted]
    problems = selected(problems, select or [], ignore or [])
    result = LintResult(
        sorted(problems, key=Problem.sort_key), len(wanted) if wanted else len(scan.files)
    )
    if fix:
        result.fixed = apply_fixes(root, result.problems)
        if result.fixed:
            again = _lint(root, files, fix=False, use_cache=use_cache, select=select, ignore=ignore)
            again.fixed = result.fixed
            return again
    return result


def apply_fixes(root: Path, problems: list[Problem]) -> list[str]:
    """Rewrite files with fixable problems into canonical form, if the data stays the same."""
    from curate.lint.rules.canonical_form import canonical_text

    fixed = []
    for rel in sorted({p.path for p in problems if p.code in FIXABLE}):
        path = root / rel
        kind = "compound" if rel.startswith("data/compounds/") else "source"
        doc = read_document(path, rel, kind)
        text = canonical_text(doc)
        if text is None or yamltext.load_text(text) != doc.record:
            continue
        # Every '#' inside a value survives rendering; any extra one was a comment.
        header = 1 if doc.text.startswith("# yaml-language-server:") else 0
        if doc.text.count("#") - header > text.count("#") - 1:
            continue
        store.write_atomic(path, text)
        fixed.append(rel)
    return fixed


def selected(problems: list[Problem], select: list[str], ignore: list[str]) -> list[Problem]:
    """Problems whose rule is selected (all by default) and not ignored."""

    def codes(tokens: list[str]) -> set[str]:
        out: set[str] = set()
        for token in (t for chunk in tokens for t in chunk.split(",") if t.strip()):
            found = rules.by_code_or_name(token)
            if not found:
                raise CurateError(f"unknown rule {token!r}; see `curate lint --list-rules`")
            out.update(r.code for r in found)
        return out

    keep = codes(select) if select else {r.code for r in rules.all_rules()}
    drop = codes(ignore)
    return [p for p in problems if p.code in keep and p.code not in drop]
