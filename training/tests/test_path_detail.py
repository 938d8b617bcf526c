import pytest

from training.tests.factories import CityFactory, PathFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_path_page_explains_the_route_and_lists_its_programmes(client):
    path = PathFactory(
        title="Université", summary="Licence puis master.", body="## Le déroulé\n\nTrois ans, puis deux.",
        strengths="Peu coûteuse\nSolide", limits="Théorique",
    )  # fmt: skip
    ProgrammeFactory(path=path, title="Master IA", price=250)
    ProgrammeFactory(path=path, title="Master caché", draft=True)
    ProgrammeFactory(title="Autre parcours")
    response = client.get(path.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert "<h2>Le déroulé</h2>" in text
    assert "<li>Peu coûteuse</li>" in text and "<li>Théorique</li>" in text
    assert "Master IA" in text and "Master caché" not in text and "Autre parcours" not in text
    assert 'action="/formations/comparer/"' in text


def test_draft_path_is_404_for_the_public(client):
    path = PathFactory(draft=True)
    assert client.get(path.get_absolute_url()).status_code == 404


def test_staff_see_draft_path_with_banner(staff_client):
    path = PathFactory(draft=True)
    response = staff_client.get(path.get_absolute_url())
    assert response.status_code == 200 and "banner-draft" in response.text


def test_unknown_path_is_404(client):
    assert client.get("/parcours/inconnu/").status_code == 404


@pytest.mark.parametrize("count", [2, 30])
def test_query_count_does_not_grow_with_programmes(client, django_assert_num_queries, count):
    path = PathFactory()
    city = CityFactory()
    ProgrammeFactory.create_batch(count, path=path, cities=[city])
    # 1 path with its summary, 1 programmes with provider, path and placement, 1 prefetch of cities.
    with django_assert_num_queries(3):
        response = client.get(path.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["programmes"]) == min(count, 20)


def test_a_long_route_shows_its_cheapest_and_links_to_the_filtered_list(client):
    path = PathFactory(slug="bootcamp")
    for price in range(100, 2600, 100):  # 25 programmes
        ProgrammeFactory(path=path, price=price, title=f"Formation à {price} euros")
    text = client.get(path.get_absolute_url()).text
    assert "Formation à 100 euros" in text and "Formation à 2000 euros" in text
    assert "Formation à 2100 euros" not in text
    assert 'href="/formations/?parcours=bootcamp"' in text
    assert "Voir les 25 formations de ce parcours" in text


def test_a_short_route_needs_no_link_to_the_list(client):
    path = PathFactory(slug="ecole")
    ProgrammeFactory.create_batch(3, path=path)
    assert "?parcours=ecole" not in client.get(path.get_absolute_url()).text
