"""Which problems a run reports, and how severe: rule selection, per-file ignores, severities.

The engine finds every problem; a Policy (from the command line and the root's
configuration) then decides what is reported. Rule options (thresholds) change
what the rules find, so they are part of the lint cache's signature.
"""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing
# compiles a NamedTuple's string annotations, and a process's first compile() costs a
# third of a `python -c pass`.

from collections.abc import Mapping, Sequence
from fnmatch import fnmatchcase
from typing import Any, NamedTuple

from curate.errors import CurateError
from curate.lint import rules
from curate.lint.problem import Problem


def codes(tokens: Sequence[str]) -> set[str]:
    """Rule codes named by tokens: codes, prefixes (CU2) or names, comma-separated or not."""
    out: set[str] = set()
    for token in (t for chunk in tokens for t in chunk.split(",") if t.strip()):
        found = rules.codes_named(token)
        if not found:
            raise CurateError(f"unknown rule {token!r}; see `curate lint --list-rules`")
        out.update(found)
    return out


class Policy(NamedTuple):
    """Never mutated, so the empty defaults may be shared."""

    select: Sequence[str] | None = None  # None: every rule
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    severity: Mapping[str, str] = {}  # rule token -> error|warning|off
    per_file_ignores: Mapping[str, Sequence[str]] = {}  # glob -> rule tokens
    options: Mapping[str, Mapping[str, Any]] = {}  # rule name -> options

    def check(self) -> None:
        """Unknown rule names, and a selection that names no rule, fail before any work is done."""
        given = (("--select", self.select or ()), ("--extend-select", self.extend_select),
                 ("--ignore", self.ignore))  # fmt: skip
        for option, tokens in given:
            # `--select=` or `--select ,` would otherwise check nothing and pass.
            if tokens and not any(t.strip() for chunk in tokens for t in chunk.split(",")):
                raise CurateError(f"{option} names no rule; see `curate lint --list-rules`")
        codes([*(self.select or []), *self.extend_select, *self.ignore, *self.severity])
        for tokens in self.per_file_ignores.values():
            codes(tokens)

    def apply(self, problems: list[Problem]) -> list[Problem]:
        keep = codes(self.select) if self.select else set(rules.all_codes())
        keep |= codes(self.extend_select)
        keep -= codes(self.ignore)
        levels: dict[str, str] = {}
        for token, level in self.severity.items():
            levels.update(dict.fromkeys(codes([token]), level))
        per_file = [(glob, codes(tokens)) for glob, tokens in self.per_file_ignores.items()]
        out = []
        for p in problems:
            level = levels.get(p.code, p.severity)
            if p.code not in keep or level == "off":
                continue
            if any(p.code in dropped and fnmatchcase(p.path, g) for g, dropped in per_file):
                continue
            out.append(p if level == p.severity else p._replace(severity=level))
        return out
