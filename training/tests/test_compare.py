import pytest
from django.urls import reverse

from careers.tests.factories import CareerFactory
from training.tests.factories import CityFactory, OutcomeFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
URL = reverse("training:compare")


def compare(client, *slugs):
    return client.get(URL, {"p": list(slugs)})


def columns(response):
    return [programme.slug for programme in response.context["programmes"]]


def test_two_to_four_programmes_side_by_side_in_the_order_asked(client):
    for slug in ["a", "b", "c", "d"]:
        ProgrammeFactory(slug=slug, title=f"Formation {slug.upper()}")
    response = compare(client, "c", "a", "d", "b")
    assert response.status_code == 200
    assert columns(response) == ["c", "a", "d", "b"]
    assert response.context["problems"] == []
    assert response.text.count('<th scope="col">') == 4


def test_the_url_can_be_shared(client):
    ProgrammeFactory(slug="a")
    ProgrammeFactory(slug="b")
    assert columns(client.get(f"{URL}?p=a&p=b")) == ["a", "b"]


def test_best_values_are_marked(client):
    cheap = ProgrammeFactory(slug="cheap", price=3000, duration_months=9)
    ProgrammeFactory(slug="short", price=8000, duration_weeks=10)
    placed = ProgrammeFactory(slug="placed", price=None, duration_months=None)
    OutcomeFactory(programme=cheap, placement=True, employed_rate=60)
    OutcomeFactory(programme=placed, placement=True, employed_rate=85)
    response = compare(client, "cheap", "short", "placed")
    best = {p.slug: p.best for p in response.context["programmes"]}
    assert best == {"cheap": {"price"}, "short": {"duration"}, "placed": {"placement"}}
    text = response.text
    assert "le moins cher" in text and "la plus courte" in text and "le plus élevé" in text
    assert text.count('class="best"') == 3


def test_free_is_the_lowest_price(client):
    ProgrammeFactory(slug="free", price=0)
    ProgrammeFactory(slug="paid", price=10)
    best = {p.slug: p.best for p in compare(client, "free", "paid").context["programmes"]}
    assert best == {"free": {"price"}, "paid": set()}


def test_ties_and_lone_values_are_not_marked(client):
    ProgrammeFactory(slug="a", price=5000, duration_months=6)
    ProgrammeFactory(slug="b", price=5000, duration_months=None)
    response = compare(client, "a", "b")
    assert all(p.best == set() for p in response.context["programmes"])
    assert 'class="best"' not in response.text


def test_missing_values_read_non_communique(client):
    ProgrammeFactory(slug="a", price=None)
    ProgrammeFactory(slug="b", price=None, careers=[CareerFactory(title="Data scientist")], cities=[CityFactory()])
    text = compare(client, "a", "b").text
    assert "non communiqué" in text
    assert "Gratuit" not in text
    assert "Data scientist" in text


def test_outcome_figures_give_what_they_measure_and_their_source(client):
    a = ProgrammeFactory(slug="a")
    ProgrammeFactory(slug="b")
    OutcomeFactory(
        programme=a, satisfaction_rate=97, satisfaction_measure="Se sentent mieux dans leur nouvelle carrière",
        people_trained=3500, people_trained_at_least=True, source__publisher="Jedha",
    )  # fmt: skip
    text = compare(client, "a", "b").text
    assert "97\xa0%" in text and "Se sentent mieux dans leur nouvelle carrière" in text
    assert "plus de 3\xa0500" in text and "Jedha, octobre 2025" in text
    # A satisfaction rate is not a placement rate.
    row = text[text.index("Taux d’emploi dans le domaine") :]
    row = row[: row.index("</tr>")]
    assert "97" not in row and row.count("non communiqué") == 2


@pytest.mark.parametrize(
    ("slugs", "message"),
    [
        ([], "Choisissez de 2 à 4 formations à comparer."),
        (["a"], "Une seule formation à comparer : choisissez-en au moins 2."),
        (["a", "a"], "« a » est demandée plusieurs fois"),
        (["a", "inconnue"], "Aucune formation publiée ne correspond à « inconnue »."),
        (["a", "brouillon"], "Aucune formation publiée ne correspond à « brouillon »."),
        (["a", "<script>x</script>"], "Aucune formation publiée ne correspond à « &lt;script&gt;x&lt;/script&gt; »."),
        (["a", "x\x00y"], "Aucune formation publiée ne correspond"),
        (["a", "b" * 500], "Aucune formation publiée ne correspond"),
    ],
)
def test_too_few_or_bad_slugs_give_a_message_and_no_table(client, slugs, message):
    ProgrammeFactory(slug="a")
    ProgrammeFactory(slug="brouillon", draft=True)
    response = compare(client, *slugs)
    assert response.status_code == 200
    assert message in response.text
    assert response.context["programmes"] == []
    assert "<table" not in response.text
    assert 'href="/formations/"' in response.text


def test_more_than_four_compares_the_first_four_and_says_so(client):
    for slug in "abcde":
        ProgrammeFactory(slug=slug)
    response = compare(client, *"abcde")
    assert columns(response) == ["a", "b", "c", "d"]
    assert "On compare au plus 4 formations" in response.text


def test_repeated_and_unknown_slugs_leave_the_rest_compared(client):
    ProgrammeFactory(slug="a")
    ProgrammeFactory(slug="b")
    response = compare(client, "a", "a", "nope", "b")
    assert columns(response) == ["a", "b"]
    assert len(response.context["problems"]) == 2


def test_staff_cannot_compare_drafts_either(staff_client):
    ProgrammeFactory(slug="a")
    ProgrammeFactory(slug="brouillon", draft=True)
    assert columns(compare(staff_client, "a", "brouillon")) == []


@pytest.mark.parametrize("count", [2, 30])
def test_query_count_does_not_grow_with_programmes(client, django_assert_num_queries, count):
    career = CareerFactory()
    programmes = ProgrammeFactory.create_batch(count, careers=[career], cities=CityFactory.create_batch(2))
    for programme in programmes:
        OutcomeFactory.create_batch(3, programme=programme, placement=True)
    slugs = [p.slug for p in programmes[:4]]
    # 1 programmes with provider and path, then prefetches of cities, careers and outcomes (with sources).
    with django_assert_num_queries(4):
        response = compare(client, *slugs)
    assert columns(response) == slugs
