"""Job offers through the admin's import (preview, then confirm) and export."""

import csv
import io

import pytest
from django.urls import reverse

from careers.tests.factories import CareerFactory
from jobs.models import JobOffer
from jobs.tests.factories import EmployerFactory, JobOfferFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:jobs_joboffer_import")
CONFIRM_URL = reverse("admin:jobs_joboffer_process_import")
EXPORT_URL = reverse("admin:jobs_joboffer_export")
HEADER = ["slug", "title", "employer", "career", "salary_low", "description", "apply_url", "status"]


def csv_file(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    upload = io.BytesIO(out.getvalue().encode("utf-8"))
    upload.name = "offres.csv"
    return upload


def row(slug, career="data-scientist", salary="45000"):
    return [slug, "Data scientist", "acme", career, salary, "Le poste.", "https://example.org/postuler", "published"]


def export(client, url, query, fmt):
    """Post the export form as the admin shows it: every column ticked."""
    form = client.get(url).context["form"]
    columns = {name: "on" for name in form.fields if name not in {"format", "resource", "export_items"}}
    return client.post(f"{url}?{query}", {"format": fmt, **columns})


@pytest.fixture
def refs():
    EmployerFactory(slug="acme")
    CareerFactory(slug="data-scientist")


def test_moderator_imports_offers_as_drafts_after_a_preview(moderator_client, refs):
    response = moderator_client.post(IMPORT_URL, {"format": "0", "import_file": csv_file([row("a"), row("b")])})
    assert not JobOffer.objects.exists(), "the preview writes nothing"
    moderator_client.post(CONFIRM_URL, response.context["confirm_form"].initial)
    offers = JobOffer.objects.order_by("slug")
    assert [(o.slug, o.salary_low, o.status, o.career.slug) for o in offers] == [
        ("a", 45000, JobOffer.Status.DRAFT, "data-scientist"),
        ("b", 45000, JobOffer.Status.DRAFT, "data-scientist"),
    ], "the status column is ignored: offers are published by a moderator"


@pytest.mark.parametrize(
    ("bad", "column", "reason"),
    [
        (row("b", career="astronaute"), "career", "Métier inconnu(e) : « astronaute »."),
        (row("b", salary="beaucoup"), "salary_low", "« beaucoup » n’est pas un nombre."),
    ],
)
def test_one_bad_row_refuses_the_whole_file(moderator_client, refs, bad, column, reason):
    response = moderator_client.post(IMPORT_URL, {"format": "0", "import_file": csv_file([row("a"), bad])})
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2 and reason in invalid.error_dict[column][0]
    assert "confirm_form" not in response.context
    assert not JobOffer.objects.exists()


def test_export_gives_the_filtered_list_as_csv(moderator_client):
    JobOfferFactory(slug="ouverte")
    JobOfferFactory(slug="brouillon", draft=True)
    response = export(moderator_client, EXPORT_URL, "status__exact=published", "0")
    lines = response.content.decode("utf-8").splitlines()
    assert lines[0].startswith("slug,title,status")
    assert [line.split(",")[0] for line in lines[1:]] == ["ouverte"]
