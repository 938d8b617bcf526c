"""The per-field tally (jobs.facet_tally.VALUE_TABLE): each facet value's published offers, kept by the triggers.

What /offres/ shows with nothing chosen, read from a few dozen rows instead
of grouping the combination tally five ways. Filled from the combination
tally; reversible.
"""

from django.db import migrations

from jobs import facet_tally
from core.migration_ops import vendor_sql


class Migration(migrations.Migration):
    dependencies = [("jobs", "0010_offer_city_index_covers_facets")]

    operations = [vendor_sql(facet_tally.VALUES_FORWARD, facet_tally.VALUES_BACKWARD)]
