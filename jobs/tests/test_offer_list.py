import pytest
from django.urls import reverse

from careers.tests.factories import CareerFactory
from jobs.models import JobOffer
from jobs.tests.factories import EmployerFactory, JobOfferFactory, days_ago
from places.models import Commune

pytestmark = pytest.mark.django_db
URL = reverse("jobs:offer_list")


def titles(response):
    return [offer.title for offer in response.context["offers"]]


def options(response, name):
    """The rendered options of a filter select, as {value: label}."""
    return {value: str(label) for value, label in response.context["filter"].form.fields[name].widget.choices}


def test_lists_open_offers_only_newest_first(client):
    JobOfferFactory(title="Plus ancienne", published_at=days_ago(5))
    JobOfferFactory(title="Plus récente", published_at=days_ago(1))
    JobOfferFactory(title="Expirée", expired=True)
    JobOfferFactory(title="Archivée", archived=True)
    JobOfferFactory(title="Brouillon", draft=True)
    JobOfferFactory(title="En relecture", in_review=True)
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["Plus récente", "Plus ancienne"]
    for hidden in ["Expirée", "Archivée", "Brouillon", "En relecture"]:
        assert hidden not in response.text
    assert "2 offres ouvertes" in response.text


def test_twenty_offers_a_page(client):
    JobOfferFactory.create_batch(25)
    first = client.get(URL)
    assert len(first.context["offers"]) == 20
    assert 'href="?page=2"' in first.text
    assert len(client.get(URL, {"page": "2"}).context["offers"]) == 5


def test_empty_board_explains_what_it_will_show_to_visitors(client):
    JobOfferFactory(expired=True)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Aucune offre n’est ouverte pour le moment" in response.text
    assert "CDI, CDD, freelance, alternance et stage" in response.text
    # How staff add offers is for staff only (portal/tests/test_empty_states.py).
    assert "administration" not in response.text


def test_no_match_is_not_mistaken_for_an_empty_board(client):
    JobOfferFactory(contract=JobOffer.Contract.CDI)
    response = client.get(URL, {"contrat": "stage"})
    assert "Aucune offre ouverte ne correspond à ces filtres" in response.text
    assert "Aucune offre n’est ouverte pour le moment" not in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("vision", ["Ingénieur vision"]),  # title
        ("ACME", ["Data scientist"]),  # employer, any case
        ("pytorch", ["Chef de projet IA"]),  # description
        ("data acme", ["Data scientist"]),  # every word must match
        ("data pytorch", []),
    ],
)
def test_search_looks_in_title_employer_and_description(client, query, expected):
    JobOfferFactory(title="Ingénieur vision")
    JobOfferFactory(title="Data scientist", employer=EmployerFactory(name="Acme Analytics"))
    JobOfferFactory(title="Chef de projet IA", description="Pilotage de projets **PyTorch**.")
    assert titles(client.get(URL, {"q": query})) == expected


def test_filter_by_career(client):
    career = CareerFactory(slug="chef-de-projet-ia", title="Chef de projet IA")
    JobOfferFactory(title="Dans le métier", career=career)
    JobOfferFactory(title="Sans métier")
    assert titles(client.get(URL, {"metier": "chef-de-projet-ia"})) == ["Dans le métier"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"contrat": "freelance"}, ["Freelance à Lyon"]),
        ({"region": "11"}, ["CDI à Paris"]),
        ({"ville": "lyon"}, ["Freelance à Lyon"]),
        ({"teletravail": "complet"}, ["Stage à distance"]),
        ({"experience": "senior"}, ["CDI à Paris"]),
    ],
)
def test_each_choice_filter(client, communes, params, expected):
    JobOfferFactory(
        title="CDI à Paris", contract=JobOffer.Contract.CDI, city="Paris", region="11",
        experience=JobOffer.Experience.SENIOR,
    )  # fmt: skip
    JobOfferFactory(
        title="Freelance à Lyon", contract=JobOffer.Contract.FREELANCE, city="Lyon", region="84",
        commune=communes["69123"],
    )  # fmt: skip
    JobOfferFactory(title="Stage à distance", contract=JobOffer.Contract.STAGE, remote=JobOffer.Remote.FULL)
    assert titles(client.get(URL, params)) == expected


def test_minimum_salary_compares_the_top_of_the_range(client):
    JobOfferFactory(title="Jusqu’à 60 000", salary_low=45000, salary_high=60000, published_at=days_ago(3))
    JobOfferFactory(title="À partir de 55 000", salary_low=55000, published_at=days_ago(2))
    JobOfferFactory(title="Trop bas", salary_low=30000, salary_high=40000)
    JobOfferFactory(title="Non communiqué")
    assert titles(client.get(URL, {"salaire_min": "50000"})) == ["À partir de 55 000", "Jusqu’à 60 000"]


def test_published_within_days(client):
    JobOfferFactory(title="Ce matin", published_at=days_ago(0.2))
    JobOfferFactory(title="Il y a 5 jours", published_at=days_ago(5))
    JobOfferFactory(title="Il y a 20 jours", published_at=days_ago(20))
    JobOfferFactory(title="Il y a 40 jours", published_at=days_ago(40))
    assert titles(client.get(URL, {"publie": "1"})) == ["Ce matin"]
    assert titles(client.get(URL, {"publie": "7"})) == ["Ce matin", "Il y a 5 jours"]
    assert titles(client.get(URL, {"publie": "30"})) == ["Ce matin", "Il y a 5 jours", "Il y a 20 jours"]


def test_sort_by_pay_puts_unknown_pay_last(client):
    JobOfferFactory(title="Sans salaire", published_at=days_ago(0.5))
    JobOfferFactory(title="Moyen", salary_low=45000, salary_high=55000)
    JobOfferFactory(title="Haut", salary_low=70000)
    JobOfferFactory(title="Freelance", day_rate_low=900)
    assert titles(client.get(URL, {"tri": "salaire"})) == ["Haut", "Moyen", "Sans salaire", "Freelance"]
    assert titles(client.get(URL, {"tri": "date"}))[0] == "Sans salaire"


def test_facet_counts_respect_the_other_filters_but_not_their_own(client):
    career = CareerFactory(slug="data-scientist", title="Data scientist")
    JobOfferFactory.create_batch(
        3, contract=JobOffer.Contract.CDI, region="11", career=career, published_at=days_ago(2)
    )
    JobOfferFactory.create_batch(2, contract=JobOffer.Contract.CDD, region="11", published_at=days_ago(2))
    JobOfferFactory(contract=JobOffer.Contract.CDI, region="84", career=career, published_at=days_ago(10))
    JobOfferFactory(contract=JobOffer.Contract.STAGE, region="84", expired=True)

    response = client.get(URL)
    assert options(response, "contrat")["cdi"] == "CDI (4)"
    assert options(response, "contrat")["cdd"] == "CDD (2)"
    assert options(response, "contrat")["stage"] == "Stage (0)"
    assert options(response, "region")["11"] == "Île-de-France (5)"
    assert options(response, "metier") == {"": "Tous les métiers", "data-scientist": "Data scientist (4)"}
    assert options(response, "publie") == {
        "": "Peu importe", "1": "Dernières 24 heures (0)", "7": "7 derniers jours (5)", "30": "30 derniers jours (6)",
    }  # fmt: skip

    response = client.get(URL, {"region": "11", "contrat": "cdi"})
    assert titles(response) and len(titles(response)) == 3
    # Each facet counts with every filter but its own: contracts within Île-de-France…
    assert options(response, "contrat")["cdi"] == "CDI (3)"
    assert options(response, "contrat")["cdd"] == "CDD (2)"
    # …and regions among CDI offers.
    assert options(response, "region")["11"] == "Île-de-France (3)"
    assert options(response, "region")["84"] == "Auvergne-Rhône-Alpes (1)"
    assert options(response, "metier")["data-scientist"] == "Data scientist (3)"
    assert options(response, "publie")["7"] == "7 derniers jours (3)"


def test_facet_counts_follow_the_date_filter_and_the_total_matches(client):
    JobOfferFactory(contract=JobOffer.Contract.CDI, published_at=days_ago(2))
    JobOfferFactory(contract=JobOffer.Contract.CDI, published_at=days_ago(20))
    response = client.get(URL, {"publie": "7"})
    assert options(response, "contrat")["cdi"] == "CDI (1)"
    assert options(response, "publie")["30"] == "30 derniers jours (2)"
    assert response.context["paginator"].count == 1
    assert "1 offre ouverte" in response.text


def test_chosen_career_without_offers_stays_selectable(client):
    CareerFactory(slug="vide", title="Métier sans offre")
    JobOfferFactory()
    response = client.get(URL, {"metier": "vide"})
    assert response.status_code == 200
    assert titles(response) == []
    assert options(response, "metier")["vide"] == "Métier sans offre (0)"
    assert not response.context["filter"].form.errors


def test_draft_career_is_not_a_filter_option(client):
    JobOfferFactory(career=CareerFactory(slug="secret", draft=True))
    assert "secret" not in options(client.get(URL), "metier")
    assert "metier" in client.get(URL, {"metier": "secret"}).context["filter"].form.errors


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"salaire_min": "1e999"}, "salaire_min"),
        ({"salaire_min": "NaN"}, "salaire_min"),
        ({"salaire_min": "-5"}, "salaire_min"),
        ({"publie": "abc"}, "publie"),
        ({"region": "xx"}, "region"),
        ({"contrat": "<script>alert(1)</script>"}, "contrat"),
        ({"metier": "inconnu"}, "metier"),
        ({"metier": "nul\x00"}, "metier"),
        ({"teletravail": "oui"}, "teletravail"),
        ({"experience": "expert"}, "experience"),
        ({"tri": "prix"}, "tri"),
        ({"q": "x" * 10_000}, "q"),
        ({"q": "nul\x00"}, "q"),
        ({"ville": "Lyon\x00"}, "ville"),
    ],
)
def test_bad_filter_value_shows_the_page_with_a_message(client, params, field):
    JobOfferFactory(title="Toujours là")
    response = client.get(URL, params)
    assert response.status_code == 200
    assert field in response.context["filter"].form.errors
    assert "Certains filtres n’ont pas été appliqués" in response.text
    assert titles(response) == ["Toujours là"]
    assert "<script>alert(1)</script>" not in response.text


def test_valid_filters_still_apply_beside_a_bad_one(client):
    JobOfferFactory(title="CDD", contract=JobOffer.Contract.CDD)
    JobOfferFactory(title="CDI", contract=JobOffer.Contract.CDI)
    response = client.get(URL, {"contrat": "cdd", "region": "xx", "page": "-3"})
    assert titles(response) == ["CDD"]
    assert response.context["page_error"]


@pytest.mark.parametrize("page", ["-3", "0", "abc", "99999", "9" * 400])
def test_malformed_page_number_shows_a_page_with_a_message(client, page):
    JobOfferFactory.create_batch(3)
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert response.context["page_error"]
    assert len(response.context["offers"]) == 3


def test_pagination_keeps_the_filters_and_elides_pages(client):
    JobOfferFactory.create_batch(205, contract=JobOffer.Contract.CDD)
    response = client.get(URL, {"contrat": "cdd", "page": "5"})
    assert 'href="?contrat=cdd&amp;page=6"' in response.text
    assert "…" in response.text and 'href="?contrat=cdd&amp;page=8"' not in response.text


def test_feeds_are_announced_with_the_active_filters(client):
    JobOfferFactory()
    response = client.get(URL, {"contrat": "cdi", "page": "1"})
    assert 'href="/offres/flux.rss?contrat=cdi"' in response.text
    assert 'href="/offres/flux.atom?contrat=cdi"' in response.text


def create_offers(count):
    paris = Commune.objects.filter(code="75056").first()
    careers = CareerFactory.create_batch(3)
    employers = EmployerFactory.create_batch(3)
    for index in range(count):
        JobOfferFactory(
            career=careers[index % 3], employer=employers[index % 3], region="11", city="Paris", commune=paris,
            salary_low=40000 + index, salary_high=60000, published_at=days_ago(index % 40),
        )  # fmt: skip


@pytest.mark.parametrize("count", [2, 40])
def test_query_count_does_not_grow_with_offers(client, django_assert_num_queries, count):
    create_offers(count)
    # 1 for the published careers' names, 1 aggregate counting every option and the results, 1 page of
    # offers with employer and career.
    with django_assert_num_queries(3):
        response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["offers"]) == min(count, 20)
    # The counts are cached per filters and content version: the next visitor reads the page of offers alone.
    with django_assert_num_queries(1):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize("count", [2, 40])
def test_query_count_with_column_filters_does_not_grow_with_offers(client, django_assert_num_queries, count):
    create_offers(count)
    # 1 for the published careers' names, 1 aggregate counting every option and the results, 1 page.
    with django_assert_num_queries(3):
        response = client.get(URL, {"contrat": "cdi", "region": "11", "tri": "salaire"})
    assert response.status_code == 200
    assert not response.context["filter"].form.errors


@pytest.mark.parametrize("count", [2, 40])
def test_query_count_with_every_filter_stays_within_eight(client, communes, django_assert_num_queries, count):
    create_offers(count)
    career = JobOffer.objects.first().career
    params = {
        "q": "Ingénieur", "metier": career.slug, "contrat": "cdi", "region": "11", "ville": "Paris",
        "teletravail": "aucun", "salaire_min": "50000", "experience": "tous", "publie": "30", "tri": "salaire",
    }  # fmt: skip
    # 1 for the search synonyms, 1 to check that the chosen career exists, 2 for the commune named and its
    # arrondissements, 1 for the employers holding the words, 1 for the published careers' names, 1 aggregate
    # counting every option over at most COUNT_LIMIT + 1 offers, 1 page.
    with django_assert_num_queries(8):
        response = client.get(URL, params)
    assert response.status_code == 200
    assert not response.context["filter"].form.errors
    assert response.context["offers"]
    # Counts and the employers found are cached: the career's and the commune's checks and the page remain.
    with django_assert_num_queries(4):
        assert client.get(URL, params).status_code == 200


def test_a_number_field_never_shows_a_non_number_again(client):
    """``<input type=number value="beaucoup">`` would be invalid HTML; the message says what was wrong."""
    JobOfferFactory()
    response = client.get(URL, {"salaire_min": "beaucoup"})
    assert "salaire_min" in response.context["filter"].form.errors
    assert 'value="beaucoup"' not in response.text
    response = client.get(URL, {"salaire_min": "40000"})
    assert 'value="40000"' in response.text
