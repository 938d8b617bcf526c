import pytest

from jobs.tests.factories import EmployerFactory, JobOfferFactory, days_ago

pytestmark = pytest.mark.django_db


def test_employer_page_lists_its_open_offers_only(client):
    employer = EmployerFactory(name="Acme IA", sector="Industrie", city="Lyon", website="https://acme.example.org")
    JobOfferFactory(employer=employer, title="Ancienne", published_at=days_ago(9))
    JobOfferFactory(employer=employer, title="Récente", published_at=days_ago(1))
    JobOfferFactory(employer=employer, title="Expirée", expired=True)
    JobOfferFactory(employer=employer, title="Brouillon", draft=True)
    JobOfferFactory(title="Chez un autre")
    response = client.get(employer.get_absolute_url())
    assert response.status_code == 200
    assert [o.title for o in response.context["offers"]] == ["Récente", "Ancienne"]
    text = response.text
    assert "<h1>Acme IA</h1>" in text and "Industrie · Lyon" in text and 'href="https://acme.example.org"' in text
    for hidden in ["Expirée", "Brouillon", "Chez un autre"]:
        assert hidden not in text


def test_employer_without_open_offers_says_so(client):
    employer = EmployerFactory(description="Une **entreprise**.")
    response = client.get(employer.get_absolute_url())
    assert "Aucune offre ouverte pour cet employeur" in response.text
    assert "<strong>entreprise</strong>" in response.text


def test_many_offers_link_to_the_search(client, monkeypatch):
    monkeypatch.setattr("jobs.views.EMPLOYER_OFFER_LIMIT", 2)
    employer = EmployerFactory(name="Grand Groupe")
    JobOfferFactory.create_batch(3, employer=employer)
    response = client.get(employer.get_absolute_url())
    assert len(response.context["offers"]) == 2
    assert 'href="/offres/?q=Grand%20Groupe"' in response.text


def test_unknown_employer_is_404(client):
    assert client.get("/employeurs/inconnu/").status_code == 404


@pytest.mark.parametrize("count", [1, 30])
def test_query_count_does_not_grow_with_offers(client, django_assert_num_queries, count):
    employer = EmployerFactory()
    JobOfferFactory.create_batch(count, employer=employer)
    # 1 employer, 1 page of its open offers with their career.
    with django_assert_num_queries(2):
        response = client.get(employer.get_absolute_url())
    assert len(response.context["offers"]) == count
