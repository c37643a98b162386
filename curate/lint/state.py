"""What lint remembers between runs, and the scan that decides what to read again.

Under `<root>/.curate/cache/`:
- `lint-files.marshal`: every record file's size, mtime, content hash and file-rule
  problems (parallel lists, so "nothing changed" is three list comparisons), and
  the corpus problems of the last full run;
- `lint-index.marshal`: the corpus index (see corpus.py);
- `lint-views/NN.marshal`: each file's corpus view, in 256 shards, so that taking
  one changed file's old rows out of the index reads one small shard.
"""

from __future__ import annotations

import hashlib
import os
from array import array
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curate import model, store
from curate.lint import cache, rules
from curate.lint.corpus import CORPUS_FIELDS, Corpus, Index, View, name_keys
from curate.lint.problem import Problem

if TYPE_CHECKING:
    from curate.lint.document import Document
    from curate.lint.engine import Context

FILES = "lint-files.marshal"
INDEX = "lint-index.marshal"
SHARDS = 256
PARALLEL_MIN = 2000  # below this many files to read, forking costs more than it saves
INCREMENTAL_MAX = 1000  # above this many changed files, rebuild the index instead
Job = tuple[str, str, str, int, int, str | None]  # rel, kind, path, size, mtime_ns, old hash
Checked = tuple[str, str, list[tuple[Any, ...]], View | None]  # rel, hash, problems, new view
_WORKER_CTX: Context | None = None


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def shard_of(rel: str) -> str:
    return f"lint-views/{int(digest(rel.encode())[:4], 16) % SHARDS:03d}.marshal"


def analyse(
    path: Path, rel: str, kind: str, raw: bytes, ctx: Context
) -> tuple[Document, list[Problem], View]:
    from curate.lint.document import read_document  # YAML is loaded only when a file is read

    doc = read_document(path, rel, kind, raw)
    doc.keys = name_keys(doc)
    problems = [p for module in rules.file_rules() for p in module.check(doc, ctx)]
    record = doc.record
    subset = {k: record[k] for k in CORPUS_FIELDS if k in record} if record is not None else None
    doc.node = None  # positions are read again only for records a corpus rule reports
    return doc, problems, (digest(raw), subset, doc.keys)


def from_view(root: Path, rel: str, kind: str, view: View) -> Document:
    from curate.lint.document import Document

    return Document(path=root / rel, rel=rel, kind=kind, data=view[1], parsed=True, keys=view[2])


def _check(job: Job) -> Checked:
    rel, kind, path, _size, _mtime, old_digest = job
    raw = Path(path).read_bytes()
    new_digest = digest(raw)
    if new_digest == old_digest:
        return rel, new_digest, [], None
    assert _WORKER_CTX is not None
    _doc, found, view = analyse(Path(path), rel, kind, raw, _WORKER_CTX)
    return rel, new_digest, [tuple(p) for p in found], view


def run_checks(jobs: list[Job], ctx: Context) -> list[Checked]:
    """Serially for a few files (pre-commit); on every core for a cold run."""
    global _WORKER_CTX
    _WORKER_CTX = ctx
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_MIN or workers < 2:
        return [_check(job) for job in jobs]
    import multiprocessing

    # fork hands the workers the compiled schemas and loaded modules for free.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(_check, jobs, chunksize=max(64, len(jobs) // (workers * 8)))


class State:
    """One run's view of the root: the scan, the caches, and what changed."""

    def __init__(self, root: Path, ctx: Context, signature: str, use_cache: bool) -> None:
        self.root, self.ctx, self.signature, self.use_cache = root, ctx, signature, use_cache
        self.old = cache.load(root, FILES, signature) if use_cache else {}
        self.rels: list[str] = []
        self.sizes, self.mtimes = array("q"), array("q")
        for kind in model.KINDS:
            base = store.folder(root, kind)
            if not base.is_dir():
                continue
            with os.scandir(base) as it:
                names = sorted(
                    e.name for e in it if e.name.endswith(".yaml") and not e.name.startswith(".")
                )
            prefix = f"{base}{os.sep}"
            for name in names:
                stat = os.stat(prefix + name)
                self.rels.append(f"data/{model.FOLDERS[kind]}/{name}")
                self.sizes.append(stat.st_size)
                self.mtimes.append(stat.st_mtime_ns)
        # Names as one string and numbers as packed arrays: "did anything change?" is
        # three comparisons of bytes, and the cache loads in milliseconds.
        self.joined = "\0".join(self.rels)
        self.unchanged = bool(self.old) and (
            self.old.get("rels") == self.joined
            and self.old.get("sizes") == self.sizes.tobytes()
            and self.old.get("mtimes") == self.mtimes.tobytes()
        )
        self.digests: dict[str, str] = {}
        self.problems: dict[str, list[tuple[Any, ...]]] = {}
        self.fresh: dict[str, View] = {}
        self.changed: set[str] = set()

    @staticmethod
    def kind_of(rel: str) -> str:
        return "compound" if rel.startswith("data/compounds/") else "source"

    def refresh(self) -> None:
        """Read the files whose size or mtime moved; analyse those whose content did."""
        old = self.old
        old_rels = old["rels"].split("\0") if old.get("rels") else []
        sizes, mtimes = array("q", old.get("sizes", b"")), array("q", old.get("mtimes", b""))
        digests = old.get("digests", b"")
        previous = {
            rel: (sizes[i], mtimes[i], digests[16 * i : 16 * i + 16].hex())
            for i, rel in enumerate(old_rels)
        }
        old_problems = old.get("problems", {})
        jobs: list[Job] = []
        for rel, size, mtime in zip(self.rels, self.sizes, self.mtimes, strict=True):
            before = previous.get(rel)
            if before is not None and before[0] == size and before[1] == mtime:
                self.digests[rel] = before[2]
                self.problems[rel] = old_problems.get(rel, [])
            else:
                jobs.append(
                    (
                        rel,
                        self.kind_of(rel),
                        str(self.root / rel),
                        size,
                        mtime,
                        before[2] if before else None,
                    )
                )
        for rel, new_digest, found, view in run_checks(jobs, self.ctx):
            self.digests[rel] = new_digest
            if view is None:
                self.problems[rel] = old_problems.get(rel, [])
            else:
                self.problems[rel] = found
                self.fresh[rel] = view
                self.changed.add(rel)
        self.changed.update(set(previous) - set(self.rels))

    def index_and_views(self, need_all: bool) -> tuple[Index, dict[str, View]]:
        """The corpus index brought up to date, and the views of all files when asked."""
        stored = cache.load(self.root, INDEX, self.signature) if self.use_cache else {}
        if stored and len(self.changed) <= INCREMENTAL_MAX:
            index = Index(stored["tables"])
            shards = self._load_shards({shard_of(rel) for rel in self.changed})
            for rel in sorted(self.changed):
                old_view = shards[shard_of(rel)].get(rel)
                if old_view is not None:
                    index.remove(rel, self.kind_of(rel), old_view)
                    shards[shard_of(rel)].pop(rel)
                if rel in self.fresh:
                    index.add(rel, self.kind_of(rel), self.fresh[rel])
                    shards[shard_of(rel)][rel] = self.fresh[rel]
            views = self._all_views() if need_all else {}
            if self.changed:
                self._save(index, shards)
            return index, views
        views = self._all_views()
        index = Index.build((rel, self.kind_of(rel), view) for rel, view in views.items())
        all_shards: dict[str, dict[str, View]] = defaultdict(dict)
        for rel, view in views.items():
            all_shards[shard_of(rel)][rel] = view
        self._save(index, all_shards)
        return index, views

    def _load_shards(self, names: set[str]) -> dict[str, dict[str, View]]:
        out: dict[str, dict[str, View]] = {}
        for name in names:
            out[name] = (
                cache.load(self.root, name, self.signature).get("views", {})
                if self.use_cache
                else {}
            )
        return out

    def _all_views(self) -> dict[str, View]:
        shards = self._load_shards({shard_of(rel) for rel in self.rels if rel not in self.fresh})
        views: dict[str, View] = {}
        for rel in self.rels:
            view = self.fresh.get(rel) or shards.get(shard_of(rel), {}).get(rel)
            if view is None or view[0] != self.digests.get(rel):
                path = self.root / rel
                _doc, _found, view = analyse(
                    path, rel, self.kind_of(rel), path.read_bytes(), self.ctx
                )
                self.fresh[rel] = view
            views[rel] = view
        return views

    def _save(self, index: Index, shards: dict[str, dict[str, View]]) -> None:
        if not self.use_cache:
            return
        cache.save(self.root, INDEX, self.signature, {"tables": index.tables})
        for name, views in shards.items():
            cache.save(self.root, name, self.signature, {"views": views})

    def corpus(self, index: Index, views: dict[str, View], named: set[str] | None) -> Corpus:
        if named is not None:
            targets = []
            for rel in sorted(named):
                view = self.fresh.get(rel) or self._load_shards({shard_of(rel)})[shard_of(rel)].get(
                    rel
                )
                if view is None or view[0] != self.digests.get(rel):
                    path = self.root / rel
                    _doc, _found, view = analyse(
                        path, rel, self.kind_of(rel), path.read_bytes(), self.ctx
                    )
                targets.append(from_view(self.root, rel, self.kind_of(rel), view))
            return Corpus(index, targets)
        return Corpus(
            index, (from_view(self.root, rel, self.kind_of(rel), v) for rel, v in views.items())
        )

    def save_files(self, corpus_problems: list[tuple[Any, ...]] | None) -> None:
        if not self.use_cache:
            return
        state = {
            "rels": self.joined, "sizes": self.sizes.tobytes(), "mtimes": self.mtimes.tobytes(),
            "digests": b"".join(bytes.fromhex(self.digests[rel]) for rel in self.rels),
            "problems": {rel: found for rel, found in self.problems.items() if found},
            "corpus_problems": corpus_problems,
        }  # fmt: skip
        cache.save(self.root, FILES, self.signature, state)
