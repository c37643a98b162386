"""A lint problem is a value: where, which record, which rule, how bad, what to do."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing
# compiles a NamedTuple's string annotations, and a process's first compile() costs a
# third of a `python -c pass`.

from typing import NamedTuple

ERROR = "error"
WARNING = "warning"


class Problem(NamedTuple):
    path: str
    line: int | None
    col: int | None
    record_id: str | None
    code: str
    rule: str
    severity: str
    message: str
    hint: str | None = None

    def location(self) -> str:
        parts = [self.path] + [str(p) for p in (self.line, self.col) if p is not None]
        return ":".join(parts)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line or 0, self.col or 0, self.code)

    def as_dict(self) -> dict[str, object]:
        return self._asdict()


def summary_line(problems: list[Problem], files: int) -> str:
    """The last line of the text format, with or without Rich."""
    errors = sum(p.severity == ERROR for p in problems)
    with_problems = len({p.path for p in problems})
    return f"{errors} error(s), {len(problems) - errors} warning(s) in {with_problems} of {files} file(s)"
