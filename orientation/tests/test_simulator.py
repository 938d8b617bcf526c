import datetime

import pytest

from careers.models import PayFigure
from careers.tests.factories import CareerFactory, PayFigureFactory, SourceFactory
from core.geography import Country, Currency
from orientation.simulator import scenario, simulate
from training.models import Programme
from training.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

URL = "/orientation/cout/"


@pytest.fixture
def career():
    career = CareerFactory(title="Chef de projet IA", slug="chef-de-projet-ia")
    source = SourceFactory(publisher="Apec", title="Salaires des cadres", published_on=datetime.date(2025, 10, 1))
    PayFigureFactory(career=career, experience=PayFigure.Experience.JUNIOR, amount_low=40000, amount_high=48000,
                     source=source)  # fmt: skip
    PayFigureFactory(career=career, experience=PayFigure.Experience.ALL, amount_low=38000, amount_high=54000)
    PayFigureFactory(career=career, kind=PayFigure.Kind.DAY_RATE, experience=PayFigure.Experience.CONFIRMED,
                     amount_low=700, amount_high=900)  # fmt: skip
    PayFigureFactory(career=career, country=Country.UNITED_STATES, currency=Currency.USD, amount_low=90000,
                     amount_high=130000)  # fmt: skip
    return career


@pytest.fixture
def bootcamp():
    return ProgrammeFactory(
        slug="bootcamp", price=6000, duration_weeks=12, rhythm=Programme.Rhythm.FULL_TIME, cpf_eligible=True
    )


def test_full_time_programme_costs_its_price_less_cpf_and_lost_pay(client, career, bootcamp):
    query = {"formation": "bootcamp", "metier": "chef-de-projet-ia", "cpf": "1500", "salaire": "2000"}
    response = client.get(URL, query)
    assert response.status_code == 200
    s = response.context["simulation"]
    # 6 000 − 1 500 CPF + 100 flat contribution = 4 600; 12 weeks = 84 days = 3 months (a started month counts)
    # × 2 000 = 6 000.
    assert (s.cpf_used, s.remaining, s.months_without_pay, s.lost_pay, s.total_cost) == (1500, 4600, 3, 6000, 10600)
    assert s.pay.junior and s.pay.figure.amount_low == 40000
    # 40 000 × 75 % / 12 = 2 500 net a month: +500, so 10 600 / 500 = 21.2, so 22 months; 48 000 gives 3 000:
    # 10.6, so 11.
    assert [(r.gross_annual, r.net_monthly, r.monthly_gain, r.payback_months) for r in s.scenarios] == [
        (40000, 2500, 500, 22),
        (48000, 3000, 1000, 11),
    ]
    [freelance] = s.freelance
    assert (freelance.annual_low, freelance.annual_high) == (140000, 180000)  # 200 days assumed
    text = response.text
    assert "Reste à payer" in text and "4\xa0600\xa0€" in text and "22 mois" in text
    assert "Apec : Salaires des cadres, octobre 2025" in text
    assert "Hypothèse : 200 jours facturés par an" in text


def test_the_assumptions_can_be_changed_in_the_url(client, career, bootcamp):
    query = {"formation": "bootcamp", "metier": "chef-de-projet-ia", "salaire": "0", "jours": "150", "net": "80"}
    s = client.get(URL, query).context["simulation"]
    assert s.cpf_used == 0 and s.lost_pay == 0
    assert s.scenarios[0].net_monthly == 2667  # 40 000 × 80 % / 12
    assert s.freelance[0].annual_low == 105000  # 700 × 150


def test_part_time_keeps_the_salary_and_cpf_needs_eligibility(client, career):
    ProgrammeFactory(slug="soir", price=3000, duration_months=6, rhythm=Programme.Rhythm.PART_TIME, cpf_eligible=None)
    s = client.get(URL, {"formation": "soir", "metier": "chef-de-projet-ia", "cpf": "5000", "salaire": "2500"}).context[
        "simulation"
    ]
    assert (s.cpf_used, s.remaining, s.months_without_pay, s.total_cost) == (0, 3000, 0, 3000)
    assert s.scenarios[0].payback_months is None  # 2 500 net after is no gain over 2 500 today


def test_without_a_junior_figure_it_says_so_and_uses_the_labelled_all_levels_one(client, bootcamp):
    career = CareerFactory(slug="sans-junior")
    PayFigureFactory(career=career, experience=PayFigure.Experience.ALL, amount_low=38000, amount_high=54000)
    response = client.get(URL, {"formation": "bootcamp", "metier": "sans-junior", "salaire": "2000"})
    assert response.context["simulation"].pay.junior is False
    assert "Aucun salaire de débutant sourcé pour ce métier" in response.text
    assert "Salaire tous niveaux en France" in response.text


def test_without_any_french_salary_nothing_is_invented(client, bootcamp):
    CareerFactory(slug="sans-chiffre")
    response = client.get(URL, {"formation": "bootcamp", "metier": "sans-chiffre", "salaire": "2000"})
    assert response.context["simulation"].scenarios == []
    assert "Ce métier n’a aucun salaire français sourcé" in response.text


def test_scenario_arithmetic_on_fixed_inputs():
    result = scenario(36000, 2000, 75, 9000)  # 2 250 net, +250 a month
    assert (result.net_monthly, result.monthly_gain, result.payback_months) == (2250, 250, 36)
    assert scenario(36000, 0, 75, 0).payback_months == 0
    assert scenario(24000, 2000, 75, 100).payback_months is None


def test_simulate_caps_cpf_at_the_price(career, bootcamp):
    s = simulate(bootcamp, career, [], cpf=10000, current_net_monthly=0, rhythm="temps-plein", billable_days=200,
                 net_share=75)  # fmt: skip
    assert (s.cpf_used, s.remaining) == (6000, 100)  # the flat contribution stays to pay


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"salaire": "deux mille"}, "salaire", "Indiquez un nombre entier."),
        ({"salaire": "-1"}, "salaire", "Indiquez au moins 0."),
        ({"salaire": ""}, "salaire", "Ce montant est nécessaire au calcul."),
        ({"cpf": "9" * 30}, "cpf", "Indiquez au plus 100000."),
        ({"jours": "400"}, "jours", "Indiquez au plus 260."),
        ({"net": "20"}, "net", "Indiquez au moins 50."),
        ({"formation": "inconnue"}, "formation", "Cette formation n’existe pas ou n’est plus publiée."),
        ({"metier": ""}, "metier", "Choisissez le métier visé."),
    ],
)
def test_bad_inputs_get_a_french_message(client, career, bootcamp, query, field, message):
    data = {"formation": "bootcamp", "metier": "chef-de-projet-ia", "salaire": "2000", **query}
    response = client.get(URL, data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert "simulation" not in response.context
    assert message in response.text


def test_programmes_missing_a_price_or_rhythm_are_explained(client, career):
    ProgrammeFactory(slug="sans-prix", price=None, rhythm=Programme.Rhythm.PART_TIME)
    ProgrammeFactory(slug="sans-rythme", price=5000, duration_months=3, rhythm="")
    base = {"metier": "chef-de-projet-ia", "salaire": "2000"}
    response = client.get(URL, {**base, "formation": "sans-prix"})
    assert "ne communique pas son prix" in response.text
    assert "Corrigez" not in response.text  # the visitor typed nothing wrong
    assert "simulation" not in response.context
    response = client.get(URL, {**base, "formation": "sans-rythme"})
    assert "précisez celui que vous suivrez" in response.text
    response = client.get(URL, {**base, "formation": "sans-rythme", "rythme": "temps-plein"})
    assert response.context["simulation"].months_without_pay == 3


def test_simulator_runs_a_fixed_number_of_queries(client, career, bootcamp, django_assert_num_queries):
    query = {"formation": "bootcamp", "metier": "chef-de-projet-ia", "salaire": "2000"}
    # Programme and career looked up, the career's French pay figures with sources, then the two select menus.
    with django_assert_num_queries(5):
        client.get(URL, query)
    for _ in range(10):
        ProgrammeFactory(price=1000)
        PayFigureFactory(career=career, kind=PayFigure.Kind.DAY_RATE, amount_low=500, amount_high=600)
    with django_assert_num_queries(5):
        client.get(URL, query)


def test_a_programme_without_price_is_computed_from_the_price_the_visitor_enters(client, career):
    ProgrammeFactory(slug="sans-prix", price=None, duration_months=3, rhythm=Programme.Rhythm.FULL_TIME,
                     cpf_eligible=True)  # fmt: skip
    query = {"formation": "sans-prix", "metier": "chef-de-projet-ia", "salaire": "2000", "cpf": "1000"}

    response = client.get(URL, {**query, "prix": "4000"})

    s = response.context["simulation"]
    assert s.price_entered and s.price == 4000
    assert s.remaining == 4000 - 1000 + 100
    assert "le prix que vous avez indiqué" in response.text


def test_a_price_entered_does_not_replace_the_programmes_own(client, career, bootcamp):
    query = {"formation": "bootcamp", "metier": "chef-de-projet-ia", "salaire": "2000", "prix": "10"}
    assert client.get(URL, query).context["simulation"].price == 6000


def test_flat_cpf_contribution_is_counted_with_its_source_and_job_seekers_are_exempt(client, career, bootcamp):
    query = {"formation": "bootcamp", "metier": "chef-de-projet-ia", "salaire": "0", "cpf": "2000"}

    response = client.get(URL, query)
    s = response.context["simulation"]
    assert (s.contribution, s.remaining) == (100, 6000 - 2000 + 100)
    assert "Participation forfaitaire au CPF" in response.text
    assert "Décret n° 2024-394 du 29 avril 2024" in response.text
    assert "https://www.via-competences.fr/actualites/cpf-le-decret-sur-le-reste-charge-est-publie" in response.text

    response = client.get(URL, {**query, "demandeur": "on"})
    s = response.context["simulation"]
    assert (s.contribution, s.remaining) == (0, 4000)
    assert "les demandeurs d’emploi en sont exonérés" in response.text


def test_no_contribution_when_the_cpf_pays_nothing(client, career, bootcamp):
    query = {"formation": "bootcamp", "metier": "chef-de-projet-ia", "salaire": "2000", "cpf": "0"}
    s = client.get(URL, query).context["simulation"]
    assert (s.contribution, s.remaining, s.contribution_source) == (0, 6000, None)


def test_imported_price_range_and_hours_feed_the_simulation(client, career):
    # As the CPF import leaves a programme: a price range, hours but no months.
    ProgrammeFactory(slug="cpf-import", price=2900, price_high=4100, duration_hours=400,
                     rhythm=Programme.Rhythm.FULL_TIME, cpf_eligible=True)  # fmt: skip
    query = {"formation": "cpf-import", "metier": "chef-de-projet-ia", "salaire": "1500", "demandeur": "on"}

    response = client.get(URL, query)

    s = response.context["simulation"]
    assert s.price == 2900 and s.price_high == 4100  # the lowest price, the range said
    assert s.months_without_pay == 3 and s.months_from_hours  # 400 h at 35 h a week: 2.6 months, so 3
    assert "jusqu’à 4\xa0100\xa0€" in response.text
    assert "comptées à 35 heures par semaine" in response.text
