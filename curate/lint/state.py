"""What lint remembers between runs, and the scan that decides what to read again.

Under `<root>/.curate/cache/`:
- `lint-files.marshal`: the snapshot of the last look at the record files (names,
  sizes and mtimes, packed: see snapshot.py), each file's content hash in the same
  order, the file-rule problems, and the corpus problems of the last full run;
- `lint-index.marshal`: the corpus index (see corpus.py), its shards packed in one
  file and each unmarshalled only when a lookup needs it;
- `lint-views.marshal`: each file's corpus view, in 64 packed shards, so that taking
  one changed file's old rows out of the index reads one small shard.

A pre-commit run with a few changed files writes none of these: the next run
redoes those few files, which costs less than writing the caches now.
"""

from __future__ import annotations

import marshal
import os
import zlib

# _blake2 is what hashlib.blake2b is; hashlib itself loads OpenSSL, a cost every lint paid.
from _blake2 import blake2b
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curate.errors import CurateError
from curate.lint import rules
from curate.lint.context import Context
from curate.lint.corpus import CORPUS_FIELDS, Buckets, Corpus, CorpusIndex, View, alias_keys
from curate.lint.problem import Problem
from curate.records import files
from curate.repo import cache, snapshot, store

if TYPE_CHECKING:
    from curate.lint.document import Document

FILES = "lint-files.marshal"
INDEX = "lint-index.marshal"
VIEWS = "lint-views.marshal"
SHARDS = 64
PARALLEL_MIN = 2000  # below this many files to read, forking costs more than it saves
INCREMENTAL_MAX = 1000  # above this many changed files, rebuild the index instead
# A pre-commit run with up to this many changed files leaves the caches as they were:
# redoing a few files next time is cheaper than writing megabytes of index now.
DEFER_MAX = 64
Job = tuple[str, str, str, int, int, str | None]  # rel, kind, path, size, mtime_ns, old hash
Checked = tuple[str, str, list[tuple[Any, ...]], View | None]  # rel, hash, problems, new view
_WORKER_CTX: Context | None = None


def digest(raw: bytes) -> str:
    return blake2b(raw, digest_size=16).hexdigest()


VIEW_SHARDS = [f"{n:02d}" for n in range(SHARDS)]


def shard_of(rel: str) -> str:
    return VIEW_SHARDS[zlib.crc32(rel.encode()) % SHARDS]


def _buckets(found: Any) -> Buckets | None:
    return found if isinstance(found, dict) else None


def _parts(
    names: list[str], changed: set[str], values: dict[str, Any], old: cache.Packed | None
) -> dict[str, bytes]:
    """Each part's bytes: dumped again when changed, else copied from the old file."""
    out: dict[str, bytes] = {}
    for name in names:
        raw = old.raw(name) if old is not None and name not in changed else None
        out[name] = raw if raw is not None else marshal.dumps(values.get(name, {}))
    return out


def read_raw(path: str) -> tuple[bytes, str | None, str]:
    """A file's bytes, why it could not be read (rule CU008), and the digest of both."""
    try:
        raw = files.read_bytes(path)
    except CurateError as exc:
        return b"", exc.message, digest(b"\0unreadable\0" + exc.message.encode())
    return raw, None, digest(raw)


def analyse(
    path: str, rel: str, kind: str, read: tuple[bytes, str | None, str], ctx: Context
) -> tuple[Document, list[Problem], View]:
    from curate.lint.document import read_document  # YAML is loaded only when a file is read

    raw, unreadable, raw_digest = read
    doc = read_document(path, rel, kind, raw, unreadable)
    doc.keys = alias_keys(doc)
    problems = [p for module in rules.file_rules() for p in module.check(doc, ctx)]
    record = doc.record
    subset = {k: record[k] for k in CORPUS_FIELDS if k in record} if record is not None else None
    doc.node = None  # positions are read again only for records a corpus rule reports
    return doc, problems, (raw_digest, subset, doc.keys)


def from_view(root: Path, rel: str, kind: str, view: View) -> Document:
    from curate.lint.document import Document

    return Document(
        path=f"{root}{os.sep}{rel}", rel=rel, kind=kind, data=view[1], parsed=True, keys=view[2]
    )


def _check(job: Job) -> Checked:
    rel, kind, path, _size, _mtime, old_digest = job
    read = read_raw(path)
    new_digest = read[2]
    if new_digest == old_digest:
        return rel, new_digest, [], None
    assert _WORKER_CTX is not None
    _doc, found, view = analyse(path, rel, kind, read, _WORKER_CTX)
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
    try:
        pool = multiprocessing.get_context("fork").Pool(workers)
    except OSError:  # no processes to spare (a limit on processes): one does it all
        return [_check(job) for job in jobs]
    with pool:
        return pool.map(_check, jobs, chunksize=max(64, len(jobs) // (workers * 8)))


def scan_folders(root: Path) -> tuple[list[str], array[int], array[int]]:
    """Every record file's root-relative name, size and mtime, in a stable order."""
    look = snapshot.Listing(root, store.RECORD_FOLDERS)
    return look.rels, look.sizes, look.mtimes


class State:
    """One run's view of the root: the look at its files, the caches, and what changed."""

    def __init__(self, root: Path, ctx: Context, signature: str, use_cache: bool) -> None:
        self.root, self.ctx, self.signature, self.use_cache = root, ctx, signature, use_cache
        self.old = cache.load(root, FILES, signature) if use_cache else {}
        self.look = snapshot.Listing(root, store.RECORD_FOLDERS)
        self.rels, self.sizes, self.mtimes = self.look.rels, self.look.sizes, self.look.mtimes
        # The stored look, and each of its files' digest by position (so "did anything
        # change?" is a comparison of packed bytes, and the cache loads in milliseconds).
        before = snapshot.Snapshot.load(self.old.get("snapshot"))
        digests = self.old.get("digests")
        if before is None or not isinstance(digests, bytes) or len(digests) != 16 * before.count():
            before, self.old = None, {}
        self.since = self.look.since(before)
        self.unchanged = before is not None and self.since.was is None and not self.since.moved
        self.position = {rel: i for i, rel in enumerate(self.rels)}
        self.digests = bytearray(16 * len(self.rels))
        self.problems: dict[str, list[tuple[Any, ...]]] = {}
        self.fresh: dict[str, View] = {}
        self.changed: set[str] = set()
        self.persist = use_cache
        self._index_pack: cache.Packed | None = None
        self._view_pack: cache.Packed | None = None

    @staticmethod
    def kind_of(rel: str) -> str:
        return "compound" if rel.startswith("data/compounds/") else "source"

    def digest(self, rel: str) -> str | None:
        at = self.position.get(rel)
        return None if at is None else self.digests[16 * at : 16 * at + 16].hex()

    def refresh(self) -> None:
        """Read the files whose size or mtime moved; analyse those whose content did."""
        jobs = self._jobs()
        old_problems = self.old.get("problems", {})
        for rel, new_digest, found, view in run_checks(jobs, self.ctx):
            at = self.position[rel]
            self.digests[16 * at : 16 * at + 16] = bytes.fromhex(new_digest)
            if view is None:  # touched, not changed
                if rel in old_problems:
                    self.problems[rel] = old_problems[rel]
                continue
            self.problems.pop(rel, None)
            if found:
                self.problems[rel] = found
            self.fresh[rel] = view
            self.changed.add(rel)
        self.changed.update(self.since.gone)

    def _jobs(self) -> list[Job]:
        """The files whose numbers moved; the others keep their digests and problems."""
        old_problems = self.old.get("problems", {})
        digests = self.old.get("digests", b"")
        moved, was = self.since.moved, self.since.was
        if was is None:  # the same names in the same order: all carried over at once
            self.digests[:] = digests
            self.problems = dict(old_problems)
        else:
            again = set(moved)
            for at, before in enumerate(was):
                if before >= 0 and at not in again:
                    self.digests[16 * at : 16 * at + 16] = digests[16 * before : 16 * before + 16]
                    if self.rels[at] in old_problems:
                        self.problems[self.rels[at]] = old_problems[self.rels[at]]
        jobs: list[Job] = []
        # Text, not Path: forty thousand joins cost a tenth of a second.
        prefix = f"{self.root}{os.sep}"
        for at in moved:
            before = at if was is None else was[at]
            rel = self.rels[at]
            previous = digests[16 * before : 16 * before + 16].hex() if before >= 0 else None
            jobs.append(
                (rel, self.kind_of(rel), prefix + rel, self.sizes[at], self.mtimes[at], previous)
            )
        return jobs

    def index_and_views(self, need_all: bool) -> tuple[CorpusIndex, dict[str, View]]:
        """The corpus index brought up to date, and the views of all files when asked."""
        packed = cache.Packed.load(self.root, INDEX, self.signature) if self.use_cache else None
        if packed is not None and self.use_cache:
            self._view_pack = cache.Packed.load(self.root, VIEWS, self.signature)
        if (
            packed is not None
            and self._view_pack is not None
            and len(self.changed) <= INCREMENTAL_MAX
        ):
            self._index_pack = packed
            index = CorpusIndex(lambda name: _buckets(packed.get(name)))
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
        self.persist = self.use_cache  # a rebuilt index is always worth keeping
        views = self._all_views()
        index = CorpusIndex.build((rel, self.kind_of(rel), view) for rel, view in views.items())
        all_shards: dict[str, dict[str, View]] = {name: {} for name in VIEW_SHARDS}
        for rel, view in views.items():
            all_shards[shard_of(rel)][rel] = view
        self._save(index, all_shards)
        return index, views

    def _load_shards(self, names: set[str]) -> dict[str, dict[str, View]]:
        if self._view_pack is None and self.use_cache:
            self._view_pack = cache.Packed.load(self.root, VIEWS, self.signature)
        pack = self._view_pack
        out: dict[str, dict[str, View]] = {}
        for name in names:
            found = pack.get(name) if pack is not None else None
            out[name] = found if isinstance(found, dict) else {}
        return out

    def _all_views(self) -> dict[str, View]:
        shards = self._load_shards({shard_of(rel) for rel in self.rels if rel not in self.fresh})
        views: dict[str, View] = {}
        for rel in self.rels:
            view = self.fresh.get(rel) or shards.get(shard_of(rel), {}).get(rel)
            if view is None or view[0] != self.digest(rel):
                view = self.fresh[rel] = self._view_read_again(rel)
            views[rel] = view
        return views

    def _view_read_again(self, rel: str) -> View:
        """A file's view when the cached one is missing or stale."""
        path = str(self.root / rel)
        return analyse(path, rel, self.kind_of(rel), read_raw(path), self.ctx)[2]

    def _save(self, index: CorpusIndex, shards: dict[str, dict[str, View]]) -> None:
        """Two files, each written whole and renamed into place; unchanged parts as they were."""
        if not self.persist:
            return
        cache.Packed.save(
            self.root,
            INDEX,
            self.signature,
            _parts(CorpusIndex.shard_names(), index.dirty, index.shards, self._index_pack),
        )
        cache.Packed.save(
            self.root,
            VIEWS,
            self.signature,
            _parts(VIEW_SHARDS, set(shards), shards, self._view_pack),
        )

    def corpus(self, index: CorpusIndex, views: dict[str, View], named: set[str] | None) -> Corpus:
        if named is not None:
            targets = []
            for rel in sorted(named):
                view = self.fresh.get(rel) or self._load_shards({shard_of(rel)})[shard_of(rel)].get(
                    rel
                )
                if view is None or view[0] != self.digest(rel):
                    view = self._view_read_again(rel)
                targets.append(from_view(self.root, rel, self.kind_of(rel), view))
            return Corpus(index, targets)
        return Corpus(
            index, (from_view(self.root, rel, self.kind_of(rel), v) for rel, v in views.items())
        )

    def save_files(self, corpus_problems: list[tuple[Any, ...]] | None) -> None:
        if not self.persist:
            return
        state = {
            "snapshot": self.look.snapshot().dump(),
            "digests": bytes(self.digests),
            "problems": {rel: found for rel, found in self.problems.items() if found},
            "corpus_problems": corpus_problems,
        }  # fmt: skip
        cache.save(self.root, FILES, self.signature, state)
