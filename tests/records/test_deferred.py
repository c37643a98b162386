"""Patterns compiled on first use."""

from __future__ import annotations

import re

from curate.records import deferred


def test_a_deferred_pattern_is_the_pattern_once_used() -> None:
    found = deferred.pattern(r"[^a-z]", re.IGNORECASE)
    assert "search" not in vars(found)  # nothing compiled yet
    assert found.search("abc1") is not None
    assert found.search("ABC") is None  # the flags were kept
    assert "search" in vars(found)  # looked up directly from now on
    assert found.pattern == "[^a-z]"
    assert found.sub("-", "a1b2") == "a-b-"
