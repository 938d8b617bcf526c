"""/recherche/: one search over every kind, accent- and case-blind, with synonyms, spelling and suggestions."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from careers.tests.factories import CareerFactory, MissionFactory, SectorFactory, SkillFactory
from core.tests.factories import SynonymFactory
from jobs.tests.factories import EmployerFactory, JobOfferFactory
from training.tests.factories import CityFactory, PathFactory, ProgrammeFactory, ProviderFactory

pytestmark = pytest.mark.django_db


KINDS = ("careers", "sectors", "paths", "programmes", "providers", "offers", "employers")


def group_counts(response):
    return {group.kind: group.count for group in response.context["results"].groups if group.count}


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
    assert group_counts(response) == {"careers": 12, "offers": 1}
    assert [group.kind for group in response.context["results"].groups] == list(KINDS)
    text = response.text
    assert 'Métiers <span class="muted">(12)</span>' in text
    assert '<a href="#results-careers">Métiers</a> (12)' in text
    assert len(found(response, "careers")) == 10
    assert 'href="/metiers/?q=analyste"' in text and 'href="/formations/?q=analyste"' in text
    assert 'href="/offres/?q=analyste"' in text and 'href="/parcours/"' in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Tapez au moins un mot"),
        ("chef\x1bprojet", "caractère de contrôle invisible (U+001B) en position 5"),
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
    # The synonyms; careers and sectors; paths, programmes and providers (each with its count); the employers
    # holding the words (also the employers found); offers and their count; the names the box suggests.
    with django_assert_num_queries(10):
        assert client.get("/recherche/", {"q": "analyste"}).status_code == 200
    make(15)
    cache.clear()
    with django_assert_num_queries(10):
        assert client.get("/recherche/", {"q": "analyste"}).status_code == 200
    # Nothing found: the same, but the names are read to respell the query (and offered to the box).
    cache.clear()
    with django_assert_num_queries(10):
        response = client.get("/recherche/", {"q": "analiste"})
    assert response.context["results"].spelling.text == "analyste"


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
    assert group_counts(response) == {"careers": 1, "offers": 3}
    assert 'Offres d’emploi ouvertes <span class="muted">(plus de 3)</span>' in response.text
    assert "Plus de 4 résultats pour « analyste »." in response.text
    board = client.get(next(g for g in response.context["results"].groups if g.kind == "offers").more_url)
    assert "Plus de 3 offres ouvertes" in board.text


@pytest.mark.parametrize("query", ["sécurité", "securite", "SECURITE", "Sécurité"])
def test_a_sector_and_its_careers_are_found_without_accents_or_case(client, query):
    sector = SectorFactory(name="Cybersécurité", slug="cybersecurite")
    CareerFactory(title="Analyste SOC").sectors.add(sector)
    CareerFactory(title="Juriste")
    CareerFactory(title="Brouillon", draft=True).sectors.add(sector)
    response = client.get("/recherche/", {"q": query})
    assert found(response, "sectors") == ["Cybersécurité"]
    assert found(response, "careers") == ["Analyste SOC"]
    assert 'href="/metiers/?secteur=cybersecurite"' in response.text
    sectors = next(group for group in response.context["results"].groups if group.kind == "sectors")
    listed = client.get(sectors.more_url).context["careers"]
    assert [career.title for career in listed] == ["Analyste SOC"]


def test_a_sector_no_published_career_works_in_is_not_found(client):
    CareerFactory(title="Brouillon", draft=True).sectors.add(SectorFactory(name="Cybersécurité"))
    assert found(client.get("/recherche/", {"q": "securite"}), "sectors") == []


def test_a_route_is_found_by_its_name(client):
    PathFactory(title="Alternance", slug="alternance")
    PathFactory(title="Université")
    PathFactory(title="Alternance cachée", draft=True)
    response = client.get("/recherche/", {"q": "alternance"})
    assert found(response, "paths") == ["Alternance"]
    assert 'href="/parcours/alternance/"' in response.text


def test_providers_and_employers_are_found_by_name(client):
    ProgrammeFactory(provider=ProviderFactory(name="École Alpha"))
    ProviderFactory(name="Alpha sans formation")
    ProgrammeFactory(provider=ProviderFactory(name="Alpha en brouillon"), draft=True)
    employer = EmployerFactory(name="Alpha Industries", slug="alpha-industries")
    response = client.get("/recherche/", {"q": "alpha"})
    assert found(response, "providers") == ["École Alpha"]
    assert found(response, "employers") == ["Alpha Industries"]
    assert f'href="{employer.get_absolute_url()}"' in response.text
    assert 'href="/formations/?q=%C3%89cole+Alpha"' in response.text
    providers = next(group for group in response.context["results"].groups if group.kind == "providers")
    assert providers.more_url == "/formations/?q=alpha"


def test_synonyms_expand_the_query_both_ways(client):
    SynonymFactory(term="alternance", equivalents="apprentissage, contrat pro")
    PathFactory(title="Alternance")
    ProgrammeFactory(title="Licence en apprentissage")
    JobOfferFactory(title="Contrat pro data")
    by_term = client.get("/recherche/", {"q": "alternance"})
    assert found(by_term, "paths") == ["Alternance"]
    assert found(by_term, "programmes") == ["Licence en apprentissage"]
    assert found(by_term, "offers") == ["Contrat pro data"]
    assert found(client.get("/recherche/", {"q": "apprentissage"}), "paths") == ["Alternance"]


def test_a_short_synonym_stands_for_a_phrase(client):
    SynonymFactory(term="IA", equivalents="intelligence artificielle")
    CareerFactory(title="Juriste", summary="Encadre l’intelligence artificielle.")
    CareerFactory(title="Intelligence économique", summary="Veille.")
    CareerFactory(title="Spécialiste", summary="Analyse.")  # "ia" inside a word is not the word "IA"
    assert found(client.get("/recherche/", {"q": "IA"}), "careers") == ["Juriste"]
    assert found(client.get("/recherche/", {"q": "intelligence artificielle"}), "careers") == ["Juriste"]


def test_a_synonym_works_only_once_published(client):
    synonym = SynonymFactory(term="ML", equivalents="machine learning", draft=True)
    CareerFactory(title="Ingénieur machine learning")
    assert found(client.get("/recherche/", {"q": "ML"}), "careers") == []
    synonym.publish()
    assert found(client.get("/recherche/", {"q": "ML"}), "careers") == ["Ingénieur machine learning"]


def test_a_misspelt_query_that_finds_nothing_suggests_a_close_one(client):
    CareerFactory(title="Chef de projet IA")
    response = client.get("/recherche/", {"q": "cheff de projett"})
    assert response.context["results"].total == 0
    assert 'Vouliez-vous dire « <a href="/recherche/?q=chef+de+projet">chef de projet</a> » ?' in response.text
    assert '<option value="Chef de projet IA">' in response.text
    assert group_counts(client.get("/recherche/", {"q": "chef de projet"})) == {"careers": 1}


def test_the_suggested_spelling_keeps_accents(client):
    SectorFactory(name="Santé")
    CareerFactory(title="Ingénieur biomédical").sectors.add(SectorFactory(name="Cybersécurité"))
    response = client.get("/recherche/", {"q": "cybersecurute"})
    assert response.context["results"].spelling.text == "cybersécurité"


def test_nothing_is_suggested_when_no_name_is_close(client):
    CareerFactory(title="Chef de projet IA")
    response = client.get("/recherche/", {"q": "zorglub"})
    assert response.context["results"].spelling.text == ""
    assert "Vouliez-vous dire" not in response.text
    assert "Aucun résultat dans cette rubrique." in response.text


def test_drafts_are_never_suggested(client):
    CareerFactory(title="Cheffe cachée", draft=True)
    response = client.get("/recherche/", {"q": "cheffe"})
    assert response.context["results"].total == 0
    assert "cachée" not in response.text


def test_the_page_offers_names_to_the_browser_without_javascript(client):
    CareerFactory(title="Data scientist")
    CareerFactory(title="Brouillon secret", draft=True)
    text = client.get("/recherche/").text
    assert 'list="search-terms"' in text
    assert '<datalist id="search-terms"><option value="Data scientist"></option></datalist>' in text
    assert "Brouillon secret" not in text
    assert '<script src="/static/portal/search-suggest.js" defer></script>' in text


def test_the_suggestions_endpoint_answers_names_that_begin_as_typed(client):
    CareerFactory(title="Chef de projet IA")
    CareerFactory(title="Chercheur en vision", other_names="Research scientist")
    CareerFactory(title="Chef caché", draft=True)
    SectorFactory(name="Chimie")
    SynonymFactory(term="chatbot", equivalents="agent conversationnel")
    url = reverse("search_suggestions")
    assert client.get(url, {"q": "che"}).json() == {
        "q": "che",
        "suggestions": ["Chef de projet IA", "Chercheur en vision"],
    }
    assert client.get(url, {"q": "chef pro"}).json()["suggestions"] == ["Chef de projet IA"]
    assert client.get(url, {"q": "RESEARCH"}).json()["suggestions"] == ["Research scientist"]
    assert client.get(url, {"q": "agent"}).json()["suggestions"] == ["agent conversationnel"]
    assert client.get(url, {"q": "zorglub"}).json()["suggestions"] == []
    assert client.get(url).json() == {"q": "", "suggestions": []}
    assert client.get(url, {"q": "  "}).json() == {"q": "", "suggestions": []}


@pytest.mark.parametrize(
    "params",
    [{"q": "a" * 101}, {"q": "\x00chef"}, {"q": "\x07chef"}, {"q": "?!"}],
    ids=["long", "nul", "bell", "punct"],
)
def test_the_suggestions_endpoint_refuses_bad_input_in_json(client, params):
    response = client.get(reverse("search_suggestions"), params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == ["q"]


def test_unknown_parameters_are_ignored(client):
    CareerFactory(title="Analyste")
    response = client.get("/recherche/", {"q": "analyste", "page": "x", "tri": "\x00", "zzz": "1"})
    assert response.status_code == 200
    assert found(response, "careers") == ["Analyste"]


def test_lists_find_what_the_search_counted(client):
    """Each kind's "Voir ces …" list shows the rows /recherche/ counted, synonyms and accents included."""
    SynonymFactory(term="data", equivalents="données")
    sector = SectorFactory(name="Santé", slug="sante")
    CareerFactory(title="Analyste de données")
    CareerFactory(title="Data engineer")
    CareerFactory(title="Infirmier").sectors.add(sector)
    ProgrammeFactory(title="Bootcamp données")
    ProgrammeFactory(title="Master chimie")
    response = client.get("/recherche/", {"q": "Data"})
    groups = {group.kind: group for group in response.context["results"].groups}
    careers = client.get(groups["careers"].more_url)
    assert sorted(c.title for c in careers.context["careers"]) == ["Analyste de données", "Data engineer"]
    programmes = client.get(groups["programmes"].more_url)
    assert [p.title for p in programmes.context["programmes"]] == ["Bootcamp données"]
    assert [c.title for c in client.get("/metiers/", {"q": "sante"}).context["careers"]] == ["Infirmier"]


def test_a_published_synonym_reaches_cached_list_pages(client, settings):
    """A list's ?q= reads the synonyms: publishing one empties the cached pages it changes."""
    settings.PAGE_CACHE_SECONDS = 60
    CareerFactory(title="Chargé de DPO")
    CareerFactory(title="Délégué à la protection des données")
    assert [c.title for c in client.get("/metiers/", {"q": "dpo"}).context["careers"]] == ["Chargé de DPO"]
    SynonymFactory(term="DPO", equivalents="délégué à la protection des données")
    titles = {c.title for c in client.get("/metiers/", {"q": "dpo"}).context["careers"]}
    assert titles == {"Chargé de DPO", "Délégué à la protection des données"}


def test_names_of_providers_and_employers_are_respelt_too(client):
    ProgrammeFactory(provider=ProviderFactory(name="Université de Strasbourg"))
    EmployerFactory(name="Banque Populaire")
    assert client.get("/recherche/", {"q": "strasbourgh"}).context["results"].spelling.text == "strasbourg"
    assert client.get("/recherche/", {"q": "banqe populaire"}).context["results"].spelling.text == "banque populaire"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_each_postgresql_connection_compares_trigrams_from_045():
    with connection.cursor() as cursor:
        cursor.execute("SHOW pg_trgm.word_similarity_threshold")
        assert cursor.fetchone() == ("0.45",)
