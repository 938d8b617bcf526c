"""PostgreSQL's side of ``core.search``: the extensions, an immutable unaccent, the search configuration.

``french_unaccent`` reads French text with accents removed and every word
kept whole, as SQLite's search reads it: the French stemmer gives "data" and
"date" one stem, "données" and "donner" another, and a stop word dropped
from a query ("de", "l'") would leave a word that matches nothing. ``capia_unaccent`` is
``unaccent`` declared immutable, so indexes and generated columns may use it
(``core.search.Folded``). The GIN expression indexes that portal's former
migration built by hand are dropped: each model now declares its own.
Nothing here runs on SQLite, which folds text with Python functions.
"""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations


class Extension(CreateExtension):
    """Django's, left in place backwards: other objects of the database may use it (and Django's own
    backwards step queries PostgreSQL's catalogue even on SQLite)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


OLD_INDEXES = [
    "career_search_idx",
    "skill_search_idx",
    "mission_search_idx",
    "programme_search_idx",
    "provider_search_idx",
    "path_search_idx",
    "city_search_idx",
    "job_offer_search_idx",
    "employer_search_idx",
]

FORWARD = [
    "CREATE OR REPLACE FUNCTION capia_unaccent(text) RETURNS text "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT public.unaccent('public.unaccent', $1) $$",
    "DO $$ BEGIN "
    "IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN "
    "CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = pg_catalog.french); "
    "END IF; END $$",
    "ALTER TEXT SEARCH CONFIGURATION french_unaccent ALTER MAPPING FOR "
    "asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple",
    *(f"DROP INDEX IF EXISTS {index}" for index in OLD_INDEXES),
]
BACKWARD = [
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent",
    "DROP FUNCTION IF EXISTS capia_unaccent(text)",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("core", "0002_revision")]

    operations = [
        Extension("unaccent"),
        Extension("pg_trgm"),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
