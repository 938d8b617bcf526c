"""/api/v1/paths/, /api/v1/programmes/ and /api/v1/programmes/<slug>/: the /formations/ filters, outcomes."""

import pytest
from django.urls import reverse

from careers.tests.factories import CareerFactory, SourceFactory
from training.models import Programme
from training.tests.factories import CityFactory, OutcomeFactory, PathFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/programmes/"


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


def test_lists_published_programmes_cheapest_first_with_placement(client):
    cheap = ProgrammeFactory(slug="moins-chere", price=3000)
    OutcomeFactory(programme=cheap, placement=True)
    ProgrammeFactory(slug="chere", price=9000)
    ProgrammeFactory(slug="prix-inconnu", price=None)
    ProgrammeFactory(slug="brouillon", draft=True)
    response = client.get(LIST)
    assert response.status_code == 200
    assert slugs(response) == ["moins-chere", "chere", "prix-inconnu"]
    first = response.json()["results"][0]
    assert first["placement_rate"] == 80 and first["placement_months"] == 6
    assert first["provider"]["slug"] == cheap.provider.slug
    assert first["api_url"] == "http://testserver/api/v1/programmes/moins-chere/"


def test_format_is_a_filter_not_a_renderer_switch(client):
    ProgrammeFactory(slug="en-ligne", format=Programme.Format.ONLINE)
    ProgrammeFactory(slug="sur-place", format=Programme.Format.ON_SITE)
    online = client.get(LIST, {"format": "distanciel"})
    assert online.status_code == 200 and slugs(online) == ["en-ligne"]

    wrong = client.get(LIST, {"format": "online"})
    assert wrong.status_code == 400
    assert wrong["Content-Type"] == "application/json"
    assert list(wrong.json()["errors"]) == ["format"]
    assert client.get(LIST, {"format": "json"}).status_code == 400, "no renderer is picked by ?format="


def test_every_filter_of_the_page_applies(client, communes):
    lyon = CityFactory(slug="lyon", commune=communes["69123"])
    career = CareerFactory(slug="data-scientist")
    path = PathFactory(slug="bootcamp")
    ProgrammeFactory(
        slug="cible",
        path=path,
        careers=[career],
        cities=[lyon],
        cpf_eligible=True,
        work_study=False,
        rhythm=Programme.Rhythm.PART_TIME,
        price=5000,
        duration_months=6,
        entry_level=Programme.EntryLevel.BAC,
    )
    ProgrammeFactory(slug="autre", price=20000, duration_months=24, entry_level=Programme.EntryLevel.BAC_5)
    for name, value in [
        ("parcours", "bootcamp"),
        ("metier", "data-scientist"),
        ("cpf", "oui"),
        ("alternance", "non"),
        ("rythme", "temps-partiel"),
        ("ville", "lyon"),
        ("prix_max", "6000"),
        ("duree_max", "12"),
        ("niveau", "bac3"),
    ]:
        assert slugs(client.get(LIST, {name: value})) == ["cible"], name
    assert slugs(client.get(LIST, {"tri": "duree"})) == ["cible", "autre"]


def test_invalid_values_answer_400_naming_each_parameter(client):
    response = client.get(LIST, {"prix_max": "beaucoup", "cpf": "peut-etre", "ville": "atlantide"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"prix_max", "cpf", "ville"}


def test_programme_detail_has_outcomes_careers_and_sources(client):
    programme = ProgrammeFactory(slug="bootcamp-ia", careers=[CareerFactory(slug="ml"), CareerFactory(draft=True)])
    OutcomeFactory(programme=programme, placement=True, source=SourceFactory(slug="rapport"))
    response = client.get(f"{LIST}bootcamp-ia/")
    assert response.status_code == 200
    body = response.json()
    assert [career["slug"] for career in body["careers"]] == ["ml"]
    assert body["outcomes"][0]["employed_rate"] == 80 and body["outcomes"][0]["source"] == "rapport"
    assert [source["slug"] for source in body["sources"]] == ["rapport"]
    assert response["ETag"]
    assert client.get(f"{LIST}bootcamp-ia/", headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_draft_programme_answers_404(client):
    ProgrammeFactory(slug="cachee", draft=True)
    response = client.get(f"{LIST}cachee/")
    assert response.status_code == 404 and response.json()["detail"]


def test_page_and_api_give_the_same_programmes_for_the_same_query(client):
    for index in range(25):
        ProgrammeFactory(
            price=1000 * (index % 7) if index % 5 else None,
            duration_months=index % 9 + 1,
            format=Programme.Format.ONLINE if index % 2 else Programme.Format.ON_SITE,
        )
    url = reverse("training:programme_list")
    for query in ["", "tri=duree", "format=distanciel&prix_max=4000", "page=2", "tri=rentree&page=2"]:
        page = client.get(f"{url}?{query}")
        assert [p.slug for p in page.context["programmes"]] == slugs(client.get(f"{LIST}?{query}")), query


@pytest.mark.parametrize("page_size", [2, 50])
def test_list_query_count_does_not_grow_with_page_size(client, django_assert_num_queries, page_size):
    city = CityFactory()
    for programme in ProgrammeFactory.create_batch(60, cities=[city]):
        OutcomeFactory(programme=programme, placement=True)
    # 1 count, 1 page of programmes with provider, path and placement, 1 prefetch of cities.
    with django_assert_num_queries(3):
        response = client.get(LIST, {"page_size": page_size})
    assert len(response.json()["results"]) == page_size


@pytest.mark.parametrize("rows", [1, 30])
def test_detail_query_count_does_not_grow_with_outcomes(client, django_assert_num_queries, rows):
    programme = ProgrammeFactory(slug="suivie", cities=CityFactory.create_batch(rows))
    programme.careers.set(CareerFactory.create_batch(rows))
    OutcomeFactory.create_batch(rows, programme=programme)
    # 1 programme with provider, path and placement; prefetches of cities, careers, outcomes + sources.
    with django_assert_num_queries(4):
        response = client.get(f"{LIST}suivie/")
    assert len(response.json()["outcomes"]) == rows


def test_paths_list_the_published_paths_with_their_programme_summary(client):
    path = PathFactory(slug="bootcamp", strengths="Court\nConcret")
    PathFactory(slug="brouillon", draft=True)
    ProgrammeFactory(path=path, price=4000, cpf_eligible=True)
    ProgrammeFactory(path=path, price=8000)
    ProgrammeFactory(path=path, price=1, draft=True)
    response = client.get("/api/v1/paths/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["slug"] == "bootcamp" and row["strengths"] == ["Court", "Concret"]
    assert (row["programme_count"], row["price_low"], row["price_high"], row["cpf_count"]) == (2, 4000, 8000, 1)


@pytest.mark.parametrize("count", [2, 40])
def test_paths_query_count_does_not_grow(client, django_assert_num_queries, count):
    for path in PathFactory.create_batch(count):
        ProgrammeFactory(path=path)
    # 1 count, 1 page of paths with their programme summary.
    with django_assert_num_queries(2):
        response = client.get("/api/v1/paths/", {"page_size": 50})
    assert len(response.json()["results"]) == count
