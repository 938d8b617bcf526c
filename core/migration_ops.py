"""Migration operations shared by the apps."""

from django.db import migrations


def vendor_sql(forward: dict[str, list[str]], backward: dict[str, list[str]]) -> migrations.RunPython:
    """Raw SQL that differs per database (FTS tables, triggers, tallies), reversible: the statements listed for
    the migrating database's vendor, and none on a database not listed."""

    def run(statements_by_vendor):
        def operation(apps, schema_editor):
            for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
                schema_editor.execute(statement)

        return operation

    return migrations.RunPython(run(forward), run(backward))
