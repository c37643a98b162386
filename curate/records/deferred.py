"""Regular expressions compiled when first used, not when their module is imported.

A module-level pattern is compiled by every command that imports its module; many
are there for one path (a card's lines are parsed by `add`, yet `show` imports the
card module to render). A stand-in compiles on first use and from then on hands
out the compiled pattern's own methods, as fast as the pattern itself.
"""

from __future__ import annotations

import re
from typing import Any, cast


class OnFirstUse:
    """A compiled pattern's stand-in: compiles when first used, then is the pattern."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        value = getattr(re.compile(*self._source), name)
        setattr(self, name, value)  # found directly from now on
        return value


def pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, done on first use (typed as what it stands in for)."""
    return cast("re.Pattern[str]", OnFirstUse(source, flags))
