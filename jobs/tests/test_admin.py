import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.tests.factories import CareerFactory
from jobs.models import Employer, JobOffer
from jobs.tests.factories import EmployerFactory, JobOfferFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:jobs_joboffer_changelist")


def offer_form(employer, **overrides):
    return {
        "title": "Ingénieur MLOps",
        "slug": "ingenieur-mlops",
        "employer": str(employer.pk),
        "career": "",
        "status": JobOffer.Status.DRAFT,
        "contract": JobOffer.Contract.CDI,
        "experience": JobOffer.Experience.CONFIRMED,
        "city": "Nantes",
        "region": "52",
        "remote": JobOffer.Remote.PARTIAL,
        "salary_low": "45000",
        "salary_high": "55000",
        "day_rate_low": "",
        "day_rate_high": "",
        "description": "Industrialiser les modèles.",
        "apply_url": "https://emploi.example.org/mlops",
        "apply_email": "",
        "source": JobOffer.Source.DIRECT,
        "source_url": "",
        "published_at_0": "",
        "published_at_1": "",
        "expires_at_0": "",
        "expires_at_1": "",
        **overrides,
    }


def test_add_a_draft_offer(admin_client):
    employer = EmployerFactory()
    response = admin_client.post(reverse("admin:jobs_joboffer_add"), offer_form(employer))
    assert response.status_code == 302, response.context["errors"] if response.context else response
    offer = JobOffer.objects.get(slug="ingenieur-mlops")
    assert (offer.salary_low, offer.salary_high, offer.published_at) == (45000, 55000, None)


def test_publishing_from_the_form_dates_the_offer(admin_client):
    employer = EmployerFactory()
    response = admin_client.post(
        reverse("admin:jobs_joboffer_add"), offer_form(employer, status=JobOffer.Status.PUBLISHED)
    )
    assert response.status_code == 302
    offer = JobOffer.objects.open().get()
    assert offer.expires_at - offer.published_at == datetime.timedelta(days=60)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"salary_low": "60000"}, "Le salaire minimum ne peut pas dépasser le salaire maximum."),
        ({"day_rate_low": "900", "day_rate_high": "700"}, "Le tarif journalier minimum ne peut pas dépasser"),
        ({"apply_url": ""}, "Indiquez une adresse web ou un e-mail pour postuler."),
    ],
)
def test_inconsistent_offer_is_refused_with_a_message(admin_client, overrides, message):
    response = admin_client.post(reverse("admin:jobs_joboffer_add"), offer_form(EmployerFactory(), **overrides))
    assert response.status_code == 200
    assert message in response.text
    assert not JobOffer.objects.exists()


def select(admin_client, action, offers):
    return admin_client.post(
        CHANGELIST, {"action": action, "_selected_action": [str(o.pk) for o in offers]}, follow=True
    )


def test_publish_action_opens_drafts(admin_client):
    drafts = JobOfferFactory.create_batch(2, draft=True)
    response = select(admin_client, "publish_selected", drafts)
    assert "2 éléments publiés" in response.text
    assert JobOffer.objects.open().count() == 2


def test_archive_action_closes_offers(admin_client):
    offers = JobOfferFactory.create_batch(2)
    response = select(admin_client, "archive_selected", offers)
    assert "2 offres archivées" in response.text
    assert not JobOffer.objects.open().exists()
    assert JobOffer.objects.filter(status=JobOffer.Status.ARCHIVED).count() == 2


def test_extend_action_adds_30_days(admin_client):
    offer = JobOfferFactory()
    expired = JobOfferFactory(expired=True)
    expiry = offer.expires_at
    response = select(admin_client, "extend_selected", [offer, expired])
    assert "2 offres prolongées de 30 jours" in response.text
    offer.refresh_from_db()
    expired.refresh_from_db()
    assert offer.expires_at == expiry + datetime.timedelta(days=30)
    assert expired.expires_at > timezone.now() + datetime.timedelta(days=29)


@pytest.mark.parametrize(("value", "expected"), [("ouverte", "Ouverte"), ("expiree", "Expirée")])
def test_open_and_expired_list_filter(admin_client, value, expected):
    JobOfferFactory(title="Ouverte")
    JobOfferFactory(title="Expirée", expired=True)
    JobOfferFactory(title="Brouillon", draft=True)
    response = admin_client.get(CHANGELIST, {"ouverture": value})
    assert [o.title for o in response.context["cl"].result_list] == [expected]


def test_changelist_filters_and_search_by_employer(admin_client):
    career = CareerFactory()
    JobOfferFactory(title="Chez Acme", employer=EmployerFactory(name="Acme"), career=career)
    JobOfferFactory(title="Ailleurs")
    response = admin_client.get(
        CHANGELIST,
        {"q": "acme", "status": "published", "contract": "cdi", "career__id__exact": career.pk, "source": "direct"},
    )
    assert response.status_code == 200
    assert [o.title for o in response.context["cl"].result_list] == ["Chez Acme"]


def test_date_hierarchy_on_publication(admin_client):
    offer = JobOfferFactory()
    year = timezone.localtime(offer.published_at).year
    response = admin_client.get(CHANGELIST, {"published_at__year": year})
    assert response.status_code == 200 and offer.title in response.text


@pytest.mark.parametrize(("model_name", "field_name"), [("joboffer", "employer"), ("joboffer", "career")])
def test_autocomplete_for_employer_and_career(admin_client, model_name, field_name):
    EmployerFactory(name="Acme IA")
    CareerFactory(title="Acme métier")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "jobs", "model_name": model_name, "field_name": field_name, "term": "Acme"},
    )
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_employer_page_lists_its_offers_read_only(admin_client):
    employer = EmployerFactory()
    JobOfferFactory(employer=employer, title="Offre visible")
    response = admin_client.get(reverse("admin:jobs_employer_change", args=[employer.pk]))
    assert response.status_code == 200
    assert "Offre visible" in response.text
    assert 'name="offers-0-title"' not in response.text, "the inline must not be editable"
    assert 'name="offers-TOTAL_FORMS"' in response.text


def test_deleting_an_employer_with_offers_is_refused_and_explained(admin_client):
    offer = JobOfferFactory(archived=True)
    url = reverse("admin:jobs_employer_delete", args=[offer.employer.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "Un employeur qui a des offres ne peut pas être supprimé" in response.text
    assert Employer.objects.filter(pk=offer.employer.pk).exists()


def test_deleting_an_employer_without_offers_works(admin_client):
    employer = EmployerFactory()
    response = admin_client.post(reverse("admin:jobs_employer_delete", args=[employer.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Employer.objects.exists()


def test_employer_changelist_counts_offers(admin_client):
    employer = EmployerFactory(name="Acme")
    JobOfferFactory.create_batch(2, employer=employer)
    response = admin_client.get(reverse("admin:jobs_employer_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_list[0].offer_total == 2
