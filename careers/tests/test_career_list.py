import pytest
from django.urls import reverse

from careers.models import Career, PayFigure
from careers.tests.factories import CareerFactory, PayFigureFactory, SectorFactory

pytestmark = pytest.mark.django_db
URL = reverse("careers:list")


def titles(response):
    return [career.title for career in response.context["careers"]]


def test_lists_published_careers_only(client):
    CareerFactory(title="Data scientist")
    CareerFactory(title="Brouillon secret", draft=True)
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["Data scientist"]
    assert "Brouillon secret" not in response.text


def test_best_paid_first_uses_highest_french_salary(client):
    low = CareerFactory(title="Analyste")
    high = CareerFactory(title="Chercheur")
    unknown = CareerFactory(title="Aaa sans salaire")
    PayFigureFactory(career=low, amount_low=35000, amount_high=45000)
    PayFigureFactory(career=high, amount_low=50000, amount_high=70000)
    # Foreign and freelance figures do not count towards the French ranking.
    PayFigureFactory(career=low, country="US", currency="USD", amount_low=90000, amount_high=200000)
    PayFigureFactory(career=low, kind=PayFigure.Kind.DAY_RATE, amount_low=900, amount_high=1200000)
    response = client.get(URL)
    assert titles(response) == ["Chercheur", "Analyste", "Aaa sans salaire"]
    assert "50\xa0000\xa0€ – 70\xa0000\xa0€" in response.text
    assert unknown.title in response.text


def test_up_to_figure_counts_as_its_high(client):
    capped = CareerFactory(title="Plafonné")
    PayFigureFactory(career=capped, amount_low=None, amount_high=80000)
    PayFigureFactory(career=CareerFactory(title="Autre"), amount_low=60000, amount_high=65000)
    assert titles(client.get(URL)) == ["Plafonné", "Autre"]


def test_sort_by_title(client):
    PayFigureFactory(career=CareerFactory(title="Zeta"), amount_high=90000)
    CareerFactory(title="Alpha")
    assert titles(client.get(URL, {"tri": "nom"})) == ["Alpha", "Zeta"]


def test_filter_by_sector(client):
    health = SectorFactory(name="Santé", slug="sante")
    in_health = CareerFactory(title="Dans la santé")
    in_health.sectors.add(health)
    CareerFactory(title="Ailleurs")
    assert titles(client.get(URL, {"secteur": "sante"})) == ["Dans la santé"]


def test_filter_by_family_includes_grandchildren(client):
    it = CareerFactory(title="Chef de projet IT", slug="it")
    data = CareerFactory(title="Chef de projet Data", parent=it)
    CareerFactory(title="Chef de projet IA", parent=data)
    CareerFactory(title="Sans famille")
    assert sorted(titles(client.get(URL, {"famille": "it"}))) == ["Chef de projet Data", "Chef de projet IA"]


def test_filter_by_minimum_salary(client):
    PayFigureFactory(career=CareerFactory(title="Bien payé"), amount_low=50000, amount_high=70000)
    PayFigureFactory(career=CareerFactory(title="Moins payé"), amount_low=30000, amount_high=40000)
    CareerFactory(title="Inconnu")
    assert titles(client.get(URL, {"salaire_min": "60000"})) == ["Bien payé"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"salaire_min": "abc"}, "salaire_min"),
        ({"salaire_min": "-5"}, "salaire_min"),
        ({"salaire_min": "1e999"}, "salaire_min"),
        ({"salaire_min": "NaN"}, "salaire_min"),
        ({"secteur": "unknown"}, "secteur"),
        ({"famille": "nope"}, "famille"),
        ({"tri": "<script>alert(1)</script>"}, "tri"),
    ],
)
def test_bad_filter_value_shows_page_with_message(client, params, field):
    CareerFactory(title="Toujours là")
    response = client.get(URL, params)
    assert response.status_code == 200
    assert field in response.context["filter"].form.errors
    assert "Certains filtres n’ont pas été appliqués" in response.text
    assert "Toujours là" in response.text
    assert "<script>alert(1)</script>" not in response.text


def test_valid_filters_still_apply_beside_a_bad_one(client):
    sector = SectorFactory(slug="finance", name="Finance")
    CareerFactory(title="Finance").sectors.add(sector)
    CareerFactory(title="Autre")
    response = client.get(URL, {"secteur": "finance", "salaire_min": "abc"})
    assert titles(response) == ["Finance"]


@pytest.mark.parametrize("page", ["0", "-3", "abc", "99999", "9" * 400])
def test_malformed_page_number_shows_a_page_with_message(client, page):
    CareerFactory.create_batch(3)
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert response.context["page_error"]
    assert len(response.context["careers"]) == 3


def test_pagination_keeps_filters(client):
    sector = SectorFactory(slug="rh", name="RH")
    for career in CareerFactory.create_batch(25):
        career.sectors.add(sector)
    response = client.get(URL, {"secteur": "rh"})
    assert 'href="?secteur=rh&amp;page=2"' in response.text
    second = client.get(URL, {"secteur": "rh", "page": "2"})
    assert len(second.context["careers"]) == 5


def create_careers(count):
    sectors = SectorFactory.create_batch(3)
    for career in CareerFactory.create_batch(count):
        career.sectors.set(sectors)
        PayFigureFactory.create_batch(2, career=career)


@pytest.mark.parametrize("count", [2, 20])
def test_query_count_does_not_grow_with_careers(client, django_assert_num_queries, count):
    create_careers(count)
    # 1 count for pagination, 1 page of careers with pay range, 1 prefetch of
    # sectors, 1 sector choices and 1 family choices for the filter form.
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["careers"]) == count


def test_draft_status_value_is_never_listed_even_when_filtered(client):
    career = CareerFactory(title="Caché", status=Career.Status.REVIEW)
    PayFigureFactory(career=career, amount_high=999999)
    assert "Caché" not in client.get(URL, {"tri": "salaire"}).text


def test_each_row_says_how_many_sources_stand_behind_its_range(client):
    career = CareerFactory(title="Deux sources")
    PayFigureFactory(career=career, amount_low=40000, amount_high=50000)
    PayFigureFactory(career=career, amount_low=45000, amount_high=60000)
    PayFigureFactory(career=career, amount_low=90000, amount_high=99000, country="US", currency="USD")
    CareerFactory(title="Sans chiffre")
    html = client.get(URL).content.decode()
    row = html.split("Deux sources")[1].split("</tr>")[0]
    assert "40\xa0000\xa0€ – 60\xa0000\xa0€" in row and "2 sources" in row
    assert "non communiqué" in html.split("Sans chiffre")[1].split("</tr>")[0]
