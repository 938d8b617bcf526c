"""The career list's ``?q=`` (page and API): the site search's words, synonyms and accents."""

import pytest

from careers.tests.factories import CareerFactory, PayFigureFactory, SectorFactory, SkillFactory
from core.tests.factories import SynonymFactory

pytestmark = pytest.mark.django_db

URL = "/metiers/"
API = "/api/v1/careers/"


def titles(response):
    return sorted(career.title for career in response.context["careers"])


def test_q_finds_careers_by_name_other_names_skills_and_sector(client):
    cyber = SectorFactory(name="Cybersécurité")
    CareerFactory(title="Analyste SOC").sectors.add(cyber)
    CareerFactory(title="Chef de projet", other_names="Responsable sécurité")
    CareerFactory(title="Data engineer").skills.add(SkillFactory(name="Sécurité des données"))
    CareerFactory(title="Juriste")
    CareerFactory(title="Caché", draft=True).sectors.add(cyber)
    expected = ["Analyste SOC", "Chef de projet", "Data engineer"]
    assert titles(client.get(URL, {"q": "securite"})) == expected
    assert titles(client.get(URL, {"q": "SÉCURITÉ"})) == expected


def test_q_reads_the_synonyms_and_keeps_the_other_filters(client):
    SynonymFactory(term="IA", equivalents="intelligence artificielle")
    health = SectorFactory(name="Santé", slug="sante")
    CareerFactory(title="Ingénieur IA", summary="Conçoit.").sectors.add(health)
    CareerFactory(title="Chercheur en intelligence artificielle", summary="Cherche.")
    CareerFactory(title="Juriste", summary="Conseille.")
    assert titles(client.get(URL, {"q": "ia"})) == ["Chercheur en intelligence artificielle", "Ingénieur IA"]
    assert titles(client.get(URL, {"q": "ia", "secteur": "sante"})) == ["Ingénieur IA"]


def test_the_api_finds_the_same_careers(client):
    CareerFactory(title="Analyste de données", slug="analyste")
    CareerFactory(title="Juriste", slug="juriste")
    assert [row["slug"] for row in client.get(API, {"q": "donnees"}).json()["results"]] == ["analyste"]


@pytest.mark.parametrize(
    ("q", "message"),
    [("?!", "la ponctuation seule ne se cherche pas"), ("chef\x1b", "caractère de contrôle"), ("a" * 201, "200")],
)
def test_a_bad_q_is_a_form_error_on_the_page_and_400_in_the_api(client, q, message):
    CareerFactory(title="Juriste")
    page = client.get(URL, {"q": q})
    assert page.status_code == 200
    assert message in page.text
    assert titles(page) == ["Juriste"]  # the invalid filter is ignored, the list still shows
    api = client.get(API, {"q": q})
    assert api.status_code == 400
    assert list(api.json()["errors"]) == ["q"]


@pytest.mark.parametrize("count", [2, 20])
def test_a_search_query_count_does_not_grow_with_careers(client, django_assert_num_queries, count):
    sectors = SectorFactory.create_batch(3)
    for career in CareerFactory.create_batch(count, title="Analyste"):
        career.sectors.set(sectors)
        PayFigureFactory.create_batch(2, career=career)
    # 1 for the search synonyms, 1 count for pagination, 1 page of careers with pay range, 1 prefetch of
    # sectors, 1 sector choices and 1 family choices for the filter form.
    with django_assert_num_queries(6):
        response = client.get(URL, {"q": "analyste"})
    assert len(response.context["careers"]) == count
