"""The facet tallies (jobs.facet_tally): published offers per facet combination and per day, kept by triggers.

Created and filled from the existing offers; reversible. The index serves the
expired offers the tallies subtract until ``expire_offers`` archives them.
"""

import django.db.models.functions.comparison
from django.db import migrations, models

from jobs import facet_tally
from core.migration_ops import vendor_sql


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0003_review_and_history"),
        ("jobs", "0008_offer_facet_columns_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="joboffer",
            index=models.Index(
                django.db.models.functions.comparison.Coalesce("expires_at", "published_at"),
                models.F("contract"),
                models.F("region"),
                models.F("remote"),
                models.F("experience"),
                models.F("career"),
                models.F("published_at"),
                models.F("expires_at"),
                condition=models.Q(("status", "published")),
                name="job_offer_expiry_idx",
            ),
        ),
        # As the tallies were then: per combination and per day (0011 added the per-field one, 0012 made the
        # day tally hourly).
        vendor_sql(
            {vendor: facet_tally.forward(vendor, values=False, times=facet_tally.DAYS) for vendor in facet_tally.VENDORS},
            {vendor: facet_tally.backward(vendor) for vendor in facet_tally.VENDORS},
        ),
    ]
