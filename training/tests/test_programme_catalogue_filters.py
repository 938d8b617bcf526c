"""What the imported catalogues bring to /formations/ and /api/v1/programmes/: the new filters from the one
FilterSet, programmes left out for want of a price, and each programme's provenance."""

import datetime

import pytest
from django.urls import reverse

from core.models import DataSource
from training.models import Programme
from training.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

PAGE = "/formations/"
API = "/api/v1/programmes/"


def page_titles(client, query):
    response = client.get(PAGE, query)
    assert response.status_code == 200
    return sorted(p.title for p in response.context["programmes"])


def api_titles(client, query):
    response = client.get(API, query)
    assert response.status_code == 200
    return sorted(row["title"] for row in response.json()["results"])


@pytest.fixture
def catalogue():
    return [
        ProgrammeFactory(
            title="Paris distance",
            region="11",
            department="75",
            duration_hours=400,
            rncp_level=7,
            remote_possible=True,
            price=5000,
            price_high=7500,
        ),  # fmt: skip
        ProgrammeFactory(
            title="Lyon sur place",
            region="84",
            department="69",
            duration_hours=140,
            rncp_level=6,
            remote_possible=False,
            format=Programme.Format.ON_SITE,
            price=2900,
        ),  # fmt: skip
        ProgrammeFactory(title="En ligne", format=Programme.Format.ONLINE, duration_hours=35, price=None),
        ProgrammeFactory(title="Corse", region="94", department="2A", price=None, rncp_level=5),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"region": "84"}, ["Lyon sur place"]),
        ({"departement": "75"}, ["Paris distance"]),
        ({"departement": "2a"}, ["Corse"]),
        ({"heures_max": "140"}, ["En ligne", "Lyon sur place"]),
        ({"rncp": "6"}, ["Lyon sur place", "Paris distance"]),
        ({"a_distance": "oui"}, ["En ligne", "Paris distance"]),
        ({"prix_max": "5000"}, ["Lyon sur place", "Paris distance"]),
        ({"prix_max": "5000", "sans_prix": "on"}, ["Corse", "En ligne", "Lyon sur place", "Paris distance"]),
    ],
)
def test_page_and_api_filter_the_same_way(client, catalogue, query, expected):
    assert page_titles(client, query) == expected
    assert api_titles(client, query) == expected


def test_price_filter_says_how_many_unpriced_programmes_it_left_out(client, catalogue):
    response = client.get(PAGE, {"prix_max": "1000", "region": ""})
    assert response.context["unpriced_left_out"] == 2
    assert "2 formations qui répondent aux autres filtres n’apparaissent pas" in response.text
    assert 'href="?prix_max=1000&amp;region=&amp;sans_prix=on"' in response.text
    assert client.get(API, {"prix_max": "1000"}).json()["unpriced_left_out"] == 2

    # Other filters count: in Corse, one unpriced programme only.
    assert client.get(PAGE, {"prix_max": "1000", "region": "94"}).context["unpriced_left_out"] == 1
    included = client.get(PAGE, {"prix_max": "1000", "sans_prix": "on"})
    assert included.context["unpriced_left_out"] is None
    assert "n’apparaissent pas" not in included.text
    assert client.get(API).json()["unpriced_left_out"] is None  # no maximum price: nothing to say


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"departement": "Paris"}, "departement"),
        ({"rncp": "9"}, "rncp"),
        ({"heures_max": "-3"}, "heures_max"),
        ({"region": "99"}, "region"),
        ({"a_distance": "peut-etre"}, "a_distance"),
    ],  # fmt: skip
)
def test_bad_values_are_refused_with_a_message(client, catalogue, query, field):
    page = client.get(PAGE, query)
    assert page.status_code == 200 and field in page.context["filter"].form.errors
    api = client.get(API, query)
    assert api.status_code == 400 and field in api.json()["errors"]


def test_list_with_a_price_filter_costs_one_more_query(client, catalogue, django_assert_num_queries):
    for _ in range(20):
        ProgrammeFactory(price=None)
        ProgrammeFactory(price=500)
    # As the plain list (count, page, cities, two menus: paths, careers), plus the count of those left out.
    with django_assert_num_queries(6):
        response = client.get(PAGE, {"prix_max": "1000"})
    assert response.context["unpriced_left_out"] == 22


@pytest.fixture
def imported():
    source = DataSource.objects.create(
        key="cpf", name="Catalogue CPF (test)", publisher="Caisse des Dépôts", licence="Licence Ouverte",
        url="https://example.org/catalogue",
    )  # fmt: skip
    return ProgrammeFactory(
        slug="importee", title="Importée", source=source, source_ref="TEST-CPF-0001",
        source_extracted_on=datetime.date(2026, 11, 2), price=5000, price_high=7500, duration_hours=400,
        duration_hours_high=600, region="11", department="75", rncp_code="RNCP35288",
    )  # fmt: skip


def test_programme_page_names_source_licence_id_and_extraction_date(client, imported):
    text = client.get(imported.get_absolute_url()).text

    assert "Catalogue CPF (test)</a>, Caisse des Dépôts, Licence Ouverte" in text
    assert "identifiant TEST-CPF-0001" in text
    assert 'extrait le <time datetime="2026-11-02">2 novembre 2026</time>' in text
    assert "de 5\xa0000\xa0€ à 7\xa0500\xa0€" in text  # the range as given, no average
    assert "de 400 à 600 heures" in text
    assert "Île-de-France (75)" in text and "RNCP35288" in text
    assert '"@type": "AggregateOffer"' in text and '"lowPrice": 5000' in text and '"highPrice": 7500' in text


def test_api_names_source_licence_id_and_extraction_date(client, imported):
    detail = client.get(reverse("api:programme-detail", kwargs={"slug": "importee"})).json()
    assert detail["source"] == {
        "key": "cpf", "name": "Catalogue CPF (test)", "publisher": "Caisse des Dépôts",
        "url": "https://example.org/catalogue", "licence": "Licence Ouverte", "licence_url": "",
    }  # fmt: skip
    assert (detail["source_ref"], detail["source_extracted_on"]) == ("TEST-CPF-0001", "2026-11-02")
    assert (detail["price"], detail["price_high"], detail["region"], detail["department"]) == (5000, 7500, "11", "75")
    [row] = client.get(API).json()["results"]
    assert row["source"]["licence"] == "Licence Ouverte"


def test_comparison_shows_ranges_hours_place_and_provenance(client, imported):
    other = ProgrammeFactory(slug="autre", price=3000)
    text = client.get("/formations/comparer/", {"p": [imported.slug, other.slug]}).text

    assert "de 5\xa0000\xa0€ à 7\xa0500\xa0€" in text
    assert "de 400 à 600 heures" in text
    assert "Île-de-France (75)" in text
    assert "identifiant TEST-CPF-0001" in text
    assert "Saisie par l’équipe Cap IA" in text


def test_a_closed_programme_leaves_the_public_lists(client, imported):
    Programme.objects.filter(pk=imported.pk).update(status=Programme.Status.ARCHIVED, closed_on=datetime.date.today())
    assert page_titles(client, {}) == []
    assert client.get(imported.get_absolute_url()).status_code == 404


def test_schema_documents_the_new_parameters_and_the_unpriced_count(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/programmes/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"region", "departement", "heures_max", "rncp", "a_distance", "sans_prix"} <= names
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert "unpriced_left_out" in schema["components"]["schemas"][page]["properties"]


@pytest.mark.parametrize(
    ("low", "high", "shown"),
    [
        (5000, 7500, "de 5\xa0000\xa0€ à 7\xa0500\xa0€"),
        (2900, 2900, "2\xa0900\xa0€"),
        (None, 3000, "jusqu’à 3\xa0000\xa0€"),
        (None, None, '<span class="muted">non communiqué</span>'),
        (0, None, "Gratuit"),
    ],  # fmt: skip
)
def test_list_shows_the_price_as_the_catalogue_gives_it(client, low, high, shown):
    ProgrammeFactory(price=low, price_high=high)
    assert f'data-label="Prix">{shown}</td>' in client.get(PAGE).text
