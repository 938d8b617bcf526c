import datetime

import pytest
from django.urls import reverse

from careers.tests.factories import CareerFactory
from training.models import Programme
from training.tests.factories import CityFactory, OutcomeFactory, PathFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
URL = reverse("training:programme_list")


def titles(response):
    return [programme.title for programme in response.context["programmes"]]


def test_lists_published_programmes_only(client):
    ProgrammeFactory(title="Bootcamp data")
    ProgrammeFactory(title="Brouillon secret", draft=True)
    ProgrammeFactory(title="En relecture", status=Programme.Status.REVIEW)
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["Bootcamp data"]
    assert "Brouillon secret" not in response.text and "En relecture" not in response.text


def test_header_navigation_shows_formations(client):
    text = client.get("/").text
    assert f'href="{URL}"' in text and ">Formations</a>" in text


def test_row_shows_what_a_career_changer_decides_on(client):
    programme = ProgrammeFactory(
        title="Bootcamp IA", price=6900, duration_weeks=12, format=Programme.Format.HYBRID,
        rhythm=Programme.Rhythm.FULL_TIME, cpf_eligible=True, next_start=datetime.date(2026, 3, 2),
        cities=[CityFactory(name="Lyon", slug="lyon")],
    )  # fmt: skip
    OutcomeFactory(programme=programme, employed_rate=82, employed_within_months=6, employed_definition="CDI")
    text = client.get(URL).text
    for expected in ["6\xa0900\xa0€", "12 semaines", "Hybride, temps plein", "Oui", "2 mars 2026", "82\xa0%",
                     "en 6 mois", "Lyon", programme.provider.name]:  # fmt: skip
        assert expected in text


def test_unknown_price_is_not_free(client):
    ProgrammeFactory(title="Inconnu", price=None)
    ProgrammeFactory(title="Gratuit", price=0)
    response = client.get(URL)
    assert titles(response) == ["Gratuit", "Inconnu"]
    assert ">Gratuit<" in response.text and "non communiqué" in response.text


def test_placement_rate_comes_from_the_newest_outcome_giving_one(client):
    programme = ProgrammeFactory()
    OutcomeFactory(programme=programme, placement=True, employed_rate=60, observed_on=datetime.date(2023, 1, 1))
    OutcomeFactory(programme=programme, placement=True, employed_rate=75, observed_on=datetime.date(2025, 1, 1))
    OutcomeFactory(programme=programme, satisfaction_rate=99, satisfaction_measure="Contents",
                   observed_on=datetime.date(2025, 6, 1))  # fmt: skip
    [row] = client.get(URL).context["programmes"]
    assert row.placement_rate == 75


# Filters ------------------------------------------------------------------


def test_filter_by_path(client):
    bootcamp = PathFactory(slug="bootcamp")
    ProgrammeFactory(title="Dans le parcours", path=bootcamp)
    ProgrammeFactory(title="Ailleurs")
    assert titles(client.get(URL, {"parcours": "bootcamp"})) == ["Dans le parcours"]


@pytest.mark.parametrize(("value", "expected"), [("oui", ["Éligible"]), ("non", ["Pas éligible"])])
def test_filter_by_cpf(client, value, expected):
    ProgrammeFactory(title="Éligible", cpf_eligible=True)
    ProgrammeFactory(title="Pas éligible", cpf_eligible=False)
    ProgrammeFactory(title="Inconnu", cpf_eligible=None)
    assert titles(client.get(URL, {"cpf": value})) == expected


def test_filter_by_work_study(client):
    ProgrammeFactory(title="En alternance", work_study=True)
    ProgrammeFactory(title="Sans alternance", work_study=False)
    assert titles(client.get(URL, {"alternance": "oui"})) == ["En alternance"]


def test_filter_by_format_and_rhythm(client):
    ProgrammeFactory(title="À distance, partiel", format=Programme.Format.ONLINE, rhythm=Programme.Rhythm.PART_TIME)
    ProgrammeFactory(title="À distance, plein", format=Programme.Format.ONLINE, rhythm=Programme.Rhythm.FULL_TIME)
    ProgrammeFactory(title="Sur place", format=Programme.Format.ON_SITE, rhythm=Programme.Rhythm.PART_TIME)
    assert titles(client.get(URL, {"format": "distanciel", "rythme": "temps-partiel"})) == ["À distance, partiel"]


def test_filter_by_city_keeps_online_programmes_when_asked(client, communes):
    lyon = CityFactory(name="Lyon", slug="lyon", commune=communes["69123"])
    paris = CityFactory(name="Paris", slug="paris", commune=communes["75056"])
    ProgrammeFactory(title="A Lyon et Paris", cities=[lyon, paris], format=Programme.Format.ON_SITE)
    ProgrammeFactory(title="B À distance", format=Programme.Format.ONLINE)
    ProgrammeFactory(title="C Paris seulement", cities=[paris], format=Programme.Format.ON_SITE)
    assert titles(client.get(URL, {"ville": "lyon"})) == ["A Lyon et Paris"]
    assert titles(client.get(URL, {"ville": "lyon", "ou_a_distance": "oui"})) == ["A Lyon et Paris", "B À distance"]


def test_filter_by_maximum_price_keeps_free_drops_unknown(client):
    ProgrammeFactory(title="Gratuit", price=0)
    ProgrammeFactory(title="Abordable", price=5000)
    ProgrammeFactory(title="Cher", price=5001)
    ProgrammeFactory(title="Inconnu", price=None)
    assert titles(client.get(URL, {"prix_max": "5000"})) == ["Gratuit", "Abordable"]


def test_filter_by_maximum_duration_in_months_converts_weeks(client):
    ProgrammeFactory(title="Douze semaines", duration_weeks=12)
    ProgrammeFactory(title="Trois mois", duration_months=3)
    ProgrammeFactory(title="Quatre mois", duration_months=4)
    ProgrammeFactory(title="Durée inconnue")
    assert sorted(titles(client.get(URL, {"duree_max": "3"}))) == ["Douze semaines", "Trois mois"]


def test_filter_by_career(client):
    career = CareerFactory(slug="chef-de-projet-ia")
    ProgrammeFactory(title="Vers ce métier", careers=[career])
    ProgrammeFactory(title="Autre", careers=[CareerFactory()])
    assert titles(client.get(URL, {"metier": "chef-de-projet-ia"})) == ["Vers ce métier"]


def test_career_filter_offers_only_careers_with_published_programmes(client):
    ProgrammeFactory(careers=[CareerFactory(title="Avec formation")])
    ProgrammeFactory(careers=[CareerFactory(title="Seulement en brouillon")], draft=True)
    CareerFactory(title="Sans formation")
    choices = [label for _, label in client.get(URL).context["filter"].form.fields["metier"].choices]
    assert choices == ["Tous les métiers", "Avec formation"]


def test_filter_by_level_shows_programmes_open_at_that_level(client):
    ProgrammeFactory(title="Sans prérequis", entry_level=Programme.EntryLevel.NONE)
    ProgrammeFactory(title="Après le bac", entry_level=Programme.EntryLevel.BAC)
    ProgrammeFactory(title="Après un bac+3", entry_level=Programme.EntryLevel.BAC_3)
    ProgrammeFactory(title="Niveau inconnu", entry_level="")
    assert sorted(titles(client.get(URL, {"niveau": "bac2"}))) == ["Après le bac", "Sans prérequis"]


# Sorting ------------------------------------------------------------------


def test_default_sort_is_cheapest_first_unknown_last(client):
    ProgrammeFactory(title="Cher", price=9000)
    ProgrammeFactory(title="Inconnu", price=None)
    ProgrammeFactory(title="Bon marché", price=3000)
    assert titles(client.get(URL)) == ["Bon marché", "Cher", "Inconnu"]


def test_sort_by_duration_compares_weeks_and_months(client):
    ProgrammeFactory(title="Six mois", duration_months=6)
    ProgrammeFactory(title="Inconnue")
    ProgrammeFactory(title="Dix semaines", duration_weeks=10)
    assert titles(client.get(URL, {"tri": "duree"})) == ["Dix semaines", "Six mois", "Inconnue"]


def test_sort_by_next_start(client):
    ProgrammeFactory(title="Automne", next_start=datetime.date(2026, 9, 1), price=1)
    ProgrammeFactory(title="Sans date", price=2)
    ProgrammeFactory(title="Printemps", next_start=datetime.date(2026, 3, 1), price=3)
    assert titles(client.get(URL, {"tri": "rentree"})) == ["Printemps", "Automne", "Sans date"]


# Bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"prix_max": "-1"}, "prix_max"),
        ({"prix_max": "1e999"}, "prix_max"),
        ({"duree_max": "abc"}, "duree_max"),
        ({"duree_max": "NaN"}, "duree_max"),
        ({"parcours": "nope"}, "parcours"),
        ({"parcours": "a\x00b"}, "parcours"),
        ({"ville": "atlantide"}, "ville"),
        ({"metier": "astronaute"}, "metier"),
        ({"cpf": "peut-etre"}, "cpf"),
        ({"format": "fax"}, "format"),
        ({"niveau": "bac+12"}, "niveau"),
        ({"tri": "<script>alert(1)</script>"}, "tri"),
    ],
)
def test_bad_filter_value_shows_page_with_message(client, params, field):
    ProgrammeFactory(title="Toujours là")
    response = client.get(URL, params)
    assert response.status_code == 200
    assert field in response.context["filter"].form.errors
    assert "Certains filtres n’ont pas été appliqués" in response.text
    assert "Toujours là" in response.text
    assert "<script>alert(1)</script>" not in response.text


def test_valid_filters_still_apply_beside_bad_ones(client):
    ProgrammeFactory(title="CPF", cpf_eligible=True)
    ProgrammeFactory(title="Sans CPF", cpf_eligible=False)
    response = client.get(URL, {"cpf": "oui", "prix_max": "-1", "duree_max": "abc", "parcours": "nope"})
    assert titles(response) == ["CPF"]
    assert set(response.context["filter"].form.errors) == {"prix_max", "duree_max", "parcours"}


@pytest.mark.parametrize("page", ["0", "-3", "abc", "99999"])
def test_malformed_page_number_shows_a_page_with_message(client, page):
    ProgrammeFactory.create_batch(3)
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert response.context["page_error"]
    assert len(response.context["programmes"]) == 3


def test_twenty_a_page_and_pagination_keeps_filters(client):
    ProgrammeFactory.create_batch(25, cpf_eligible=True)
    response = client.get(URL, {"cpf": "oui"})
    assert len(response.context["programmes"]) == 20
    assert 'href="?cpf=oui&amp;page=2"' in response.text
    assert len(client.get(URL, {"cpf": "oui", "page": "2"}).context["programmes"]) == 5


def test_rows_can_be_ticked_and_sent_to_the_comparison_without_javascript(client):
    programme = ProgrammeFactory(slug="bootcamp-a")
    text = client.get(URL).text
    form = text[text.index('<form method="get" action="/formations/comparer/"') :]
    form = form[: form.index("</form>")]
    assert 'type="checkbox" name="p" value="bootcamp-a"' in form
    assert f'for="programmes-p-{programme.pk}"' in form
    assert '<button type="submit">' in form


@pytest.mark.parametrize("count", [2, 30])
def test_query_count_does_not_grow_with_programmes(client, django_assert_num_queries, count):
    city = CityFactory()
    career = CareerFactory()
    for programme in ProgrammeFactory.create_batch(count, cities=[city], careers=[career]):
        OutcomeFactory(programme=programme, placement=True)
    # 1 count for pagination, 1 page of programmes with provider, path and placement,
    # 1 prefetch of cities, then the filter form's choices: paths, careers.
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["programmes"]) == min(count, 20)


def test_a_number_field_never_shows_a_non_number_again(client):
    """``<input type=number value="gratuit">`` would be invalid HTML; the message says what was wrong."""
    response = client.get(URL, {"prix_max": "gratuit", "duree_max": "6"})
    assert 'value="gratuit"' not in response.text
    assert 'name="duree_max" value="6"' in response.text
