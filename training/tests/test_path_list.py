import pytest
from django.urls import reverse

from training.models import Path, Programme
from training.tests.factories import PathFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
URL = reverse("training:path_list")


def column(response, title):
    [path] = [p for p in response.context["paths"] if p.title == title]
    return path


def test_published_paths_side_by_side_in_editorial_order(client):
    PathFactory(title="Université", position=2)
    PathFactory(title="École spécialisée", position=1)
    PathFactory(title="Brouillon", position=0, draft=True)
    response = client.get(URL)
    assert response.status_code == 200
    assert [p.title for p in response.context["paths"]] == ["École spécialisée", "Université"]
    assert "Brouillon" not in response.text
    assert '<th scope="col"><a href="/parcours/' in response.text and '<th scope="row">Coût total</th>' in response.text


def test_figures_are_computed_from_published_programmes(client):
    path = PathFactory(title="Bootcamp", cost_low=1, cost_high=2, duration_months_low=1, level_reached="Bac+9")
    ProgrammeFactory(path=path, price=3000, duration_weeks=10, cpf_eligible=True, admission=Path.Admission.DIRECT,
                     rncp_level=Programme.RncpLevel.LEVEL_6)  # fmt: skip
    ProgrammeFactory(path=path, price=7500, duration_months=6, work_study=True)
    ProgrammeFactory(path=path, price=99999, duration_months=48, draft=True, admission=Path.Admission.PARCOURSUP)
    response = client.get(URL)
    summary = column(response, "Bootcamp")
    assert summary.programme_count == 2
    assert (summary.price_low, summary.price_high) == (3000, 7500)
    assert (summary.duration_low, summary.duration_high) == (70, 180)
    assert summary.programme_admissions == [Path.Admission.DIRECT]
    text = response.text
    assert "3\xa0000\xa0€ – 7\xa0500\xa0€" in text and "99\xa0999" not in text
    assert "10 semaines – 6 mois" in text
    assert ">CPF</li>" in text and ">Alternance</li>" in text
    assert "Niveau 6 (bac+3 ou 4)" in text and "Bac+9" not in text
    assert "Candidature directe" in text and "Parcoursup" not in text
    assert "?parcours=" + path.slug + '">2 formations</a>' in text


def test_path_fields_fill_in_when_no_programme_says(client):
    PathFactory(
        title="Université", duration_months_low=60, duration_months_high=60, cost_note="Peu coûteuse",
        level_reached="Bac+5 (master)", admission=Path.Admission.PARCOURSUP,
        admission_note="Parcoursup pour la licence, puis MonMaster pour le master.", funding="Bourses",
    )  # fmt: skip
    text = client.get(URL).text
    for expected in ["5 ans", "Peu coûteuse", "Bac+5 (master)", "Parcoursup pour la licence", "Bourses"]:
        assert expected in text
    assert "d’après les formations publiées" not in text


def test_missing_values_say_non_communique(client):
    PathFactory(title="Vide")
    text = client.get(URL).text
    assert text.count("non communiqué") == 5  # duration, cost, funding, level, admission


@pytest.mark.parametrize("count", [2, 30])
def test_query_count_does_not_grow_with_programmes(client, django_assert_num_queries, count):
    paths = PathFactory.create_batch(6)
    for index in range(count):
        ProgrammeFactory(path=paths[index % 6], price=1000 * index, duration_months=index + 1)
    # 1 query: the paths with every programme figure aggregated.
    with django_assert_num_queries(1):
        response = client.get(URL)
    assert response.status_code == 200
    assert sum(p.programme_count for p in response.context["paths"]) == count
