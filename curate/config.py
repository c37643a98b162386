"""A root's settings: `curate.toml` at the root, or `[tool.curate]` in its `pyproject.toml`.

A layer of its own between the CLI and the core (`curate.kb`, `curate.lint`): it knows
the rules and thresholds it configures. May import every package but `curate.cli`.

`load(root)` returns every setting with where it came from (a file and line, or the
default); commands apply them and let their flags override them. A bad file is one
CurateError naming the file and line: an unknown key (with a "did you mean"), a
wrong type, a rule code that does not exist.
"""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing
# compiles a NamedTuple's string annotations, and a process's first compile() costs a
# third of a `python -c pass`.

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from curate.errors import CurateError
from curate.lint.problem import ERROR, WARNING
from curate.records import model
from curate.records.formatchoices import FORMATS

if TYPE_CHECKING:
    from curate.lint.policy import Policy
    from curate.lookup.resolve import Thresholds

# The lint rules, difflib and re are imported only when a file is read: `curate show`
# reads its settings too, and most roots have none.

CURATE_TOML = "curate.toml"
PYPROJECT = "pyproject.toml"
SEVERITIES = (ERROR, WARNING, "off")
Check = Callable[[Any], str | None]  # None when the value is fine, else what is wrong


def _strings(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return None
    return "must be a list of strings"


def _rule_list(value: Any) -> str | None:
    return _strings(value) or next((_rule_token(v) for v in value if _rule_token(v)), None)


def _rule_token(token: str) -> str | None:
    import difflib

    from curate.lint import rules

    if rules.by_code_or_name(token) or not token.strip():
        return None
    known = [r.code for r in rules.all_rules()] + [r.name for r in rules.all_rules()]
    close = difflib.get_close_matches(token.upper(), known, n=1) or difflib.get_close_matches(
        token.lower(), known, n=1
    )
    return f"unknown rule {token!r}" + (f" (did you mean {close[0]!r}?)" if close else "")


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _number(low: float, high: float, integer: bool = False) -> Check:
    def check(value: Any) -> str | None:
        kinds = (int,) if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
            what = "an integer" if integer else "a number"
            return f"must be {what} from {low:g} to {high:g}"
        return None

    return check


def _choice(options: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        return None if value in options else f"must be one of {', '.join(options)}"

    return check


def _subset(options: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        wrong = _strings(value) or next((v for v in value if v not in options), None)
        return None if wrong is None else f"must be a list of {', '.join(options)}"

    return check


def _severities(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be a table of rule = severity"
    for token, level in value.items():
        wrong = _rule_token(token) or (
            None if level in SEVERITIES else f"must be one of {', '.join(SEVERITIES)}"
        )
        if wrong:
            return wrong
    return None


def _per_file(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be a table of glob = [rules]"
    return next((_rule_list(v) for v in value.values() if _rule_list(v)), None)


class Key(NamedTuple):
    default: Callable[[], Any]  # called when asked: some defaults live in modules read lazily
    check: Check
    doc: str


def _drift_cutoff() -> int:
    from curate.lint.rules import vocabulary_drift

    return vocabulary_drift.CUTOFF


def _resolve_limits() -> Any:
    from curate.lookup import resolve

    return resolve.DEFAULT_LIMITS


KEYS: Mapping[str, Key] = {
    "lint.select": Key(lambda: None, _rule_list, "rules to run (codes, prefixes such as CU2, names); all by default"),
    "lint.extend-select": Key(list, _rule_list, "rules added to lint.select"),
    "lint.ignore": Key(list, _rule_list, "rules never reported"),
    "lint.strict": Key(lambda: False, _boolean, "warnings fail too (exit 1)"),
    "lint.severity": Key(dict, _severities, "rule = error | warning | off"),
    "lint.per-file-ignores": Key(dict, _per_file, "glob (relative to the root) = rules not reported there"),
    "lint.vocabulary-drift.fields": Key(lambda: list(model.FREE_TEXT_LISTS), _subset(model.FREE_TEXT_LISTS), "fields compared for near-duplicate values"),
    "lint.vocabulary-drift.similarity": Key(_drift_cutoff, _number(50, 100, integer=True), "how similar (rapidfuzz ratio) two values must be to be reported"),
    "resolve.cutoff": Key(lambda: _resolve_limits().cutoff, _number(50, 100), "lowest fuzzy score that resolves a name"),
    "resolve.margin": Key(lambda: _resolve_limits().margin, _number(0, 50), "lead the best record needs over the next, else ambiguous"),
    **{f"{command}.format": Key(lambda: None, _choice(choices), f"default --format of `curate {command}`") for command, choices in FORMATS.items()},
}  # fmt: skip


class Settings:
    """Every key's value and where it came from ("default", "curate.toml:4", "--select")."""

    def __init__(
        self, values: Mapping[str, Any], origins: Mapping[str, str], file: Path | None = None
    ) -> None:
        self.values, self.origins, self.file = values, origins, file

    def __getitem__(self, key: str) -> Any:
        return self.values[key] if key in self.values else KEYS[key].default()

    def origin(self, key: str) -> str:
        return self.origins.get(key, "default")

    def override(self, key: str, value: Any, origin: str) -> "Settings":
        """These settings with a command-line flag in place of a key (None: flag not given)."""
        if value is None:
            return self
        return Settings({**self.values, key: value}, {**self.origins, key: origin}, self.file)


def defaults() -> Settings:
    return Settings({}, {})


def config_file(root: Path) -> tuple[Path, tuple[str, ...]] | None:
    """The file that configures this root and the table inside it; refuses two."""
    toml, pyproject = root / CURATE_TOML, root / PYPROJECT
    # A plain text test first: most commands read no TOML at all.
    in_pyproject = pyproject.is_file() and "tool.curate" in _read(pyproject)
    if toml.is_file() and in_pyproject:
        raise CurateError(
            f"both {CURATE_TOML} and {PYPROJECT} [tool.curate] configure this root; keep one",
            toml,
        )
    if toml.is_file():
        return toml, ()
    return (pyproject, ("tool", "curate")) if in_pyproject else None


def load(root: Path) -> Settings:
    found = config_file(root)
    if found is None:
        return defaults()
    path, table = found
    text = _read(path)
    data = _parse(text, path)
    for part in table:
        data = data.get(part, {})
        if not isinstance(data, dict):
            raise CurateError(f"[{'.'.join(table)}] must be a table", path)
    lines = key_lines(text, table)
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for key, value in _flatten(data, lines, path):
        parts = tuple(key.split("."))
        # A table's entries are checked one by one, so an error names the entry's line.
        entries = (
            [((*parts, k), {k: v}) for k, v in value.items()] if isinstance(value, dict) else []
        )
        for where, part in [*entries, (parts, value)]:
            wrong = KEYS[key].check(part)
            if wrong:
                raise CurateError(f"{'.'.join(where)}: {wrong}", path, _line_of(lines, where))
        if value != {}:  # an empty table (a header with its entries commented out) sets nothing
            values[key], origins[key] = value, f"{path.name}:{_line_of(lines, parts)}"
    return Settings(values, origins, path)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CurateError(f"cannot read: {exc}", path) from None


def _parse(text: str, path: Path) -> dict[str, Any]:
    import re
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        line, col = (int(at[1]), int(at[2])) if at else (None, None)
        if "end of document" in message:
            line = max(1, text.count("\n"))
        raise CurateError(f"not valid TOML: {message}", path, line, col) from None


def _flatten(
    data: dict[str, Any], lines: dict[tuple[str, ...], int], path: Path, prefix: str = ""
) -> list[tuple[str, Any]]:
    """(dotted key, value) pairs of known keys; an unknown one is an error with a suggestion."""
    out: list[tuple[str, Any]] = []
    for name, value in data.items():
        key = f"{prefix}{name}"
        if key in KEYS:
            out.append((key, value))
        elif isinstance(value, dict) and any(k.startswith(f"{key}.") for k in KEYS):
            out.extend(_flatten(value, lines, path, f"{key}."))
        else:
            import difflib

            depth = key.count(".") + 1
            known = sorted({".".join(k.split(".")[:depth]) for k in KEYS})
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            where = (*prefix.split(".")[:-1], name)
            raise CurateError(f"unknown key {key!r}{hint}", path, _line_of(lines, where))
    return out


_BARE = r"[A-Za-z0-9_-]+|\"(?:[^\"\\]|\\.)*\"|'[^']*'"
_DOTTED = rf"(?:{_BARE})(?:\s*\.\s*(?:{_BARE}))*"


def key_lines(text: str, table: tuple[str, ...] = ()) -> dict[tuple[str, ...], int]:
    """The line each key (its parts, under `table`) is set on; tomllib keeps no positions."""
    import re

    header_re = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
    assign_re = re.compile(rf"^\s*({_DOTTED})\s*=")

    def split(dotted: str) -> list[str]:
        return [p.strip("\"'") for p in re.findall(_BARE, dotted)]

    out: dict[tuple[str, ...], int] = {}
    current: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        header = header_re.match(line)
        assign = None if header else assign_re.match(line)
        if header:
            current = split(header[1])
            parts = current
        elif assign:
            parts = current + split(assign[1])
        else:
            continue
        if tuple(parts[: len(table)]) == table and len(parts) > len(table):
            out.setdefault(tuple(parts[len(table) :]), number)
    return out


def _line_of(lines: dict[tuple[str, ...], int], parts: tuple[str, ...]) -> int | None:
    """The key's own line, else its nearest table's (a key inside an inline table)."""
    while parts:
        found = lines.get(parts)
        if found is not None:
            return found
        parts = parts[:-1]
    return None


def lint_policy(settings: Settings) -> "Policy":
    """What `curate lint` reports under these settings."""
    from curate.lint.policy import Policy

    return Policy(
        select=settings["lint.select"],
        extend_select=settings["lint.extend-select"],
        ignore=settings["lint.ignore"],
        severity=settings["lint.severity"],
        per_file_ignores=settings["lint.per-file-ignores"],
        options={
            "vocabulary-drift": {
                "fields": settings["lint.vocabulary-drift.fields"],
                "similarity": settings["lint.vocabulary-drift.similarity"],
            }
        },
    )


def resolve_limits(
    settings: Settings, cutoff: float | None = None, margin: float | None = None
) -> "Thresholds":
    """The resolver's thresholds: flags (when given) over the settings."""
    from curate.lookup.resolve import Thresholds

    return Thresholds(
        settings["resolve.cutoff"] if cutoff is None else cutoff,
        settings["resolve.margin"] if margin is None else margin,
    )
