"""An imported offer on its page, in the API, in its JobPosting markup and in the staff's review queue."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from careers.tests.factories import CareerFactory
from core.models import DataSource
from jobs.importers import francetravail
from jobs.models import JobOffer
from jobs.tests.francetravail_fake import offer_record
from portal.tests.helpers import json_ld_blocks

pytestmark = pytest.mark.django_db


def import_file(tmp_path, *records, publish=True):
    DataSource.objects.get_or_create(
        key=francetravail.SOURCE_KEY, defaults={**francetravail.SOURCE_DEFAULTS, "publish_at_once": publish}
    )
    CareerFactory(title="Data scientist", rome_codes="M1405")
    path = tmp_path / "recherche.json"
    path.write_text(json.dumps({"resultats": list(records)}))
    call_command("import_offers", "francetravail", "--file", str(path), stdout=io.StringIO())


def test_the_page_names_the_source_the_id_there_and_the_read_date(tmp_path, client):
    import_file(tmp_path, offer_record(1, dureeTravailLibelleConverti="Temps partiel"))
    offer = JobOffer.objects.get()
    text = client.get(offer.get_absolute_url()).text
    assert "Importée de Offres d’emploi France Travail (offre n° 190001X)" in text
    assert "lue le <time" in text and 'créée à la source le <time datetime="2026-11-01">1er novembre 2026' in text
    assert "Annuel de 45000,00 Euros à 55000,00 Euros sur 12 mois" in text
    assert "Temps partiel" in text and "69 - LYON 03" not in text and "75 - PARIS 11 (75011)" in text
    assert 'href="https://candidat.francetravail.fr/offres/recherche/detail/190001X"' in text
    assert "Postuler sur le site de l’annonce d’origine" in text  # not "de l’employeur": it may be a relay
    # The API does not say whether the job allows remote work: not "Sur site" by default.
    assert offer.remote == JobOffer.Remote.UNKNOWN and "Télétravail non précisé" in text


def test_the_api_names_the_source_the_id_there_and_the_read_date(tmp_path, client):
    import_file(tmp_path, offer_record(1))
    offer = JobOffer.objects.get()
    [listed] = client.get(reverse("api:offer-list")).json()["results"]
    assert listed["imported_from"]["source"] == "Offres d’emploi France Travail"
    assert listed["imported_from"]["id"] == "190001X" and listed["imported_from"]["read_at"]
    detail = client.get(reverse("api:offer-detail", args=[offer.slug])).json()
    assert detail["imported_from"]["created_at"].startswith("2026-11-01T")
    assert (detail["postcode"], detail["insee_code"]) == ("75011", "75111")
    assert detail["salary_label"].startswith("Annuel de 45000")


def test_an_offer_typed_by_staff_names_no_import(client):
    from jobs.tests.factories import JobOfferFactory

    offer = JobOfferFactory()
    assert client.get(reverse("api:offer-detail", args=[offer.slug])).json()["imported_from"] is None


def test_job_posting_markup_keeps_to_googles_fields(tmp_path, client):
    import_file(tmp_path, offer_record(1, dureeTravailLibelleConverti="Temps partiel"))
    offer = JobOffer.objects.get()
    [data] = [b for b in json_ld_blocks(client.get(offer.get_absolute_url()).text) if b["@type"] == "JobPosting"]
    assert data["datePosted"] == "2026-11-01"  # when France Travail created it
    assert data["employmentType"] == "PART_TIME"
    assert data["hiringOrganization"]["name"] == "Société d’essai 1"
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "FR",
        "addressLocality": "Paris 11",
        "postalCode": "75011",
        "addressRegion": "Île-de-France",
    }
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "YEAR",
        "minValue": 45000,
        "maxValue": 55000,
    }
    assert "validThrough" in data


def test_a_monthly_salary_gives_no_base_salary(tmp_path, client):
    import_file(tmp_path, offer_record(1, salaire={"libelle": "Mensuel de 3000,00 Euros sur 12 mois"}))
    offer = JobOffer.objects.get()
    [data] = [b for b in json_ld_blocks(client.get(offer.get_absolute_url()).text) if b["@type"] == "JobPosting"]
    assert "baseSalary" not in data


def test_offers_waiting_for_review_are_listed_for_moderators(tmp_path, client, moderator):
    import_file(tmp_path, offer_record(1), publish=False)
    client.force_login(moderator)
    text = client.get(reverse("admin:review")).text
    assert "Offres importées en attente de relecture" in text and "offre n° 190001X à la source" in text


def test_the_admin_shows_the_provenance_read_only(tmp_path, admin_client):
    import_file(tmp_path, offer_record(1))
    offer = JobOffer.objects.get()
    page = admin_client.get(reverse("admin:jobs_joboffer_change", args=[offer.pk]))
    assert page.status_code == 200 and "190001X" in page.text
    assert "external_id" not in page.context["adminform"].form.fields


def test_staff_list_the_offers_of_a_source(tmp_path, admin_client):
    import_file(tmp_path, offer_record(1))
    source = DataSource.objects.get()
    page = admin_client.get(reverse("admin:jobs_joboffer_changelist"), {"data_source__id__exact": source.pk})
    assert page.status_code == 200 and "Data scientist H/F n° 1" in page.text
