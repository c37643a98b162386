"""The curation root on disk: finding it, reading records, writing them atomically."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curate.errors import CurateError
from curate.records import files, model
from curate.records.model import Kind, Record

if TYPE_CHECKING:
    from curate.records.validate import Checker

PACKAGE_SCHEMAS = Path(__file__).parent.parent / "schemas"
SCHEMA_FILES: Mapping[Kind, str] = {
    "compound": "compound.schema.json",
    "source": "source.schema.json",
}
# Each kind's folder, relative to the root, in the order of model.KINDS.
RECORD_FOLDERS = tuple(f"data/{model.FOLDERS[kind]}" for kind in model.KINDS)
ROOT_ENV = "CURATE_ROOT"
HOW_TO_MAKE = "pass --root DIR, set CURATE_ROOT, or create one with `curate init DIR`"


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector while loading many records.

    Parsed records are trees without cycles, yet every collection walks all of
    them again: on 40,000 files the collector costs several times the parsing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def is_root(path: Path) -> bool:
    return (path / "data" / "compounds").is_dir()


def find_root(explicit: str | Path | None = None, cwd: Path | None = None) -> Path:
    """--root, else $CURATE_ROOT, else the nearest folder upwards holding data/compounds/.

    Every command finds its root here, so an interrupted `curate add` is completed or
    rolled back (see journal.py) before any command reads the repository.
    """
    root = _locate_root(explicit, cwd)
    if (root / ".curate" / "txn").is_dir():
        from curate.repo import journal  # only when a batch was interrupted: keeps lookups light

        if journal.pending(root):
            for message in journal.recover(root):
                sys.stderr.write(f"curate: {message}\n")
    return root


def _locate_root(explicit: str | Path | None, cwd: Path | None) -> Path:
    for given, how in ((explicit, "--root"), (os.environ.get(ROOT_ENV) or None, ROOT_ENV)):
        if given is None:
            continue
        path = Path(given).expanduser()
        if not is_root(path):
            raise CurateError(
                f"{how} {path} is not a curation root (no data/compounds/); {HOW_TO_MAKE}"
            )
        return path.resolve()
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if is_root(folder):
            return folder
    raise CurateError(
        f"no curation root (a folder with data/compounds/) at or above {start}; {HOW_TO_MAKE}"
    )


def schema_path(root: Path | None, kind: Kind) -> Path:
    """The repository's own schema where it has one, else the packaged copy."""
    name = SCHEMA_FILES[kind]
    if root is not None and (root / "schemas" / name).is_file():
        return root / "schemas" / name
    return PACKAGE_SCHEMAS / name


@lru_cache(maxsize=16)
def folder(root: Path, kind: Kind) -> Path:
    return root / "data" / model.FOLDERS[kind]


def record_path(root: Path, kind: Kind, record_id: object) -> Path:
    """Where a record with this id lives; refuses ids and links that would leave data/."""
    if not model.valid_id(record_id):
        raise CurateError(model.id_problem(record_id))
    base = folder(root, kind)
    path = base / f"{record_id}.yaml"
    if not _inside(base, root) or (
        os.path.islink(path) and not path.resolve().is_relative_to(_real_folder(base))
    ):
        raise CurateError("refusing a path that leads outside data/ (symlink?)", path)
    return path


@lru_cache(maxsize=16)
def _real_folder(path: Path) -> Path:
    """A folder's real path, resolved once: batches check thousands of paths under it."""
    return path.resolve()


@lru_cache(maxsize=16)
def _inside(base: Path, root: Path) -> bool:
    return _real_folder(base).is_relative_to(_real_folder(root))


def record_files(root: Path, kind: Kind) -> list[Path]:
    base = folder(root, kind)
    if not base.is_dir():
        return []
    from curate.repo import snapshot

    names = snapshot.record_names(base) or []
    return [base / n for n in names]


def read_text(path: Path) -> str:
    data = files.read_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CurateError(f"not UTF-8 (byte {exc.start})", path) from None


def parse_record(text: str, path: Path | str) -> Record:
    # YAML is imported here, not at the top: `curate show` answers from the index without it.
    from curate.records import yamltext
    from curate.records.yamllib import yaml

    try:
        data: Any = yamltext.load_text(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = (
            "YAML error"
            if isinstance(exc, yaml.constructor.ConstructorError)
            else "YAML syntax error"
        )
        raise CurateError(f"{what}: {exc.problem or exc.context}", path, line, col) from None
    except yaml.YAMLError as exc:
        raise CurateError(f"YAML error: {exc}", path) from None
    if not isinstance(data, dict):
        what = "empty" if data is None else f"a {type(data).__name__}, not a mapping"
        raise CurateError(f"record file is {what}", path, 1, 1)
    return data


def load_record(path: Path) -> Record:
    return parse_record(read_text(path), path)


class Loaded:
    """Records of one kind by id, with where each came from and what could not be read."""

    # A plain class: dataclasses imports inspect, too slow for `curate show`'s budget.
    def __init__(self) -> None:
        self.records: dict[str, Record] = {}
        self.paths: dict[str, Path] = {}
        self.errors: list[CurateError] = []


def load_kind(root: Path, kind: Kind) -> Loaded:
    out = Loaded()
    for path in record_files(root, kind):
        try:
            record = load_record(path)
        except CurateError as exc:
            out.errors.append(exc)
            continue
        rid = record.get("id")
        key = rid if isinstance(rid, str) else path.stem
        out.records.setdefault(key, record)
        out.paths.setdefault(key, path)
    return out


EDITOR_SCHEMAS = Path(".curate") / "schemas"


def schema_ref(root: Path | None, kind: Kind) -> str:
    """The schema a record's modeline names, relative to its folder, so that editors find it:
    the root's own `schemas/`, else the copy curate keeps in `.curate/schemas/`."""
    name = SCHEMA_FILES[kind]
    if root is None or (root / "schemas" / name).is_file():
        return f"../../schemas/{name}"
    return f"../../{EDITOR_SCHEMAS.as_posix()}/{name}"


def keep_editor_schemas(root: Path) -> None:
    """A root without `schemas/` gets the packaged schemas in `.curate/schemas/` (git-ignored),
    where its records' modelines point; rewritten when curate's schemas change. Best effort."""
    if (root / "schemas").is_dir():
        return
    from curate.repo import cache

    try:
        folder = cache.cache_dir(root).parent / "schemas"
        folder.mkdir(exist_ok=True)
        for name in SCHEMA_FILES.values():
            text = (PACKAGE_SCHEMAS / name).read_text(encoding="utf-8")
            target = folder / name
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                write_atomic(target, text)
    except OSError:
        pass


def render_record(
    record: Mapping[str, Any], kind: Kind, root: Path | None = None, ref: str | None = None
) -> str:
    """Canonical text; the modeline resolves in `root` (see schema_ref), or is `ref`, which
    a caller rendering many records has looked up once."""
    from curate.records import yamltext

    modeline = ref if ref is not None else schema_ref(root, kind)
    return yamltext.dump_record(model.canonical(record, kind), modeline)


def file_mode(path: Path) -> int:
    """The mode to write path with: the one it has, else what the umask leaves of 0o666."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0o022)  # the only way to read it; set back at once
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Temp file in the same folder, fsync, rename: readers see old or new, never half.

    With overwrite=False the final step is a hard link, which fails if the name
    was taken in the meantime, so nothing existing is ever replaced. The file gets
    the mode it had, or the umask's (the temporary file is made 0600).
    """
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = file_mode(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise CurateError(f"cannot write: {exc.strerror}", exc.filename or path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise CurateError("exists already; not overwriting", path) from None
            os.unlink(tmp)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise CurateError(f"cannot write: {exc.strerror}", path) from None
        raise
    from curate.repo.journal import fsync_dir

    fsync_dir(path.parent)


def write_record(
    root: Path, kind: Kind, record: Mapping[str, Any], *, overwrite: bool = False
) -> Path:
    path = record_path(root, kind, record.get("id"))
    keep_editor_schemas(root)
    write_atomic(path, render_record(record, kind, root), overwrite=overwrite)
    return path


def schema_checker(root: Path | None, kind: Kind, text: str | None = None) -> Checker:
    """The compiled schema for a kind (the root's own, else the packaged one); one line if unusable."""
    import json

    from curate.records import compiled
    from curate.records.validate import Checker

    path = schema_path(root, kind)
    try:
        text = text if text is not None else path.read_text(encoding="utf-8")
        return Checker(json.loads(text), compiled.for_text(kind, text))
    except (OSError, ValueError, KeyError) as exc:
        raise CurateError(f"schema is not usable: {exc}", path) from None
