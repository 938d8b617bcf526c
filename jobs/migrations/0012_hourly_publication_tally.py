"""The publication tally (jobs.facet_tally.HOURS) per UTC hour instead of per UTC day.

A publication window ("7 derniers jours") starts inside one of the tally's
units and reads that unit's part live: an hour of offers instead of up to a
day (~10 000 at 1 000 000 offers, 4 ms per window on PostgreSQL). The
tallies and their triggers are made again and refilled from the offers;
reversible.
"""

from django.db import migrations

from jobs import facet_tally
from core.migration_ops import vendor_sql


class Migration(migrations.Migration):
    dependencies = [("jobs", "0011_facet_value_tally")]

    operations = [
        vendor_sql(
            {vendor: [*facet_tally.backward(vendor), *facet_tally.forward(vendor)] for vendor in facet_tally.VENDORS},
            {
                vendor: [*facet_tally.backward(vendor), *facet_tally.forward(vendor, times=facet_tally.DAYS)]
                for vendor in facet_tally.VENDORS
            },
        )
    ]
