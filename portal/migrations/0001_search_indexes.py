"""PostgreSQL full-text search: a French configuration that ignores accents, and GIN indexes.

``french_unaccent`` is the French configuration with ``unaccent`` run before
the stemmer, so "securite" and "Sécurité" give the same lexeme. Each GIN
index is built on the document ``portal.search`` queries, so /recherche/
reads an index rather than every row. SQLite has none of this and is left
alone: ``portal.search`` folds accents there instead.
"""

from django.db import migrations

from portal.search import DOCUMENTS, index_expression


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(
        "DO $$ BEGIN "
        "IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN "
        "CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french); "
        "ALTER TEXT SEARCH CONFIGURATION french_unaccent "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem; "
        "END IF; END $$"
    )
    for table, (index, _template, _columns) in DOCUMENTS.items():
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {index} ON "{table}" USING gin (({index_expression(table)}))')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index, _template, _columns in DOCUMENTS.values():
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
    # The extension stays: other databases objects may use unaccent.
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent")


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0001_initial"),
        ("training", "0001_initial"),
        ("jobs", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
