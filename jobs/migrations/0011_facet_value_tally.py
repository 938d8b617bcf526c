"""The per-field tally (jobs.facet_tally.VALUE_TABLE): each facet value's published offers, kept by the triggers.

What /offres/ shows with nothing chosen, read from a few dozen rows instead
of grouping the combination tally five ways. Filled from the combination
tally; reversible.
"""

from django.db import migrations

from jobs import facet_tally


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("jobs", "0010_offer_city_index_covers_facets")]

    operations = [migrations.RunPython(run(facet_tally.VALUES_FORWARD), run(facet_tally.VALUES_BACKWARD))]
