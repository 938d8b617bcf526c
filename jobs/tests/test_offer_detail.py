import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from careers.tests.factories import CareerFactory
from jobs.models import JobOffer
from jobs.tests.factories import EmployerFactory, JobOfferFactory, days_ago
from portal.tests.helpers import json_ld_blocks

pytestmark = pytest.mark.django_db


def json_ld(response):
    [block] = [block for block in json_ld_blocks(response.text) if block["@type"] == "JobPosting"]
    return block


def test_offer_page_shows_the_offer_its_employer_career_and_how_to_apply(client):
    career = CareerFactory(title="Chef de projet IA")
    employer = EmployerFactory(name="Acme IA", sector="Industrie", city="Lyon")
    offer = JobOfferFactory(
        title="Chef de projet IA confirmé", employer=employer, career=career, city="Lyon", region="84",
        contract=JobOffer.Contract.CDD, salary_low=45000, salary_high=55000,
        apply_url="https://acme.example.org/postuler", apply_email="rh@acme.example.org",
        source=JobOffer.Source.APEC, source_url="https://www.apec.fr/offre/123",
    )  # fmt: skip
    response = client.get(offer.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert "<h1>Chef de projet IA confirmé</h1>" in text
    assert f'href="{employer.get_absolute_url()}"' in text and "Industrie" in text
    assert f'<a href="{career.get_absolute_url()}">Chef de projet IA</a>' in text
    assert "Lyon (Auvergne-Rhône-Alpes)" in text and "CDD" in text
    assert "45\xa0000\xa0€ – 55\xa0000\xa0€ brut par an" in text
    assert 'href="https://acme.example.org/postuler"' in text and 'href="mailto:rh@acme.example.org"' in text
    assert 'href="https://www.apec.fr/offre/123"' in text and "Apec" in text


def test_a_draft_career_is_neither_named_nor_linked(client):
    career = CareerFactory(title="Métier en préparation", slug="metier-en-preparation", draft=True)
    offer = JobOfferFactory(career=career)
    text = client.get(offer.get_absolute_url()).text
    assert "Métier en préparation" not in text and career.slug not in text


def test_description_markdown_is_rendered_and_sanitised(client):
    offer = JobOfferFactory(description="## Missions\n\n<script>alert(1)</script> [x](javascript:alert(1))")
    text = client.get(offer.get_absolute_url()).text
    assert "<h2>Missions</h2>" in text
    assert "<script>alert" not in text and "javascript:" not in text


def test_json_ld_follows_googles_job_posting_fields(client):
    employer = EmployerFactory(name="Acme IA", website="https://acme.example.org")
    offer = JobOfferFactory(
        title="Data scientist", employer=employer, description="Des **modèles** utiles.", city="Lyon", region="84",
        contract=JobOffer.Contract.CDI, salary_low=45000, salary_high=55000,
    )  # fmt: skip
    data = json_ld(client.get(offer.get_absolute_url()))
    assert data["@context"] == "https://schema.org/" and data["@type"] == "JobPosting"
    assert data["title"] == "Data scientist"
    assert data["description"] == "<p>Des <strong>modèles</strong> utiles.</p>"
    assert data["datePosted"] == timezone.localtime(offer.published_at).date().isoformat()
    assert datetime.datetime.fromisoformat(data["validThrough"]) == offer.expires_at
    assert data["employmentType"] == "FULL_TIME"
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "Acme IA", "sameAs": employer.website}
    assert data["jobLocation"] == {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress", "addressLocality": "Lyon", "addressRegion": "Auvergne-Rhône-Alpes",
            "addressCountry": "FR",
        },
    }  # fmt: skip
    assert "jobLocationType" not in data
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "minValue": 45000, "maxValue": 55000, "unitText": "YEAR"},
    }
    assert data["url"].endswith(offer.get_absolute_url())


def test_json_ld_for_a_remote_freelance_mission_without_place(client):
    offer = JobOfferFactory(
        contract=JobOffer.Contract.FREELANCE, remote=JobOffer.Remote.FULL, day_rate_low=700, day_rate_high=700
    )
    data = json_ld(client.get(offer.get_absolute_url()))
    assert data["employmentType"] == "CONTRACTOR"
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "FR"}
    assert "jobLocation" not in data
    assert data["baseSalary"]["value"] == {"@type": "QuantitativeValue", "value": 700, "unitText": "DAY"}


def test_json_ld_leaves_out_unknown_pay(client):
    data = json_ld(client.get(JobOfferFactory().get_absolute_url()))
    assert "baseSalary" not in data


def test_json_ld_cannot_be_broken_out_of(client):
    offer = JobOfferFactory(title="</script><script>alert(1)</script>")
    response = client.get(offer.get_absolute_url())
    assert json_ld(response)["title"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in response.text


@pytest.mark.parametrize("state", ["expired", "archived"])
def test_closed_offer_answers_410_without_json_ld_and_suggests_its_career(client, state):
    career = CareerFactory(title="Data scientist", slug="data-scientist")
    closed = JobOfferFactory(title="Offre close", career=career, **{state: True})
    JobOfferFactory(title="Même métier, ouverte", career=career)
    JobOfferFactory(title="Même métier, expirée", career=career, expired=True)
    JobOfferFactory(title="Autre métier", career=CareerFactory())
    response = client.get(closed.get_absolute_url())
    assert response.status_code == 410
    text = response.text
    assert "Cette offre n’est plus ouverte" in text
    assert "application/ld+json" not in text
    assert '<meta name="robots" content="noindex">' in text
    assert [o.title for o in response.context["suggestions"]] == ["Même métier, ouverte"]
    assert "Autre métier" not in text and "Même métier, expirée" not in text
    assert 'href="/offres/?metier=data-scientist"' in text


def test_expired_offer_says_when_it_expired(client):
    offer = JobOfferFactory(expired=True, expires_at=days_ago(3))
    text = client.get(offer.get_absolute_url()).text
    assert f"Elle a expiré le {date_format(timezone.localtime(offer.expires_at), 'j F Y')}." in text


def test_closed_offer_without_career_suggests_the_latest_open_offers(client):
    closed = JobOfferFactory(archived=True)
    JobOfferFactory(title="Ouverte ailleurs")
    response = client.get(closed.get_absolute_url())
    assert response.status_code == 410
    assert [o.title for o in response.context["suggestions"]] == ["Ouverte ailleurs"]


@pytest.mark.parametrize("trait", ["draft", "in_review"])
def test_unpublished_offer_is_not_found_for_the_public(client, trait):
    assert client.get(JobOfferFactory(**{trait: True}).get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_with_banner_and_no_json_ld(staff_client):
    response = staff_client.get(JobOfferFactory(draft=True).get_absolute_url())
    assert response.status_code == 200
    assert "banner-draft" in response.text and "application/ld+json" not in response.text


def test_unknown_slug_is_404(client):
    assert client.get("/offres/inconnue/").status_code == 404


@pytest.mark.parametrize("extra", [0, 20])
def test_query_count_is_constant(client, django_assert_num_queries, extra):
    career = CareerFactory()
    offer = JobOfferFactory(career=career)
    closed = JobOfferFactory(career=career, archived=True)
    JobOfferFactory.create_batch(extra, career=career)
    # 1 offer with its employer and career, and its open flag.
    with django_assert_num_queries(1):
        assert client.get(offer.get_absolute_url()).status_code == 200
    # The same, plus 1 for the suggested open offers of its career.
    with django_assert_num_queries(2):
        assert client.get(closed.get_absolute_url()).status_code == 410


def test_dates_are_machine_readable_without_microseconds(client):
    """HTML allows at most three decimals of a second in ``datetime``; the page shows days only."""
    published = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 30, 15, 123456))
    offer = JobOfferFactory(published_at=published, expires_at=published + datetime.timedelta(days=400))
    response = client.get(offer.get_absolute_url())
    assert '<time datetime="2026-03-02">' in response.text
    assert '<time datetime="2027-04-06">' in response.text
