"""/api/v1/offers/, /api/v1/offers/<slug>/ and /api/v1/employers/: open offers only, the board's filters."""

import pytest
from django.urls import reverse

from careers.tests.factories import CareerFactory
from jobs.models import JobOffer
from jobs.tests.factories import EmployerFactory, JobOfferFactory, days_ago

pytestmark = pytest.mark.django_db
LIST = "/api/v1/offers/"


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


def test_lists_open_offers_only_newest_first(client):
    JobOfferFactory(slug="ancienne", published_at=days_ago(5))
    JobOfferFactory(slug="recente", published_at=days_ago(1), career=CareerFactory(slug="cache", draft=True))
    JobOfferFactory(slug="expiree", expired=True)
    JobOfferFactory(slug="archivee", archived=True)
    JobOfferFactory(slug="brouillon", draft=True)
    JobOfferFactory(slug="relecture", in_review=True)
    response = client.get(LIST)
    assert response.status_code == 200
    assert slugs(response) == ["recente", "ancienne"]
    first = response.json()["results"][0]
    assert first["career"] is None, "an unpublished career is not revealed"
    assert "description" not in first, "the list leaves the long text to the detail"


def test_every_filter_of_the_board_applies(client, communes):
    career = CareerFactory(slug="data-scientist")
    employer = EmployerFactory(name="Acme Robotique")
    JobOfferFactory(
        slug="cible",
        title="Data scientist senior",
        employer=employer,
        career=career,
        contract=JobOffer.Contract.CDD,
        region="84",
        city="Lyon",
        commune=communes["69123"],
        remote=JobOffer.Remote.FULL,
        salary_high=80000,
        experience=JobOffer.Experience.SENIOR,
        published_at=days_ago(2),
    )
    JobOfferFactory(slug="autre", salary_high=30000, salary_low=25000, published_at=days_ago(20))
    for name, value in [
        ("q", "acme senior"),
        ("metier", "data-scientist"),
        ("contrat", "cdd"),
        ("region", "84"),
        ("ville", "lyon"),
        ("teletravail", "complet"),
        ("salaire_min", "50000"),
        ("experience", "senior"),
        ("publie", "7"),
    ]:
        assert slugs(client.get(LIST, {name: value})) == ["cible"], name
    assert slugs(client.get(LIST, {"tri": "salaire"})) == ["cible", "autre"]


def test_invalid_values_answer_400_naming_each_parameter(client):
    response = client.get(LIST, {"contrat": "esclavage", "salaire_min": "-1", "publie": "365", "q": "x" * 201})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"contrat", "salaire_min", "publie", "q"}


def test_open_offer_detail_closed_offers_410_unknown_404(client):
    JobOfferFactory(slug="ouverte", description="**Rejoignez-nous.**", apply_email="rh@example.org")
    JobOfferFactory(slug="expiree", expired=True)
    JobOfferFactory(slug="archivee", archived=True)
    response = client.get(f"{LIST}ouverte/")
    assert response.status_code == 200
    body = response.json()
    assert body["description_html"] == "<p><strong>Rejoignez-nous.</strong></p>"
    assert body["apply_email"] == "rh@example.org"
    assert client.get(f"{LIST}ouverte/", headers={"If-None-Match": response["ETag"]}).status_code == 304
    JobOfferFactory(slug="brouillon", draft=True)
    for slug in ["expiree", "archivee"]:  # public once: gone, like their pages
        gone = client.get(f"{LIST}{slug}/")
        assert gone.status_code == 410, slug
        assert "n’est plus ouverte" in gone.json()["detail"]
        assert client.get(f"/offres/{slug}/").status_code == 410
    for slug in ["brouillon", "inconnue"]:  # never public: unknown
        assert client.get(f"{LIST}{slug}/").status_code == 404, slug


def test_page_and_api_give_the_same_offers_for_the_same_query(client):
    for index in range(25):
        JobOfferFactory(
            published_at=days_ago(index % 9 + 0.5),
            contract=JobOffer.Contract.CDI if index % 2 else JobOffer.Contract.CDD,
            salary_high=40000 + 1000 * (index % 4) if index % 3 else None,
            salary_low=None,
        )
    url = reverse("jobs:offer_list")
    for query in ["", "tri=salaire", "contrat=cdi&salaire_min=41000", "page=2", "publie=7&tri=salaire&page=1"]:
        page = client.get(f"{url}?{query}")
        assert [offer.slug for offer in page.context["offers"]] == slugs(client.get(f"{LIST}?{query}")), query


@pytest.mark.parametrize("page_size", [2, 50])
def test_list_query_count_does_not_grow_with_page_size(client, django_assert_num_queries, page_size):
    career = CareerFactory()
    JobOfferFactory.create_batch(60, career=career)
    # 1 count, 1 page of offers with employer and career.
    with django_assert_num_queries(2):
        response = client.get(LIST, {"page_size": page_size, "contrat": "cdi", "tri": "salaire"})
    assert len(response.json()["results"]) == page_size


def test_detail_query_count(client, django_assert_num_queries):
    JobOfferFactory(slug="ouverte", career=CareerFactory())
    # 1 offer with employer and career.
    with django_assert_num_queries(1):
        assert client.get(f"{LIST}ouverte/").status_code == 200


def test_employers_count_their_open_offers_only(client):
    acme = EmployerFactory(slug="acme", name="Acme")
    JobOfferFactory.create_batch(2, employer=acme)
    JobOfferFactory(employer=acme, expired=True)
    JobOfferFactory(employer=acme, draft=True)
    EmployerFactory(slug="zeta", name="Zeta")
    response = client.get("/api/v1/employers/")
    assert response.status_code == 200
    assert [(row["slug"], row["open_offer_count"]) for row in response.json()["results"]] == [("acme", 2), ("zeta", 0)]


@pytest.mark.parametrize("page_size", [2, 50])
def test_employers_query_count_does_not_grow_with_page_size(client, django_assert_num_queries, page_size):
    for employer in EmployerFactory.create_batch(60):
        JobOfferFactory(employer=employer)
    # 1 count, 1 page of employers with their open offer count.
    with django_assert_num_queries(2):
        response = client.get("/api/v1/employers/", {"page_size": page_size})
    assert len(response.json()["results"]) == page_size


def test_a_search_counts_its_offers_up_to_the_boards_limit_and_says_when_there_are_more(client, monkeypatch):
    """Counting every match of a common word read most of the offers: like the board, a search lists its
    first ``COUNT_LIMIT`` offers and says there are more."""
    monkeypatch.setattr("core.search.COUNT_LIMIT", 5)
    for index in range(8):
        JobOfferFactory(slug=f"data-{index}", title=f"Data {index}", published_at=days_ago(index + 0.5))
    JobOfferFactory(slug="vision", title="Ingénieur vision")
    first = client.get(LIST, {"q": "data", "page_size": 2}).json()
    assert (first["count"], first["more_results"]) == (5, True)
    listed = slugs(client.get(LIST, {"q": "data", "page_size": 2}))
    for page in (2, 3):
        listed += slugs(client.get(LIST, {"q": "data", "page_size": 2, "page": page}))
    assert listed == [f"data-{index}" for index in range(5)], "the first five, newest first, page after page"
    assert client.get(LIST, {"q": "data", "page_size": 2, "page": 4}).status_code == 404
    narrow = client.get(LIST, {"q": "vision"}).json()
    assert (narrow["count"], narrow["more_results"], slugs_of(narrow)) == (1, False, ["vision"])
    everything = client.get(LIST).json()
    assert (everything["count"], everything["more_results"]) == (9, False), "without words every offer counts"


def slugs_of(body):
    return [row["slug"] for row in body["results"]]


def test_a_search_reads_four_queries_whatever_it_finds(client, django_assert_num_queries, monkeypatch):
    monkeypatch.setattr("core.search.COUNT_LIMIT", 5)
    JobOfferFactory.create_batch(12, title="Data scientist")
    # 1 for the search synonyms, 1 for the employers holding the words, 1 count up to the limit and one
    # more, 1 page of offers.
    with django_assert_num_queries(4):
        assert client.get(LIST, {"q": "data"}).json()["more_results"]
