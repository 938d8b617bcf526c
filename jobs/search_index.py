"""The trigram index behind ``JobOffer.search_text`` (?q= on /offres/), per database.

SQLite: an FTS5 table with the trigram tokenizer, external content on
jobs_joboffer, kept in step by triggers. PostgreSQL: pg_trgm's GIN index,
maintained by PostgreSQL itself. Migration 0003 creates them.
"""

from contextlib import contextmanager

from django.db import connection

TABLE = "jobs_joboffer_search"
# A fixed statement: the searched text only travels as a parameter.
# MATCH of a quoted phrase reads the trigram index alone (the positions say the
# trigrams are adjacent), where GLOB re-read each candidate's text from the
# offers table: five times slower for a common word.
SQLITE_MATCH = "SELECT rowid FROM jobs_joboffer_search WHERE jobs_joboffer_search MATCH %s"
# The match as a condition on the offers table. The unary + keeps SQLite from
# driving the query from the match (one table lookup per matching offer: 60 ms
# for a word in most offers, in each of a page's queries); it reads the filters'
# and the sort's indexes instead and probes the match, built once per query.
SQLITE_CONDITION = f'+"jobs_joboffer"."id" IN ({SQLITE_MATCH})'
# A search among this many offers at most (what its other filters let through) reads their text instead of
# the index: the index's cost follows how many offers hold the word, and a word in most offers ("data": 62 000
# of 100 000) cost 170 million instructions to look up, where reading the text of 600 offers cost 4 million,
# and of 10 000 at most 50 million whatever the word. PostgreSQL's planner makes that choice itself.
SCAN_LIMIT = 10_000
# Shorter words are matched whole: a trigram index cannot look up two letters,
# and "ia" inside "specialiste" or "media" is not what anyone searching "IA" means.
SHORT_WORD = 3

SQLITE_TRIGGERS = [
    "CREATE TRIGGER jobs_joboffer_search_insert AFTER INSERT ON jobs_joboffer BEGIN "
    "INSERT INTO jobs_joboffer_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER jobs_joboffer_search_delete AFTER DELETE ON jobs_joboffer BEGIN "
    "INSERT INTO jobs_joboffer_search(jobs_joboffer_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER jobs_joboffer_search_update AFTER UPDATE OF search_text ON jobs_joboffer BEGIN "
    "INSERT INTO jobs_joboffer_search(jobs_joboffer_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO jobs_joboffer_search(rowid, search_text) VALUES (new.id, new.search_text); END",
]
SQLITE_DROP_TRIGGERS = [
    "DROP TRIGGER IF EXISTS jobs_joboffer_search_update",
    "DROP TRIGGER IF EXISTS jobs_joboffer_search_delete",
    "DROP TRIGGER IF EXISTS jobs_joboffer_search_insert",
]
SQLITE_REBUILD = "INSERT INTO jobs_joboffer_search(jobs_joboffer_search) VALUES ('rebuild')"
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE jobs_joboffer_search USING fts5("
    "search_text, content='jobs_joboffer', content_rowid='id', tokenize='trigram')",
    *SQLITE_TRIGGERS,
    SQLITE_REBUILD,
]
SQLITE_BACKWARD = [*SQLITE_DROP_TRIGGERS, "DROP TABLE IF EXISTS jobs_joboffer_search"]

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # ?q= on /offres/: LIKE '%word%' on the folded search text.
    "CREATE INDEX job_offer_search_trgm_idx ON jobs_joboffer USING gin (search_text gin_trgm_ops)",
]
# The extension stays: other objects may use it, and dropping it needs more rights than creating it.
POSTGRESQL_BACKWARD = ["DROP INDEX IF EXISTS job_offer_search_trgm_idx"]


def search_text(words: list[str]) -> str:
    """What ``JobOffer.search_text`` stores: the folded words, a space before and after each."""
    return f" {' '.join(words)} "


def needle(word: str) -> str:
    """The text to find in ``search_text`` for one searched word: itself, or itself between spaces when short."""
    return f" {word} " if len(word) < SHORT_WORD else word


def phrase(text: str) -> str:
    """``text`` as an FTS5 phrase: double quotes, inner quotes doubled; nothing in it is an operator."""
    return '"' + text.replace('"', '""') + '"'


@contextmanager
def suspended():
    """For bulk writes of many offers: on SQLite, index once at the end instead of row by row.

    Rebuilding the FTS5 table in one pass is several times faster than its
    triggers firing for each of 100 000 inserted or deleted rows. Other
    databases maintain their index themselves; this does nothing there.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        for statement in SQLITE_DROP_TRIGGERS:
            cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(SQLITE_REBUILD)
            for statement in SQLITE_TRIGGERS:
                cursor.execute(statement)
