"""/api/v1/careers/ and /api/v1/careers/<slug>/: published careers, the page's filters, sourced figures."""

import pytest
from django.urls import reverse

from careers.models import Career, PayFigure
from careers.tests.factories import (
    CareerFactory,
    FAQEntryFactory,
    MarketFigureFactory,
    PayFigureFactory,
    SectorFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db
LIST = "/api/v1/careers/"


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


def test_lists_published_careers_best_paid_first(client):
    PayFigureFactory(career=CareerFactory(slug="moyen"), amount_high=50000)
    PayFigureFactory(career=CareerFactory(slug="haut"), amount_high=90000)
    CareerFactory(slug="sans-chiffre")
    CareerFactory(slug="brouillon", draft=True)
    CareerFactory(slug="relecture", status=Career.Status.REVIEW)
    response = client.get(LIST)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == 3
    assert slugs(response) == ["haut", "moyen", "sans-chiffre"]
    first = body["results"][0]
    assert first["pay_low"] == 40000 and first["pay_high"] == 90000
    assert first["api_url"] == "http://testserver/api/v1/careers/haut/"
    assert first["page_url"].endswith("/metiers/haut/")


def test_filters_by_sector_family_minimum_salary_and_sorts_by_name(client):
    data = SectorFactory(slug="donnees")
    family = CareerFactory(slug="famille")
    child = CareerFactory(slug="b-enfant", title="Bêta", parent=family)
    child.sectors.add(data)
    grandchild = CareerFactory(slug="a-petit-enfant", title="Alpha", parent=child)
    PayFigureFactory(career=grandchild, amount_low=30000, amount_high=35000)
    PayFigureFactory(career=child, amount_high=70000)

    assert slugs(client.get(LIST, {"secteur": "donnees"})) == ["b-enfant"]
    assert slugs(client.get(LIST, {"famille": "famille", "tri": "nom"})) == ["a-petit-enfant", "b-enfant"]
    assert slugs(client.get(LIST, {"salaire_min": 60000})) == ["b-enfant"]
    assert slugs(client.get(LIST, {"tri": "salaire"}))[:2] == ["b-enfant", "a-petit-enfant"]


def test_invalid_filters_answer_400_naming_each_parameter(client):
    response = client.get(LIST, {"secteur": "inconnu", "salaire_min": "-5", "tri": "hasard", "famille": ""})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    errors = response.json()["errors"]
    assert set(errors) == {"secteur", "salaire_min", "tri"}


def test_profile_carries_pay_and_market_figures_with_their_sources(client):
    career = CareerFactory(slug="chef", parent=CareerFactory(slug="brouillon-parent", draft=True))
    apec = SourceFactory(slug="apec", publisher="Apec")
    malt = SourceFactory(slug="malt", publisher="Malt")
    PayFigureFactory(career=career, source=apec, amount_low=45000, amount_high=60000)
    PayFigureFactory(career=career, source=malt, kind=PayFigure.Kind.DAY_RATE, amount_low=500, amount_high=700)
    MarketFigureFactory(career=career, source=apec, offer_count=1200)
    FAQEntryFactory(career=career, question="Faut-il coder ?", answer="**Un peu.**")
    FAQEntryFactory(career=career, question="Sans réponse ?", answer="")

    response = client.get(f"{LIST}chef/")
    assert response.status_code == 200
    body = response.json()
    assert body["family"] is None, "an unpublished parent is not revealed"
    assert [(f["kind"], f["amount_low"], f["source"]) for f in body["pay_figures"]] == [
        ("day_rate", 500, "malt"),
        ("salary", 45000, "apec"),
    ]
    assert body["market_figures"] == [
        {
            "offer_count": 1200,
            "approximate": True,
            "observed_on": "2025-10-01",
            "platforms": "LinkedIn, Apec",
            "source": "apec",
        }
    ]
    assert sorted(source["slug"] for source in body["sources"]) == ["apec", "malt"]
    assert body["faq"] == [
        {"question": "Faut-il coder ?", "answer": "**Un peu.**", "answer_html": "<p><strong>Un peu.</strong></p>"}
    ]
    assert body["pay_low"] == 45000 and body["pay_high"] == 60000


def test_unpublished_or_unknown_profile_answers_404_json(client):
    CareerFactory(slug="cache", draft=True)
    for slug in ["cache", "inconnu"]:
        response = client.get(f"{LIST}{slug}/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]


def test_profile_has_an_etag_and_answers_304_when_unchanged(client):
    career = CareerFactory(slug="chef")
    first = client.get(f"{LIST}chef/")
    etag = first["ETag"]
    assert etag and "max-age=300" in first["Cache-Control"]

    again = client.get(f"{LIST}chef/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""

    PayFigureFactory(career=career)
    changed = client.get(f"{LIST}chef/", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_page_and_api_give_the_same_careers_for_the_same_query(client):
    sector = SectorFactory(slug="sante")
    for index in range(25):
        career = CareerFactory(slug=f"metier-{index:02d}")
        PayFigureFactory(career=career, amount_low=None, amount_high=30000 + 1000 * index)
        if index % 2:
            career.sectors.add(sector)
    for query in ["", "tri=nom", "secteur=sante&salaire_min=40000", "tri=nom&page=2"]:
        page = client.get(f"{reverse('careers:list')}?{query}")
        api = client.get(f"{LIST}?{query}")
        assert [career.slug for career in page.context["careers"]] == slugs(api), query


@pytest.mark.parametrize("page_size", [2, 50])
def test_list_query_count_does_not_grow_with_page_size(client, django_assert_num_queries, page_size):
    sector = SectorFactory()
    for _ in range(60):
        career = CareerFactory()
        career.sectors.add(sector)
        PayFigureFactory(career=career)
    # 1 count, 1 page of careers with their pay range, 1 prefetch of sectors.
    with django_assert_num_queries(3):
        response = client.get(LIST, {"page_size": page_size})
    assert len(response.json()["results"]) == page_size


@pytest.mark.parametrize("figures", [1, 30])
def test_profile_query_count_does_not_grow_with_figures(client, django_assert_num_queries, figures):
    career = CareerFactory(slug="chef")
    PayFigureFactory.create_batch(figures, career=career)
    MarketFigureFactory.create_batch(figures, career=career)
    FAQEntryFactory.create_batch(figures, career=career)
    # 1 career with its parents, 1 each for its sectors, skills, pay figures (+ sources) and market figures
    # (+ sources), 1 for its missions, certifications and answered questions together (Career.lists), 1 for
    # its related careers (Career.neighbours).
    with django_assert_num_queries(7):
        response = client.get(f"{LIST}chef/")
    assert len(response.json()["pay_figures"]) == figures
