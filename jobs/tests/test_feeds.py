import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.conf import settings
from django.urls import reverse

from careers.tests.factories import CareerFactory
from jobs.models import Employer, JobOffer
from jobs.tests.factories import JobOfferFactory, days_ago

pytestmark = pytest.mark.django_db
RSS = reverse("jobs:feed_rss")
ATOM = reverse("jobs:feed_atom")
ATOM_NS = {"atom": "http://www.w3.org/2005/Atom"}


def rss_titles(response):
    return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]


def atom_titles(response):
    return [entry.findtext("atom:title", namespaces=ATOM_NS) for entry in ET.fromstring(response.content).iter(
        "{http://www.w3.org/2005/Atom}entry"
    )]  # fmt: skip


def test_rss_lists_the_latest_open_offers(client):
    JobOfferFactory(title="Ancienne", employer__name="Acme", published_at=days_ago(5))
    recent = JobOfferFactory(title="Récente", employer__name="Acme", published_at=days_ago(1))
    JobOfferFactory(title="Expirée", expired=True)
    JobOfferFactory(title="Brouillon", draft=True)
    response = client.get(RSS)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss_titles(response) == ["Récente · Acme", "Ancienne · Acme"]
    item = ET.fromstring(response.content).find("channel/item")
    assert item.findtext("link") == f"{settings.SITE_URL}{recent.get_absolute_url()}"
    assert parsedate_to_datetime(item.findtext("pubDate")) == recent.published_at.replace(microsecond=0)


def test_atom_lists_the_same_offers(client):
    JobOfferFactory(title="Ouverte", employer__name="Acme")
    JobOfferFactory(title="Archivée", archived=True)
    response = client.get(ATOM)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom_titles(response) == ["Ouverte · Acme"]


@pytest.mark.parametrize("url", [RSS, ATOM])
def test_feeds_take_the_list_filters(client, url):
    career = CareerFactory(slug="data-scientist")
    JobOfferFactory(title="Bonne", employer__name="A", career=career, contract=JobOffer.Contract.CDI)
    JobOfferFactory(title="Autre contrat", employer__name="A", career=career, contract=JobOffer.Contract.STAGE)
    JobOfferFactory(title="Autre métier", employer__name="A", contract=JobOffer.Contract.CDI)
    response = client.get(url, {"metier": "data-scientist", "contrat": "cdi"})
    titles = rss_titles(response) if url == RSS else atom_titles(response)
    assert titles == ["Bonne · A"]
    assert b"/offres/?metier=data-scientist&amp;contrat=cdi" in response.content


@pytest.mark.parametrize("params", [{"salaire_min": "1e999"}, {"publie": "abc"}, {"q": "x" * 10_000}, {"page": "-3"}])
def test_bad_filter_values_are_ignored_not_a_500(client, params):
    JobOfferFactory(title="Toujours là", employer__name="A")
    response = client.get(RSS, params)
    assert response.status_code == 200
    assert rss_titles(response) == ["Toujours là · A"]


def test_item_carries_the_sanitised_description(client):
    JobOfferFactory(description="**Gras** <script>alert(1)</script>", city="<b>Lyon</b>")
    description = ET.fromstring(client.get(RSS).content).findtext("channel/item/description")
    assert "<strong>Gras</strong>" in description and "<script>" not in description
    assert "&lt;b&gt;Lyon&lt;/b&gt;" in description


@pytest.mark.parametrize("count", [1, 40])
def test_query_count_does_not_grow_with_offers(client, django_assert_num_queries, count):
    JobOfferFactory.create_batch(count)
    # 1 query: the latest open offers with employer and career.
    with django_assert_num_queries(1):
        client.get(RSS)


@pytest.mark.parametrize("url", [RSS, ATOM])
def test_a_control_character_stored_before_the_validator_does_not_break_the_feeds(client, url):
    """``QuerySet.update`` skips validation, as rows stored before the validator did."""
    offer = JobOfferFactory(title="Data scientist", employer__name="Acme")
    JobOffer.objects.filter(pk=offer.pk).update(
        title="Data\x01 scientist\x1b", description="Le poste.\x0b\n\nLa suite\x85."
    )
    Employer.objects.filter(pk=offer.employer_id).update(name="Ac\x1fme")
    response = client.get(url)
    assert response.status_code == 200
    titles = rss_titles(response) if url == RSS else atom_titles(response)
    assert titles == ["Data scientist · Acme"]
    assert b"La suite." in response.content
