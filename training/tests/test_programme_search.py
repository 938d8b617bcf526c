"""The programme list's ``?q=`` (page and API) and the routes, programmes and providers of /recherche/."""

import pytest

from core.tests.factories import SynonymFactory
from training.tests.factories import CityFactory, PathFactory, ProgrammeFactory, ProviderFactory

pytestmark = pytest.mark.django_db

URL = "/formations/"
API = "/api/v1/programmes/"


def titles(response):
    return sorted(programme.title for programme in response.context["programmes"])


def test_q_finds_programmes_by_their_route_and_its_synonyms(client):
    SynonymFactory(term="alternance", equivalents="apprentissage")
    ProgrammeFactory(title="Master IA", path=PathFactory(title="Alternance"))
    ProgrammeFactory(title="Licence pro en apprentissage")
    ProgrammeFactory(title="Bootcamp", path=PathFactory(title="Alternance cachée", draft=True))
    ProgrammeFactory(title="Brouillon en alternance", draft=True)
    expected = ["Licence pro en apprentissage", "Master IA"]
    assert titles(client.get(URL, {"q": "alternance"})) == expected
    assert titles(client.get(URL, {"q": "ALTERNANCE"})) == expected
    assert sorted(row["title"] for row in client.get(API, {"q": "alternance"}).json()["results"]) == expected


def test_q_finds_programmes_by_provider_and_city_without_accents(client):
    ProgrammeFactory(title="Bootcamp", provider=ProviderFactory(name="École Télécom"))
    ProgrammeFactory(title="Licence", cities=[CityFactory(name="Besançon", slug="besancon")])
    ProgrammeFactory(title="Master")
    assert titles(client.get(URL, {"q": "ecole telecom"})) == ["Bootcamp"]
    assert titles(client.get(URL, {"q": "besancon"})) == ["Licence"]


def test_a_bad_q_is_a_form_error_on_the_page_and_400_in_the_api(client):
    ProgrammeFactory(title="Master")
    page = client.get(URL, {"q": "\x07"})
    assert page.status_code == 200
    assert "caractère de contrôle" in page.text
    assert client.get(API, {"q": "\x07"}).status_code == 400


def test_the_site_search_groups_routes_programmes_and_providers(client):
    path = PathFactory(title="Bootcamp", slug="bootcamp")
    ProgrammeFactory(title="Bootcamp data", path=path, provider=ProviderFactory(name="Bootcamp Factory"))
    response = client.get("/recherche/", {"q": "bootcamp"})
    groups = {group.kind: group for group in response.context["results"].groups}
    assert [hit.title for hit in groups["paths"].results] == ["Bootcamp"]
    assert [hit.title for hit in groups["programmes"].results] == ["Bootcamp data"]
    assert groups["programmes"].results[0].detail == "Bootcamp Factory · Bootcamp"
    assert [hit.title for hit in groups["providers"].results] == ["Bootcamp Factory"]
    assert groups["programmes"].more_url == "/formations/?q=bootcamp"


@pytest.mark.parametrize("count", [2, 30])
def test_a_search_query_count_does_not_grow_with_programmes(client, django_assert_num_queries, count):
    city = CityFactory()
    ProgrammeFactory.create_batch(count, title="Master data", cities=[city])
    # 1 for the search synonyms, 1 count for pagination, 1 page of programmes with provider, path and
    # placement, 1 prefetch of cities, then the filter form's choices: paths, careers.
    with django_assert_num_queries(6):
        response = client.get(URL, {"q": "data"})
    assert len(response.context["programmes"]) == min(count, 20)
