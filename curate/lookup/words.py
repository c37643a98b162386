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
