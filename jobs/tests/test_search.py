"""?q= on /offres/: every word in the title, city, description or employer, accents and case ignored."""

import pytest
from django.db import connection

from core.tests.factories import SynonymFactory
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
    assert JobOffer.objects.matching("zorglub").count() == 0


@pytest.mark.parametrize("q", ["*", "[", "?", "%", "_", "a", "l’ia", "\u00a0", "ǅ"])
def test_pattern_characters_are_taken_literally(client, q):
    JobOfferFactory(title="Plain title", description="Plain.")
    assert client.get("/offres/", {"q": q}).status_code == 200
    assert JobOffer.objects.matching("*").count() == 0


def found(q):
    return set(JobOffer.objects.open().matching(q).values_list("title", flat=True))


def test_short_words_match_whole_words_only(client):
    """ "IA" finds the AI offers, not every "spécialiste" or "média"; longer words match as a prefix (and on
    SQLite, whose search is a folded "contains", inside words too)."""
    JobOfferFactory(title="Chef de projet IA", description="Rien.")
    JobOfferFactory(title="Juriste", description="Les enjeux de l’IA (générative).")
    JobOfferFactory(title="Spécialiste média", description="Rien.")
    JobOfferFactory(title="Développeur R", description="Statistiques.")
    assert found("ia") == {"Chef de projet IA", "Juriste"}
    assert found("IA générative") == {"Juriste"}
    assert found("r") == {"Développeur R"}
    assert found("spec") == {"Spécialiste média"}  # three letters or more: a prefix
    assert found("cialis") == ({"Spécialiste média"} if connection.vendor == "sqlite" else set())
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


def offer_titles(response):
    return sorted(offer.title for offer in response.context["offers"])


def test_a_synonym_finds_offers_by_either_phrase_with_the_employer_too(client):
    SynonymFactory(term="DPO", equivalents="délégué à la protection des données")
    JobOfferFactory(title="DPO junior", description="Rien.")
    JobOfferFactory(title="Délégué à la protection des données", description="Rien.")
    JobOfferFactory(title="Juriste", employer=EmployerFactory(name="DPO Conseil"), description="Rien.")
    JobOfferFactory(title="Délégué commercial", description="Rien.")
    expected = ["DPO junior", "Délégué à la protection des données", "Juriste"]
    assert offer_titles(client.get("/offres/", {"q": "dpo"})) == expected
    assert offer_titles(client.get("/offres/", {"q": "delegue a la protection des donnees"})) == expected
    api = client.get("/api/v1/offers/", {"q": "DPO"}).json()
    assert sorted(row["title"] for row in api["results"]) == expected


def test_the_site_search_finds_employers_by_name_whatever_their_offers(client):
    EmployerFactory(name="Banque Alpha", slug="banque-alpha")
    JobOfferFactory(title="Data analyst", employer=EmployerFactory(name="Banque Beta"), description="Rien.")
    EmployerFactory(name="Assurance Alpha")
    response = client.get("/recherche/", {"q": "banque"})
    groups = {group.kind: group for group in response.context["results"].groups}
    assert [hit.title for hit in groups["employers"].results] == ["Banque Alpha", "Banque Beta"]
    assert groups["employers"].results[0].url == "/employeurs/banque-alpha/"
    assert [offer.title for offer in groups["offers"].results] == ["Data analyst"]
