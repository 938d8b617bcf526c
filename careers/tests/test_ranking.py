import datetime

import pytest
from django.urls import reverse

from careers.models import PayFigure
from careers.tests.factories import CareerFactory, PayFigureFactory, SourceFactory

pytestmark = pytest.mark.django_db

URL = reverse("careers:ranking")
CONFIRMED = PayFigure.Experience.CONFIRMED


def confirmed(career, low, high, **kwargs):
    return PayFigureFactory(career=career, experience=CONFIRMED, amount_low=low, amount_high=high, **kwargs)


def ranked_titles(response):
    return [item.career.title for item in response.context["ranked"]]


def test_page_states_its_rule(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "La règle du classement" in html
    assert "médiane" in html and "Nous ne calculons aucune moyenne entre sources" in html


def test_careers_are_ranked_by_the_median_of_their_sources_figures(client):
    # Sources' values (middle of each range): 40 000, 50 000, 90 000: the median is 50 000.
    wide = CareerFactory(title="Trois sources")
    confirmed(wide, 35000, 45000)
    confirmed(wide, 45000, 55000)
    confirmed(wide, 80000, 100000)
    # One source at 60 000: above the median of the first, though below its best figure.
    single = CareerFactory(title="Une source")
    confirmed(single, 55000, 65000)
    # Two sources, 52 000 and 70 000: the lower central value, 52 000, never their mean (61 000).
    pair = CareerFactory(title="Deux sources")
    confirmed(pair, None, 52000)
    confirmed(pair, 70000, 70000)
    response = client.get(URL)
    assert ranked_titles(response) == ["Une source", "Deux sources", "Trois sources"]
    ranked = {item.career.title: item for item in response.context["ranked"]}
    assert ranked["Deux sources"].median.value == 52000
    assert ranked["Trois sources"].median.figure.amount_low == 45000
    assert [item.source_count for item in response.context["ranked"]] == [1, 2, 3]
    html = response.content.decode()
    assert "3 sources" in html and "2 sources" in html and "1 source<" in html
    assert "61\u202f000" not in html and "61 000" not in html


def test_a_source_counts_once_per_career(client):
    career = CareerFactory(title="Une étude, deux chiffres")
    source = SourceFactory()
    confirmed(career, 40000, 40000, source=source, note="PME")
    confirmed(career, 60000, 60000, source=source, note="Grand groupe")
    response = client.get(URL)
    (item,) = response.context["ranked"]
    assert item.source_count == 1
    assert item.median.value == 40000


def test_only_national_french_salaries_at_the_chosen_level_count(client):
    career = CareerFactory(title="Seulement ailleurs")
    confirmed(career, 90000, 99000, country="US", currency="USD")
    confirmed(career, 90000, 99000, region="11")
    confirmed(career, 90000, 99000, kind=PayFigure.Kind.DAY_RATE)
    PayFigureFactory(career=career, experience=PayFigure.Experience.SENIOR, amount_low=90000, amount_high=99000)
    response = client.get(URL)
    assert response.context["ranked"] == []
    assert [c.title for c in response.context["unknown"]] == ["Seulement ailleurs"]
    assert "Salaire non communiqué à ce niveau" in response.content.decode()
    senior = client.get(URL, {"niveau": "senior"})
    assert ranked_titles(senior) == ["Seulement ailleurs"]


def test_career_without_figure_says_non_communique_and_drafts_are_left_out(client):
    CareerFactory(title="Sans chiffre")
    confirmed(CareerFactory(title="Brouillon payé", draft=True), 90000, 99000)
    response = client.get(URL)
    html = response.content.decode()
    assert 'Sans chiffre</a> : <span class="muted">non communiqué' in html
    assert "Brouillon payé" not in html


def test_disagreeing_sources_are_shown_side_by_side_with_their_dates(client):
    career = CareerFactory(title="Data scientist")
    day = SourceFactory(publisher="Cabinet A", published_on=datetime.date(2025, 9, 15), date_precision="day")
    year = SourceFactory(publisher="Cabinet B", published_on=datetime.date(2026, 1, 1), date_precision="year")
    confirmed(career, 45000, 55000, source=day)
    confirmed(career, 60000, 70000, source=year)
    html = client.get(URL).content.decode()
    row = html.split('id="ranking-table"')[1]
    assert "Cabinet A" in row and "Cabinet B" in row
    assert "mis à jour le 15 septembre 2025" in row and "mis à jour en 2026" in row


def test_stale_source_is_flagged(client):
    career = CareerFactory(title="Vieux chiffre")
    old = SourceFactory(publisher="Ancien", published_on=datetime.date(2020, 3, 1))
    confirmed(career, 45000, 55000, source=old)
    html = client.get(URL).content.decode()
    assert "source de plus de 12 mois" in html
    assert "publiée il y a plus de 12 mois" in html


def test_fresh_source_is_not_flagged(client):
    career = CareerFactory(title="Chiffre récent")
    confirmed(career, 45000, 55000, source=SourceFactory(published_on=datetime.date.today()))
    html = client.get(URL).content.decode()
    assert "Chiffre récent" in html
    assert "source de plus de 12 mois" not in html


def test_unknown_level_is_a_form_error_not_a_500(client):
    confirmed(CareerFactory(title="Confirmé"), 45000, 55000)
    response = client.get(URL, {"niveau": "astronaute"})
    assert response.status_code == 200
    assert 'class="form-errors"' in response.content.decode()
    assert ranked_titles(response) == ["Confirmé"]


@pytest.mark.parametrize("count", [1, 25])
def test_query_count_does_not_grow_with_careers(client, django_assert_num_queries, count):
    for index in range(count):
        career = CareerFactory()
        confirmed(career, 40000 + index, 50000)
        confirmed(career, 45000, 55000 + index)
        CareerFactory()  # without figure
    # 1 for the published careers, 1 for their figures with their sources.
    with django_assert_num_queries(2):
        response = client.get(URL)
    assert len(response.context["ranked"]) == count
