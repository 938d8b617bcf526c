"""Index JobOffer.search_text by trigrams, so ?q= on /offres/ reads an index instead of every description.

- SQLite: an FTS5 table with the trigram tokenizer (substring GLOB/LIKE
  through the index), external content on jobs_joboffer, kept in step by
  triggers.
- PostgreSQL: pg_trgm and a GIN trigram index, which serves LIKE '%word%'.

Both are reversible; on any other database this migration does nothing.
Existing rows get their search text first.
"""

from django.db import migrations

from jobs.search_index import POSTGRESQL_BACKWARD, POSTGRESQL_FORWARD, SQLITE_BACKWARD, SQLITE_FORWARD
from core.migration_ops import vendor_sql
from core.text import fold

def fill_search_text(apps, schema_editor):
    JobOffer = apps.get_model("jobs", "JobOffer")
    offers = list(JobOffer.objects.select_related("employer").only("title", "description", "employer__name"))
    for offer in offers:
        offer.search_text = fold(f"{offer.title} {offer.employer.name} {offer.description}")
    JobOffer.objects.bulk_update(offers, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0002_demo_data_flag")]

    operations = [
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        vendor_sql(
            {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD},
            {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD},
        ),
    ]
