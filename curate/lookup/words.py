"""The index's word table: which records' names have a word, for family names and ids' leading words.

A record id's leading word ("mecasermin" of `mecasermin_igf1`) names the record only
while no other record's id, name or word has it; that is asked when a lookup meets
such a row, never stored, so an edit to any other record is seen at once.
"""

from __future__ import annotations

import sqlite3

from curate.lookup import names

_TOP = "\U0010ffff"


def lead_ok(db: sqlite3.Connection, rid: str) -> bool:
    """Whether the leading word of `rid` names no other record (by id, name or word)."""
    word = names.lead_word(rid)
    found = db.execute(
        "SELECT 1 FROM words WHERE word = ? AND id != ?"
        " UNION ALL SELECT 1 FROM names WHERE compact = ? AND id != ? LIMIT 1",
        (word, rid, names.compact(word), rid),
    ).fetchone()
    return bool(word) and found is None


def shared_lead(db: sqlite3.Connection, key: str, rid: str, name: str) -> bool:
    """Whether a fuzzy candidate (compact key, record id, name) is an id's leading word
    that another record shares: such a word names nothing."""
    return name == rid and key != names.key_of(rid) and not lead_ok(db, rid)


def shared_leads(db: sqlite3.Connection) -> set[str]:
    """Compact keys of leading words that another record's id, name or word also has."""
    return {
        key
        for (key,) in db.execute(
            "SELECT l.compact FROM names AS l WHERE l.lead = 1 AND ("
            " EXISTS (SELECT 1 FROM words AS w WHERE w.word = l.norm AND w.id != l.id)"
            " OR EXISTS (SELECT 1 FROM names AS n WHERE n.compact = l.compact AND n.id != l.id))"
        )
    }


def word_hits(
    db: sqlite3.Connection, word: str, prefix: bool, limit: int
) -> list[tuple[str, str, str, str]]:
    """(file, id, name, word) of names with this whole word, or a word starting with it."""
    if prefix:
        sql = "SELECT file, id, name, word FROM words WHERE word >= ? AND word < ? LIMIT ?"
        return db.execute(sql, (word, word + _TOP, limit)).fetchall()
    sql = "SELECT file, id, name, word FROM words WHERE word = ? LIMIT ?"
    return db.execute(sql, (word, limit)).fetchall()


def compact_prefix(db: sqlite3.Connection, key: str, limit: int) -> list[tuple[str, str, str, str]]:
    """(file, id, name, compact) of real names whose compact key starts with `key` (and is longer)."""
    return db.execute(
        "SELECT file, id, name, compact FROM names"
        " WHERE compact > ? AND compact < ? AND lead = 0 LIMIT ?",
        (key, key + _TOP, limit),
    ).fetchall()


def sharing(
    db: sqlite3.Connection,
    query_words: list[str],
    count: int,
    lengths: tuple[int, int],
    caps: tuple[int, int],
) -> list[tuple[str, str, str, str]]:
    """(file, id, name, norm) of real names of `count` words, a compact key of a length in
    `lengths`, of the records that have the query's rarest word, or its next rarest where
    that is rare too.

    A misspelt word is in no name, so the words names have are the ones to look up; the
    rarest gives the fewest rows to score. `caps`: a word in this many rows or more is
    too common to read ("10", "growth"); the next rarest is read too below the second.
    """
    common, second = caps
    found = sorted(
        (n, word) for word in set(query_words) if 0 < (n := _rows_with(db, word, common)) < common
    )
    picked = [w for i, (n, w) in enumerate(found[:2]) if i == 0 or n < second]
    rows: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for word in picked:
        for row in db.execute(
            "SELECT n.file, n.id, n.name, n.norm FROM words AS w"
            # The word table keeps one name a record has the word in: all its names are read.
            " JOIN names AS n ON n.file = w.file AND n.id = w.id"
            " WHERE w.word = ? AND n.lead = 0 AND n.len BETWEEN ? AND ?"
            " AND length(n.norm) - length(replace(n.norm, ' ', '')) = ?",
            (word, *lengths, count - 1),
        ):
            rows.setdefault((row[1], row[2]), row)
    return list(rows.values())


def _rows_with(db: sqlite3.Connection, word: str, cap: int) -> int:
    """How many rows of the word table have this word, counted up to `cap`."""
    sql = "SELECT COUNT(*) FROM (SELECT 1 FROM words WHERE word = ? LIMIT ?)"
    return int(db.execute(sql, (word, cap)).fetchone()[0])
