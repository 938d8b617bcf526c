"""A search that finds more offers than ``core.search.COUNT_LIMIT``: bounded reads, said plainly on the page."""

import pytest
from django.urls import reverse

from careers.tests.factories import CareerFactory
from jobs.models import JobOffer
from jobs.tests.factories import JobOfferFactory, days_ago

pytestmark = pytest.mark.django_db
URL = reverse("jobs:offer_list")
LIMIT = 3


@pytest.fixture(autouse=True)
def small_limit(monkeypatch):
    monkeypatch.setattr("core.search.COUNT_LIMIT", LIMIT)


def labels(response, name):
    return [str(label) for value, label in response.context["filter"].form.fields[name].widget.choices if value]


def test_a_broad_search_lists_the_first_offers_and_leaves_its_options_unnumbered(client):
    careers = CareerFactory.create_batch(2)
    for index in range(LIMIT + 2):
        JobOfferFactory(title=f"Data scientist {index}", career=careers[0])
    JobOfferFactory(title="Ingénieur vision", career=careers[1])
    response = client.get(URL, {"q": "data"})
    assert response.status_code == 200
    assert f"Plus de {LIMIT} offres ouvertes" in response.text
    assert f"seules les {LIMIT} premières sont listées" in response.text
    assert len(response.context["offers"]) == LIMIT
    assert all(offer.title.startswith("Data scientist") for offer in response.context["offers"])
    assert labels(response, "contrat") == [label for _value, label in JobOffer.Contract.choices]
    # Unnumbered, the careers cannot be told apart by their offers: every published one stays a choice.
    assert sorted(labels(response, "metier")) == sorted(career.title for career in careers)
    assert all("(" not in label for label in labels(response, "publie"))


def test_a_broad_search_has_only_its_listed_pages(client):
    for index in range(LIMIT + 2):
        JobOfferFactory(title=f"Data scientist {index}")
    response = client.get(URL, {"q": "data", "page": "2"})
    assert response.status_code == 200
    assert "Il n’y a que 1 page(s) : voici la dernière." in response.text


def test_a_search_within_the_limit_keeps_exact_numbers(client):
    JobOfferFactory(title="Data scientist", contract=JobOffer.Contract.CDI)
    JobOfferFactory(title="Data engineer", contract=JobOffer.Contract.CDI)
    JobOfferFactory(title="Data analyst", contract=JobOffer.Contract.STAGE)
    JobOfferFactory(title="Ingénieur vision", contract=JobOffer.Contract.STAGE)
    response = client.get(URL, {"q": "data"})
    assert "3 offres ouvertes" in response.text
    assert "Plus de" not in response.text
    assert "CDI (2)" in labels(response, "contrat")
    assert "Stage (1)" in labels(response, "contrat")
    assert not response.context["filter"].unnumbered


def test_many_near_matches_leave_the_options_unnumbered_but_the_total_exact(client):
    """Numbering "CDI" under ``contrat=stage`` reads the CDI offers too: past the limit, that is left."""
    for index in range(LIMIT + 1):
        JobOfferFactory(title=f"Data scientist {index}", contract=JobOffer.Contract.CDI)
    JobOfferFactory(title="Data analyst", contract=JobOffer.Contract.STAGE)
    response = client.get(URL, {"q": "data", "contrat": "stage"})
    assert "1 offre ouverte" in response.text
    assert "Plus de" not in response.text
    assert f"il faudrait en compter plus de {LIMIT}" in response.text
    assert [offer.title for offer in response.context["offers"]] == ["Data analyst"]
    assert "Stage" in labels(response, "contrat")


@pytest.mark.parametrize("count", [LIMIT + 2, 40])
def test_a_broad_search_reads_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for index in range(count):
        JobOfferFactory(title=f"Data scientist {index}", contract=JobOffer.Contract.CDI, region="11")
    # 1 for the search synonyms, 1 for the employers holding the words, 1 for the published careers' names,
    # 1 aggregate over LIMIT + 1 offers (more: the options go unnumbered), 1 counting the results up to
    # LIMIT + 1, 1 page.
    with django_assert_num_queries(6):
        response = client.get(URL, {"q": "data", "contrat": "cdi", "region": "11"})
    assert response.status_code == 200
    assert response.context["filter"].more_results


def test_a_search_with_a_date_chosen_numbers_its_date_options_within_the_limit(client):
    JobOfferFactory(title="Data scientist", published_at=days_ago(0.5))
    JobOfferFactory(title="Data engineer", published_at=days_ago(3))
    JobOfferFactory(title="Data analyst", published_at=days_ago(20))
    response = client.get(URL, {"q": "data", "publie": "7"})
    assert "2 offres ouvertes" in response.text
    assert labels(response, "publie") == ["Dernières 24 heures (1)", "7 derniers jours (2)", "30 derniers jours (3)"]


def test_a_search_with_a_date_chosen_and_many_offers_around_it_leaves_its_options_unnumbered(client):
    """Numbering "30 derniers jours" under ``publie=1`` reads the month's offers: past the limit, that is left."""
    JobOfferFactory(title="Data scientist", published_at=days_ago(0.5))
    for index in range(LIMIT):
        JobOfferFactory(title=f"Data engineer {index}", published_at=days_ago(10))
    response = client.get(URL, {"q": "data", "publie": "1"})
    assert "1 offre ouverte" in response.text
    assert f"il faudrait en compter plus de {LIMIT}" in response.text
    assert all("(" not in label for label in labels(response, "publie") + labels(response, "contrat"))


def test_offers_a_search_found_are_listed_in_the_chosen_order_page_by_page(client, monkeypatch):
    """Under the limit the list reads the offers found by id: same order, same pages as matching them again."""
    monkeypatch.setattr("core.search.COUNT_LIMIT", 50)
    for index in range(25):
        JobOfferFactory(title=f"Data {index}", salary_low=30_000 + 1_000 * index, published_at=days_ago(index))
    JobOfferFactory(title="Data sans salaire", published_at=days_ago(0.1))
    JobOfferFactory(title="Ingénieur vision", salary_low=90_000)
    by_pay = [f"Data {index}" for index in reversed(range(25))] + ["Data sans salaire"]
    first = client.get(URL, {"q": "data", "tri": "salaire"})
    second = client.get(URL, {"q": "data", "tri": "salaire", "page": "2"})
    assert "26 offres ouvertes" in first.text
    assert [offer.title for offer in first.context["offers"]] + [
        offer.title for offer in second.context["offers"]
    ] == by_pay
    newest = client.get(URL, {"q": "data"})
    assert [offer.title for offer in newest.context["offers"]][:3] == ["Data 0", "Data sans salaire", "Data 1"]


def test_a_broad_search_pages_through_its_first_offers_to_the_last_listed_page(client, monkeypatch):
    """Past the middle, a page is read from the other end of the list; a broad search's count stops at the
    limit while its offers go on, so its last pages must still be read from the top (they showed the
    oldest offers of all)."""
    monkeypatch.setattr("core.search.COUNT_LIMIT", 50)
    for index in range(60):
        JobOfferFactory(title=f"Data {index}", published_at=days_ago(index + 0.5))
    listed = []
    for page in (1, 2, 3):
        response = client.get(URL, {"q": "data", "page": page})
        assert response.context["filter"].more_results
        listed += [offer.title for offer in response.context["offers"]]
    assert listed == [f"Data {index}" for index in range(50)]
