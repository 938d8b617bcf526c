import pytest

from careers.tests.factories import CareerFactory, PayFigureFactory
from jobs.tests.factories import JobOfferFactory
from training.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_home_ranks_careers_by_the_ranking_pages_rule(client):
    confirmed = PayFigureFactory._meta.model.Experience.CONFIRMED
    lower = CareerFactory(title="Moins payé")
    PayFigureFactory(career=lower, experience=confirmed, amount_low=30000, amount_high=40000)
    better = CareerFactory(title="Mieux payé")
    PayFigureFactory(career=better, experience=confirmed, amount_low=50000, amount_high=90000)
    PayFigureFactory(career=better, experience=confirmed, amount_low=60000, amount_high=60000)
    # The highest salary, but for all levels together: the rule ranks confirmed profiles.
    PayFigureFactory(career=CareerFactory(title="Tous niveaux"), amount_low=99000, amount_high=99000)
    CareerFactory(title="Brouillon", draft=True)
    response = client.get("/")
    assert response.status_code == 200
    text = response.text
    assert '<html lang="fr">' in text
    assert text.index("Mieux payé") < text.index("Moins payé")
    # Of two sources (70 000 and 60 000 as their middles), the lower central one: a source's own figure.
    assert "60\xa0000\xa0€ brut par an (médiane de 2 sources)" in text
    assert "35\xa0000\xa0€ brut par an (médiane d’une source)" in text
    assert 'href="/metiers/les-mieux-payes/"' in text
    assert "Tous niveaux" not in text and "Brouillon" not in text


def test_home_has_a_door_for_students_and_one_for_career_changers(client):
    text = client.get("/").text
    assert "Je prépare mes études" in text and 'href="/parcours/"' in text
    assert "Je me reconvertis" in text and 'href="/formations/?cpf=oui"' in text
    assert 'href="/orientation/cout/"' in text and 'href="/formations/comparer/"' in text


def test_home_figures_match_the_database(client):
    CareerFactory.create_batch(3)
    CareerFactory(draft=True)
    ProgrammeFactory.create_batch(2)
    ProgrammeFactory(draft=True)
    JobOfferFactory.create_batch(4)
    JobOfferFactory(expired=True)
    response = client.get("/")
    assert response.context["figures"] == {"careers": 3, "programmes": 2, "offers": 4}
    text = response.text
    assert "<strong>3</strong> métiers décrits" in text
    assert "<strong>2</strong> formations référencées" in text
    assert "<strong>4</strong> offres ouvertes" in text


def test_home_shows_the_newest_open_offers(client):
    JobOfferFactory(title="Ancienne offre")
    JobOfferFactory(title="Offre expirée", expired=True)
    newest = JobOfferFactory(title="Toute nouvelle offre")
    text = client.get("/").text
    assert newest.get_absolute_url() in text
    assert text.index("Toute nouvelle offre") < text.index("Ancienne offre")
    assert "Offre expirée" not in text


def test_base_template_has_skip_link_navigation_and_local_stylesheet(client):
    text = client.get("/").text
    assert 'href="#contenu"' in text and 'id="contenu"' in text
    assert 'aria-label="Navigation principale"' in text
    assert 'href="/static/portal/site.css"' in text
    assert "https://" not in text.split("<body>")[0]  # no CDN in <head>


def test_stylesheet_is_served(client):
    response = client.get("/static/portal/site.css")
    assert response.status_code == 200


def test_home_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    def make(n):
        for _ in range(n):
            PayFigureFactory(career=CareerFactory())
            ProgrammeFactory()
            JobOfferFactory(career=CareerFactory())

    make(1)
    # The ranking's careers, then their figures with their sources; newest offers (employer and career
    # joined), then three counts.
    with django_assert_num_queries(6):
        client.get("/")
    make(10)
    with django_assert_num_queries(6):
        client.get("/")
