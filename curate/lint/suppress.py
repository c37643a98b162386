"""Inline suppression: `# curate: ignore[CU205]` on a line, `# curate: ignore-file[CU103]` at the top.

The rule `unused-suppression` finds each comment when its file is read and reports
it as a problem, so the comments are cached with the file's other problems. After
every rule has run, `apply` takes those problems back as directives: a directive
removes the problems it names (on its line, or anywhere in the file), and one that
removed nothing stays reported, naming the rules it suppressed nothing of.
"""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing
# compiles a NamedTuple's string annotations, and a process's first compile() costs a
# third of a `python -c pass`.

from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple, Protocol

from curate.lint.problem import Problem
from curate.records import deferred

CODE = "CU901"
COMMENT = deferred.pattern(r"(?:^|\s)(#\s*curate:\s*(ignore|ignore-file)\[([^\]]*)\])")
# How a directive travels as a problem (and in the cache), and how it is read back.
UNUSED = "`# curate: {scope}[{tokens}]` suppresses nothing"
_UNUSED = deferred.pattern(r"^`# curate: (ignore|ignore-file)\[(.*)\]` suppresses nothing$")


class Directive(NamedTuple):
    line: int
    col: int
    scope: str  # "ignore": its line; "ignore-file": the whole file
    tokens: tuple[str, ...]
    in_header: bool  # among the comment lines at the top of the file
    comment: str  # the comment as written, from '#'


def directives(text: str) -> Iterator[Directive]:
    if "curate:" not in text:
        return
    header = True
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        header = header and (not stripped or stripped.startswith("#"))
        for match in COMMENT.finditer(line):
            tokens = tuple(t.strip() for t in match[3].split(",") if t.strip())
            yield Directive(
                number, match.start(1) + 1, match[2], tokens, header, line[match.start(1) :]
            )


def directive_of(p: Problem) -> tuple[str, tuple[str, ...]] | None:
    """The (scope, tokens) an unused-suppression problem carries, if it is a directive."""
    found = _UNUSED.match(p.message) if p.code == CODE else None
    return None if found is None else (found[1], tuple(found[2].split(", ")))


def apply(problems: list[Problem], codes: Callable[[Sequence[str]], set[str]]) -> list[Problem]:
    """Problems with the suppressed ones removed and the unused directives reported.

    `codes` names the rule codes a token means (this module knows no rules: they use it).
    """
    marks = [(p, d) for p in problems if (d := directive_of(p)) is not None]
    if not marks:
        return problems
    rest = [p for p in problems if directive_of(p) is None]
    by_path: dict[str, list[tuple[int | None, str, str, set[str]]]] = {}
    for p, (scope, tokens) in marks:
        for token in tokens:
            by_path.setdefault(p.path, []).append((p.line, scope, token, codes([token])))
    used: set[tuple[str, int | None, str, str]] = set()
    kept = []
    for problem in rest:
        hits = {
            (problem.path, at, scope, token)
            for at, scope, token, named in by_path.get(problem.path, ())
            if problem.code in named and (scope == "ignore-file" or at == problem.line)
        }
        used |= hits
        if not hits:
            kept.append(problem)
    for p, (scope, tokens) in marks:
        idle = [t for t in tokens if (p.path, p.line, scope, t) not in used]
        if idle:
            kept.append(p._replace(message=UNUSED.format(scope=scope, tokens=", ".join(idle))))
    return kept


class Positioned(Protocol):
    """A file's text, and where its keys, values and list items are (lint's Document)."""

    @property
    def text(self) -> str: ...

    @property
    def positions(self) -> dict[str, Any]: ...


def with_comments(old: Positioned, new_text: str) -> str:
    """`new_text` (a canonical rewrite) with the old text's suppression comments put back.

    A file-wide one goes after the first line, a line one on the line that now holds
    the key, value or list item it stood beside. One with no such place is left out.
    The old positions are asked for only when there is such a comment: most files have
    none, and their positions would cost composing the file.
    """
    found = list(directives(old.text))
    if not found:
        return new_text
    from curate.lint.document import field_positions_of

    positions = old.positions

    new_positions = field_positions_of(new_text)
    lines = new_text.split("\n")
    extra: dict[int, list[str]] = {}
    header = [d.comment for d in found if d.in_header and d.scope == "ignore-file"]
    for d in found:
        if d.in_header and d.scope == "ignore-file":
            continue
        anchor = _anchor(positions, d.line)
        at = None if anchor is None else _line_at(new_positions, anchor)
        if at is None:  # left out: the fix then refuses, as for any comment it would lose
            continue
        extra.setdefault(at, []).append(d.comment)
    for at, comments in extra.items():
        lines[at - 1] += "".join(f"  {c}" for c in comments)
    return "\n".join([lines[0], *header, *lines[1:]])


Anchor = tuple[str, int | None, bool]  # key, list index, the key itself (not its value)


def _anchor(positions: dict[str, Any], line: int) -> Anchor | None:
    for key, (key_pos, value_pos, items) in positions.items():
        for index, item in enumerate(items):
            if item[0] == line:
                return (key, index, False)
        if value_pos[0] == line and not items:
            return (key, None, False)
        if key_pos[0] == line:
            return (key, None, True)
    return None


def _line_at(positions: dict[str, Any], anchor: Anchor) -> int | None:
    key, index, on_key = anchor
    where = positions.get(key)
    if where is None:
        return None
    key_pos, value_pos, items = where
    if index is not None:
        return items[index][0] if index < len(items) else None
    return int(key_pos[0] if on_key else value_pos[0])
