"""The "open offers" section that the jobs app adds to career profiles."""

import pytest

from careers.tests.factories import CareerFactory, MarketFigureFactory
from jobs.tests.factories import JobOfferFactory, days_ago

pytestmark = pytest.mark.django_db


def section(response):
    text = response.text
    start = text.index('<section aria-labelledby="open-offers">')
    return text[start : text.index("</section>", start)]


def test_profile_shows_open_offer_count_five_newest_and_pay_from_offers(client):
    career = CareerFactory()
    for day in range(1, 8):
        JobOfferFactory(career=career, title=f"Offre du jour {day}", published_at=days_ago(day))
    JobOfferFactory(career=career, title="Payée bas", salary_low=30000, salary_high=40000, published_at=days_ago(20))
    JobOfferFactory(career=career, title="Payée haut", salary_low=60000, published_at=days_ago(21))
    JobOfferFactory(career=career, title="Expirée", salary_low=200000, expired=True)
    JobOfferFactory(career=career, title="Brouillon", salary_low=1000, draft=True)
    JobOfferFactory(title="Autre métier", salary_low=90000)
    response = client.get(career.get_absolute_url())
    market = response.context["job_market"]
    assert market.open_count == 9
    assert [o.title for o in market.newest] == [f"Offre du jour {day}" for day in range(1, 6)]
    assert (market.pay.paid, market.pay.low, market.pay.median, market.pay.high) == (2, 30000, 47500, 60000)
    html = section(response)
    assert "9 offres ouvertes pour ce métier" in html
    assert f'href="/offres/?metier={career.slug}"' in html
    assert "Offre du jour 5" in html and "Offre du jour 6" not in html
    assert "Salaire annuel brut annoncé par 2 offres ouvertes" in html
    assert "30\xa0000\xa0€" in html and "47\xa0500\xa0€" in html and "60\xa0000\xa0€" in html
    assert "viennent des offres ouvertes sur Cap IA, pas d’une étude" in html


def test_section_sits_right_after_the_sourced_market_figures(client):
    career = CareerFactory()
    MarketFigureFactory(career=career)
    text = client.get(career.get_absolute_url()).text
    assert text.index('aria-labelledby="market"') < text.index('aria-labelledby="open-offers"')


def test_profile_without_open_offers_says_so_and_shows_no_pay(client):
    career = CareerFactory()
    JobOfferFactory(career=career, expired=True, salary_low=50000)
    response = client.get(career.get_absolute_url())
    html = section(response)
    assert "Aucune offre ouverte pour ce métier" in html
    assert "<table" not in html


def test_pay_table_is_hidden_when_no_open_offer_states_a_salary(client):
    career = CareerFactory()
    JobOfferFactory(career=career, day_rate_low=600)
    html = section(client.get(career.get_absolute_url()))
    assert "1 offre ouverte pour ce métier" in html and "<table" not in html
