"""Search text as folded words between spaces, with the city: short words can then be matched whole.

Recomputes ``search_text`` for every offer (the SQLite triggers keep the FTS
table in step). Going back leaves the new text, which the old code searches
just as well.
"""

from django.db import migrations

from jobs.search_index import search_text
from core.text import search_words

BATCH = 2_000


def refill_search_text(apps, schema_editor):
    JobOffer = apps.get_model("jobs", "JobOffer")
    offers = JobOffer.objects.select_related("employer").only("title", "city", "description", "employer__name")
    batch = []
    for offer in offers.order_by("pk").iterator(chunk_size=BATCH):
        text = f"{offer.title} {offer.employer.name} {offer.city} {offer.description}"
        offer.search_text = search_text(search_words(text))
        batch.append(offer)
        if len(batch) == BATCH:
            JobOffer.objects.bulk_update(batch, ["search_text"])
            batch = []
    JobOffer.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("jobs", "0006_offer_indexes_cover_open_check")]

    operations = [migrations.RunPython(refill_search_text, migrations.RunPython.noop)]
