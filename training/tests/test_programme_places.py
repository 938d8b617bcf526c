"""/formations/ and /api/v1/programmes/ by place: ville, rayon, ou à distance."""

import pytest
from django.urls import reverse

from careers.tests.factories import CareerFactory
from training.models import Programme
from training.tests.factories import CityFactory, OutcomeFactory, ProgrammeFactory

URL = reverse("training:programme_list")
API = "/api/v1/programmes/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities(communes):
    return {
        code: CityFactory(name=communes[code].name, slug=f"ville-{code}", commune=communes[code])
        for code in ("69123", "69383", "69266", "38185", "75056")
    }


@pytest.fixture
def programmes(cities):
    return {
        "lyon-paris": ProgrammeFactory(slug="lyon-paris", price=9000, cities=[cities["75056"], cities["69123"]]),
        "villeurbanne": ProgrammeFactory(slug="villeurbanne", price=5000, cities=[cities["69266"]]),
        "grenoble": ProgrammeFactory(slug="grenoble", price=1000, cities=[cities["38185"]]),
        "paris": ProgrammeFactory(slug="paris", price=2000, cities=[cities["75056"]]),
        "en-ligne": ProgrammeFactory(slug="en-ligne", price=100, format=Programme.Format.ONLINE),
    }


def slugs(response):
    return [programme.slug for programme in response.context["programmes"]]


def api_slugs(response):
    assert response.status_code == 200, response.json()
    return [row["slug"] for row in response.json()["results"]]


def test_a_city_finds_the_programmes_given_there(client, programmes):
    assert slugs(client.get(URL, {"ville": "Lyon"})) == ["lyon-paris"]
    assert slugs(client.get(URL, {"ville": "lyon"})) == ["lyon-paris"], "yesterday's ?ville=<slug> still works"
    assert slugs(client.get(URL, {"ville": "69100"})) == ["villeurbanne"]


def test_villeurbanne_within_20_km_finds_lyon_nearest_first_each_once(client, programmes):
    response = client.get(URL, {"ville": "Villeurbanne", "rayon": "20"})
    assert slugs(response) == ["villeurbanne", "lyon-paris"]
    assert [round(p.distance, 1) for p in response.context["programmes"]] == [0, 3.1]
    text = response.content.decode()
    assert "à moins d’1 km" in text and "à 3 km" in text
    assert "GeoNames" in text and "Licence Ouverte" in text


def test_a_programme_is_as_near_as_its_nearest_city(client, programmes):
    response = client.get(URL, {"ville": "Paris", "rayon": "10"})
    assert slugs(response) == ["paris", "lyon-paris"]  # both at 0 km, then cheapest first
    assert {round(p.distance) for p in response.context["programmes"]} == {0}


def test_or_online_adds_online_programmes_last(client, programmes):
    assert slugs(client.get(URL, {"ville": "Grenoble", "rayon": "10", "ou_a_distance": "oui"})) == [
        "grenoble",
        "en-ligne",
    ]
    assert slugs(client.get(URL, {"ville": "Grenoble", "rayon": "100"})) == ["grenoble", "villeurbanne", "lyon-paris"]


def test_another_sort_stands_with_a_place(client, programmes):
    assert slugs(client.get(URL, {"ville": "Lyon", "rayon": "100", "tri": "prix"})) == [
        "grenoble",
        "villeurbanne",
        "lyon-paris",
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"ville": "Atlantide"}, "ville"),
        ({"rayon": "20"}, "rayon"),
        ({"ville": "Lyon", "rayon": "1000"}, "rayon"),
        ({"ville": "L'Abergement-Clémenciat", "rayon": "10"}, "rayon"),
        ({"ville": "Lyon", "ou_a_distance": "peut-etre"}, "ou_a_distance"),
    ],
)
def test_bad_place_input_is_a_form_error_and_a_json_400(client, programmes, params, field):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert field in response.context["filter"].form.errors
    assert "Certains filtres n’ont pas été appliqués" in response.content.decode()
    answer = client.get(API, params)
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == [field]


def test_the_api_filters_and_sorts_alike_and_gives_the_distance(client, programmes):
    response = client.get(API, {"ville": "Villeurbanne", "rayon": "20", "ou_a_distance": "oui"})
    assert api_slugs(response) == ["villeurbanne", "lyon-paris", "en-ligne"]
    assert [row["distance_km"] for row in response.json()["results"]] == [0, 3.1, None]


@pytest.mark.parametrize("count", [2, 30])
def test_query_count_with_a_radius_does_not_grow_with_programmes(client, cities, django_assert_num_queries, count):
    career = CareerFactory()
    for index in range(count):
        city = cities["69266" if index % 2 else "69383"]
        programme = ProgrammeFactory(cities=[city, cities["75056"]], careers=[career])
        OutcomeFactory(programme=programme, placement=True)
    # 2 for the commune named (Lyon) and its arrondissements, 1 count for pagination, the page's ids nearest
    # first, then their programmes with provider, path, placement and distance, 1 prefetch of cities, the
    # form's paths and careers.
    with django_assert_num_queries(8):
        response = client.get(URL, {"ville": "Lyon", "rayon": "20", "ou_a_distance": "oui"})
    assert response.status_code == 200
    assert len(response.context["programmes"]) == min(count, 20)
