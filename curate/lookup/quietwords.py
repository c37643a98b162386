"""The words scan's review found nothing to check in, kept per index generation.

A curator scans article after article against the same knowledge base, and most of
an article's words (the language's common words, the field's terms) were in earlier
ones: asking the fuzzy stage about each again was most of the review's time. A word's
verdict depends only on the word and the names in the index, so it is kept under
the index's generation (any edit to any record starts a new one) and the version of
curate; only "nothing to check" is kept, the few words with something to check are
asked again. Plain data in the one cache folder; damaged or foreign, it reads as empty.
"""

from __future__ import annotations

from curate import __version__
from curate.lookup.index import Index
from curate.repo import cache

CACHE_NAME = "review-quiet.marshal"
KEPT = 100_000  # words kept at most; past it the file starts again from one scan's words


class QuietWords:
    """What the review may skip, and what it found quiet this time."""

    __slots__ = ("fresh", "index", "signature", "words")

    def __init__(self, index: Index) -> None:
        self.index = index
        self.signature = f"{__version__}:{index.meta('generation') or 0}"
        data = cache.load(index.root, CACHE_NAME, self.signature)
        words = data.get("words")
        ok = isinstance(words, list) and all(type(word) is str for word in words)
        self.words: set[str] = set(words) if ok and isinstance(words, list) else set()
        self.fresh: list[str] = []

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def add(self, word: str) -> None:
        self.fresh.append(word)

    def save(self) -> None:
        """Best effort, and only when this scan found new ones."""
        if not self.fresh:
            return
        kept = self.words if len(self.words) + len(self.fresh) <= KEPT else set()
        kept.update(self.fresh[:KEPT])
        self.words, self.fresh = kept, []
        cache.save(self.index.root, CACHE_NAME, self.signature, {"words": list(kept)})
