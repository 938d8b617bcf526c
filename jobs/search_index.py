"""The trigram index behind ``JobOffer.search_text`` (?q= on /offres/), per database.

SQLite: an FTS5 table with the trigram tokenizer, external content on
jobs_joboffer, kept in step by triggers. PostgreSQL: pg_trgm's GIN index,
maintained by PostgreSQL itself. Migration 0003 creates them.
"""

from contextlib import contextmanager

from django.db import connection

TABLE = "jobs_joboffer_search"
# Fixed statements: the searched word only travels as a parameter.
# MATCH of a quoted phrase reads the trigram index alone (the positions say the
# trigrams are adjacent); GLOB must re-read each candidate's text from the
# offers table, five times slower for a common word. The trigram tokenizer
# indexes nothing shorter than three characters, so shorter words use GLOB.
SQLITE_MATCH = "SELECT rowid FROM jobs_joboffer_search WHERE jobs_joboffer_search MATCH %s"
SQLITE_GLOB = "SELECT rowid FROM jobs_joboffer_search WHERE search_text GLOB %s"
TRIGRAM = 3

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


def sqlite_lookup(word: str) -> tuple[str, str]:
    """The statement and parameter that find the rows whose folded text contains ``word``."""
    if len(word) >= TRIGRAM:
        return SQLITE_MATCH, phrase(word)
    return SQLITE_GLOB, glob_pattern(word)


def phrase(word: str) -> str:
    """``word`` as an FTS5 phrase: double quotes, inner quotes doubled; nothing in it is an operator."""
    return '"' + word.replace('"', '""') + '"'


def glob_pattern(word: str) -> str:
    """``*word*`` with GLOB's own special characters taken literally."""
    return "*" + "".join(f"[{c}]" if c in "*?[" else c for c in word) + "*"


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
