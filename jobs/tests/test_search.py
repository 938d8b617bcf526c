"""?q= on /offres/ reads the folded search column through its trigram index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.models import JobOffer
from jobs.tests.factories import EmployerFactory, JobOfferFactory

pytestmark = pytest.mark.django_db


def titles(client, q, **params):
    response = client.get("/offres/", {"q": q, **params})
    assert response.status_code == 200
    return response.text


def test_search_ignores_case_and_accents_in_title_employer_and_description(client):
    JobOfferFactory(title="Ingénieure Données", description="Rien.")
    JobOfferFactory(title="Poste A", employer=EmployerFactory(name="Société Générative"), description="Rien.")
    JobOfferFactory(title="Poste B", description="Vous déployez des modèles **LLM**.")
    assert "Ingénieure Données" in titles(client, "DONNEES")
    assert "Poste A" in titles(client, "generative")
    assert "Poste B" in titles(client, "Déployez llm")
    assert "Poste B" not in titles(client, "déployez absent")


def test_every_word_must_match(client):
    JobOfferFactory(title="Data scientist", description="Python et SQL.")
    JobOfferFactory(title="Data engineer", description="Scala.")
    page = titles(client, "data python")
    assert "Data scientist" in page
    assert "Data engineer" not in page


def test_edited_offer_and_renamed_employer_are_found_at_once(client):
    offer = JobOfferFactory(title="Analyste", description="Rien.")
    offer.title = "Analyste vision"
    offer.save(update_fields=["title", "updated_at"])
    assert "Analyste vision" in titles(client, "vision")
    offer.employer.name = "Nouveau Nom"
    offer.employer.save()
    assert "Analyste vision" in titles(client, "nouveau")


def test_deleted_offer_leaves_no_search_result(client):
    offer = JobOfferFactory(title="Unique zorglub")
    offer.delete()
    assert "Unique zorglub" not in titles(client, "zorglub")
    assert JobOffer.objects.matching("zorglub", max_words=8).count() == 0


@pytest.mark.parametrize("q", ["*", "[", "?", "%", "_", "a", "l’ia", "\u00a0", "ǅ"])
def test_pattern_characters_are_taken_literally(client, q):
    JobOfferFactory(title="Plain title", description="Plain.")
    assert client.get("/offres/", {"q": q}).status_code == 200
    assert JobOffer.objects.matching("*", max_words=8).count() == 0


def found(q):
    """The titles matching ``q``, the same whether the words are looked up in the index or in each offer's text."""
    by_index, by_text = (
        set(JobOffer.objects.open().matching(q, max_words=8, among=among).values_list("title", flat=True))
        for among in (None, 1)
    )
    assert by_index == by_text
    return by_index


def test_short_words_match_whole_words_only(client):
    """ "IA" finds the AI offers, not every "spécialiste" or "média"; longer words still match inside words."""
    JobOfferFactory(title="Chef de projet IA", description="Rien.")
    JobOfferFactory(title="Juriste", description="Les enjeux de l’IA (générative).")
    JobOfferFactory(title="Spécialiste média", description="Rien.")
    JobOfferFactory(title="Développeur R", description="Statistiques.")
    assert found("ia") == {"Chef de projet IA", "Juriste"}
    assert found("IA générative") == {"Juriste"}
    assert found("r") == {"Développeur R"}
    assert found("cialis") == {"Spécialiste média"}  # three letters or more: anywhere in a word
    assert "Juriste" in titles(client, "l’IA")


def test_city_is_searched_too(client):
    JobOfferFactory(title="Data analyst", city="Lyon", description="Rien.")
    JobOfferFactory(title="Data engineer", city="Paris", description="Rien.")
    assert found("data lyon") == {"Data analyst"}
    offer = JobOffer.objects.get(title="Data engineer")
    offer.city = "Villeurbanne"
    offer.save(update_fields=["city", "updated_at"])
    assert found("villeurbanne") == {"Data engineer"}


def test_punctuation_alone_is_reported_not_searched(client):
    JobOfferFactory(title="Data analyst")
    response = client.get("/offres/", {"q": "?!…"})
    assert response.status_code == 200
    assert "la ponctuation seule ne se cherche pas" in response.context["filter"].form.errors["q"][0]
    assert [offer.title for offer in response.context["offers"]] == ["Data analyst"]  # the bad filter is ignored
    api = client.get("/api/v1/offers/", {"q": "?!…"})
    assert api.status_code == 400
    assert "q" in api.json()["errors"]


def searched(client, params):
    """The page's offers, options and the SQL it ran: what a search shows, and how it looked its words up."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/offres/", params)
    assert response.status_code == 200
    options = [str(label) for _value, label in response.context["filter"].form.fields["contrat"].widget.choices]
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    return [offer.title for offer in response.context["offers"]], options, sql


def test_a_search_among_few_offers_reads_their_text_and_shows_the_same(client, monkeypatch):
    """On SQLite a search whose other filters let few offers through reads their text (LIKE) rather than the
    words' index (MATCH), whose cost follows how many offers hold the word; what it finds is the same."""
    for index in range(3):
        JobOfferFactory(title=f"Data scientist {index}", contract=JobOffer.Contract.CDI, region="11")
    for index in range(10):
        JobOfferFactory(title=f"Data analyst {index}", contract=JobOffer.Contract.STAGE, region="11")
    JobOfferFactory(title="Ingénieur vision", contract=JobOffer.Contract.CDI, region="11")
    params = {"q": "data", "contrat": "cdi", "region": "11"}
    few = searched(client, params)
    monkeypatch.setattr("jobs.search_index.SCAN_LIMIT", 0)
    indexed = searched(client, params)
    assert few[:2] == indexed[:2]
    assert sorted(few[0]) == [f"Data scientist {index}" for index in range(3)]
    assert "CDI (3)" in few[1] and "Stage (10)" in few[1]
    if connection.vendor == "sqlite":
        assert "MATCH" not in few[2] and "LIKE" in few[2]
        assert "MATCH" in indexed[2]


def test_a_search_reads_text_only_as_long_as_its_words_say_it_will_stop_soon(client, monkeypatch):
    """The options' query may count many offers; read by their text, it stops at the limit if the word is
    common among the offers every filter lets through, and reads them all if not: then the index is used."""
    monkeypatch.setattr("jobs.search_index.SCAN_LIMIT", 5)
    monkeypatch.setattr("jobs.filters.SEARCH_COUNT_LIMIT", 3)
    for index in range(3):
        JobOfferFactory(title=f"Data scientist {index}", contract=JobOffer.Contract.CDI, region="11")
    for index in range(10):
        JobOfferFactory(title=f"Data analyst {index}", contract=JobOffer.Contract.STAGE, region="11")
    common = searched(client, {"q": "data", "contrat": "cdi", "region": "11"})
    rare = searched(client, {"q": "scientist 1", "contrat": "cdi", "region": "11"})
    assert sorted(common[0]) == [f"Data scientist {index}" for index in range(3)]
    assert rare[0] == ["Data scientist 1"]
    if connection.vendor == "sqlite":
        # 3 of the 3 offers passing every filter hold "data": 4 rows are expected within 4 reads.
        assert "MATCH" not in common[2]
        # 1 of 3 holds "scientist 1": 12 reads expected, more than 5, so the options' query uses the index.
        assert "MATCH" in rare[2]
