"""The facet tallies (jobs.facet_tally): published offers per facet combination and per day, kept by triggers.

Created and filled from the existing offers; reversible. The index serves the
expired offers the tallies subtract until ``expire_offers`` archives them.
"""

import django.db.models.functions.comparison
from django.db import migrations, models

from jobs import facet_tally
from portal.migration_ops import vendor_sql


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
        vendor_sql(
            {"sqlite": facet_tally.SQLITE_FORWARD, "postgresql": facet_tally.POSTGRESQL_FORWARD},
            {"sqlite": facet_tally.SQLITE_BACKWARD, "postgresql": facet_tally.POSTGRESQL_BACKWARD},
        ),
    ]
