import pytest

from careers.tests.factories import CareerFactory, MissionFactory, SkillFactory
from jobs.tests.factories import EmployerFactory, JobOfferFactory
from training.tests.factories import CityFactory, PathFactory, ProgrammeFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def group_counts(response):
    return {group.kind: group.count for group in response.context["results"].groups}


def found(response, kind):
    [group] = [g for g in response.context["results"].groups if g.kind == kind]
    return [row.title for row in group.results]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("securite", "Expert en Sécurité de l’IA"),
        ("SÉCURITÉ", "Expert en Sécurité de l’IA"),
        ("ingenieur", "Ingénieur IA"),
    ],
)
def test_search_ignores_accents_and_case(client, query, title):
    CareerFactory(title="Expert en Sécurité de l’IA")
    CareerFactory(title="Ingénieur IA")
    CareerFactory(title="Juriste")
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    assert found(response, "careers") == [title]


def test_careers_are_found_by_other_names_skills_and_missions(client):
    by_name = CareerFactory(title="Chef de projet IA", other_names="AI Product Manager")
    by_skill = CareerFactory(title="Analyste")
    by_skill.skills.add(SkillFactory(name="Modélisation statistique"))
    MissionFactory(career=CareerFactory(title="Architecte"), title="Déployer les modèles en production")
    CareerFactory(title="Brouillon", other_names="Manager", draft=True)
    assert found(client.get("/recherche/", {"q": "manager"}), "careers") == [by_name.title]
    assert found(client.get("/recherche/", {"q": "modelisation"}), "careers") == ["Analyste"]
    assert found(client.get("/recherche/", {"q": "deployer production"}), "careers") == ["Architecte"]


def test_every_word_must_match_somewhere(client):
    career = CareerFactory(title="Chef de projet")
    career.skills.add(SkillFactory(name="Python"))
    CareerFactory(title="Chef cuisinier")
    assert found(client.get("/recherche/", {"q": "chef python"}), "careers") == ["Chef de projet"]


def test_programmes_are_found_by_title_provider_path_and_city(client):
    ProgrammeFactory(title="Bootcamp données", provider=ProviderFactory(name="École Alpha"))
    ProgrammeFactory(title="Master IA", path=PathFactory(title="Université"))
    ProgrammeFactory(title="Licence pro", cities=[CityFactory(name="Besançon", slug="besancon")])
    ProgrammeFactory(title="Caché", provider=ProviderFactory(name="Alpha bis"), draft=True)
    assert found(client.get("/recherche/", {"q": "donnees"}), "programmes") == ["Bootcamp données"]
    assert found(client.get("/recherche/", {"q": "ecole alpha"}), "programmes") == ["Bootcamp données"]
    assert found(client.get("/recherche/", {"q": "universite"}), "programmes") == ["Master IA"]
    assert found(client.get("/recherche/", {"q": "besancon"}), "programmes") == ["Licence pro"]


def test_open_offers_are_found_by_title_employer_and_city(client):
    JobOfferFactory(title="Ingénieur vision", city="Orléans")
    JobOfferFactory(title="Data scientist", employer=EmployerFactory(name="Société Générale"))
    JobOfferFactory(title="Ingénieur expiré", expired=True)
    JobOfferFactory(title="Ingénieur brouillon", draft=True)
    assert found(client.get("/recherche/", {"q": "ingenieur"}), "offers") == ["Ingénieur vision"]
    assert found(client.get("/recherche/", {"q": "orleans"}), "offers") == ["Ingénieur vision"]
    assert found(client.get("/recherche/", {"q": "societe generale"}), "offers") == ["Data scientist"]


def test_titles_rank_above_summaries(client):
    CareerFactory(title="Juriste", summary="Encadre les usages de la donnée.")
    CareerFactory(title="Ingénieur données", summary="Construit les chaînes.")
    assert found(client.get("/recherche/", {"q": "donnee"}), "careers") == ["Ingénieur données", "Juriste"]


def test_results_are_grouped_with_counts_and_links_to_the_lists(client):
    for n in range(12):
        CareerFactory(title=f"Analyste {n}")
    JobOfferFactory(title="Analyste junior")
    response = client.get("/recherche/", {"q": "analyste"})
    assert group_counts(response) == {"careers": 12, "programmes": 0, "offers": 1}
    text = response.text
    assert 'Métiers <span class="muted">(12)</span>' in text
    assert len(found(response, "careers")) == 10
    assert 'href="/metiers/"' in text and 'href="/formations/"' in text and 'href="/offres/?q=analyste"' in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Tapez au moins un mot"),
        ("a" * 101, "Votre recherche est trop longue : 100 caractères au plus."),
        ("!!! ???", "la ponctuation seule ne se cherche pas"),
        ("\x00abc", "Le caractère nul n’est pas autorisé."),
    ],
)
def test_bad_queries_get_a_message(client, query, message):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    assert message in response.text
    assert response.context["results"] is None


def test_the_header_search_box_is_a_labelled_get_form(client):
    text = client.get("/").text
    assert 'role="search" method="get" action="/recherche/"' in text
    assert '<label class="visually-hidden" for="site-search-q">Rechercher</label>' in text


def test_search_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    def make(n):
        for i in range(n):
            career = CareerFactory(title=f"Analyste {i}")
            career.skills.add(SkillFactory())
            ProgrammeFactory(title=f"Analyste formation {i}", cities=[CityFactory()])
            JobOfferFactory(title=f"Analyste offre {i}")

    make(1)
    # Careers (with their count), programmes (with theirs), the employers holding the words, offers, their count.
    with django_assert_num_queries(5):
        assert client.get("/recherche/", {"q": "analyste"}).status_code == 200
    make(15)
    with django_assert_num_queries(5):
        assert client.get("/recherche/", {"q": "analyste"}).status_code == 200


def test_offers_found_are_the_ones_the_offer_board_lists(client):
    """The count and the "Voir ces offres" link agree: both search the offers the same way."""
    for i in range(12):
        JobOfferFactory(title=f"Ingénieur IA {i}", city="Lyon" if i % 2 else "Paris")
    JobOfferFactory(title="Spécialiste média", city="Lyon")
    response = client.get("/recherche/", {"q": "IA Lyon"})
    offers = next(group for group in response.context["results"].groups if group.kind == "offers")
    board = client.get(offers.more_url)
    assert offers.count == board.context["paginator"].count == 6
    assert {offer.city for offer in offers.results} == {"Lyon"}


def test_offers_past_the_search_limit_are_counted_as_more_than_the_limit(client, monkeypatch):
    """Like the board, the search stops counting offers past ``COUNT_LIMIT`` and says "plus de"."""
    monkeypatch.setattr("core.search.COUNT_LIMIT", 3)
    for i in range(5):
        JobOfferFactory(title=f"Analyste data {i}")
    CareerFactory(title="Analyste")
    response = client.get("/recherche/", {"q": "analyste"})
    assert group_counts(response) == {"careers": 1, "programmes": 0, "offers": 3}
    assert 'Offres d’emploi ouvertes <span class="muted">(plus de 3)</span>' in response.text
    assert "Plus de 4 résultats pour « analyste »." in response.text
    board = client.get(next(g for g in response.context["results"].groups if g.kind == "offers").more_url)
    assert "Plus de 3 offres ouvertes" in board.text
