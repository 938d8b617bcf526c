"""?q= on /offres/ reads the folded search column through its trigram index."""

import pytest

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
