import pytest

from careers.tests.factories import CareerFactory
from training.models import Path, Programme
from training.tests.factories import PathFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    """Two paths, four programmes: a fixed data set to rank."""
    career = CareerFactory(title="Chef de projet IA", slug="chef-de-projet-ia")
    bootcamp = PathFactory(title="Bootcamp", audience=Path.Audience.CAREER_CHANGER)
    school = PathFactory(title="École après le bac", audience=Path.Audience.STUDENT)
    ProgrammeFactory(
        title="Bootcamp court", path=bootcamp, price=6000, duration_weeks=12, cpf_eligible=True,
        format=Programme.Format.ONLINE, careers=[career],
    )  # fmt: skip
    ProgrammeFactory(title="Bootcamp cher", path=bootcamp, price=9000, duration_weeks=10, cpf_eligible=True)
    ProgrammeFactory(title="Bootcamp hors CPF", path=bootcamp, price=4000, duration_weeks=8, cpf_eligible=False)
    ProgrammeFactory(title="Cursus en cinq ans", path=school, price=40000, duration_months=60, careers=[career])
    return career


def titles(matches):
    return [match.item.title for match in matches]


def test_programmes_are_ranked_with_reasons_and_misfits(client, catalogue):
    query = {"situation": "salarie", "budget": "7000", "duree": "6", "cpf": "on", "metier": "chef-de-projet-ia"}
    response = client.get("/orientation/", query)
    assert response.status_code == 200
    programmes = response.context["programmes"]
    assert titles(programmes) == ["Bootcamp court", "Bootcamp hors CPF", "Bootcamp cher", "Cursus en cinq ans"]
    best = programmes[0]
    assert best.misfits == []
    assert "mène au métier Chef de projet IA" in best.reasons and "éligible au CPF" in best.reasons
    assert programmes[2].misfits == ["ne vise pas le métier Chef de projet IA", "dépasse votre budget de 2\xa0000\xa0€"]
    assert "dure 54 mois de plus que votre maximum" in programmes[3].misfits
    text = response.text
    assert "✗ dépasse votre budget de 2\xa0000\xa0€" in text


def test_paths_are_ranked_for_the_situation(client, catalogue):
    response = client.get("/orientation/", {"situation": "salarie", "budget": "5000"})
    paths = response.context["paths"]
    assert titles(paths) == ["Bootcamp", "École après le bac"]
    assert paths[0].reasons[0] == "pensé pour votre situation (Personnes en reconversion)"
    assert paths[1].misfits == [
        "pensé pour un autre public (Étudiants et lycéens)",
        "la moins chère dépasse votre budget de 35\xa0000\xa0€",
    ]
    student = client.get("/orientation/", {"situation": "lyceen"}).context["paths"]
    assert titles(student) == ["École après le bac", "Bootcamp"]


def test_the_answer_lives_in_the_url(client, catalogue):
    response = client.get("/orientation/?situation=etudiant&alternance=on")
    assert response.context["answered"] is True
    assert 'value="etudiant" selected' in response.text
    assert 'name="alternance" id="id_alternance" checked' in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"situation": "salarie", "budget": "beaucoup"}, "Indiquez un nombre entier."),
        ({"situation": "salarie", "budget": "-5"}, "Indiquez un nombre positif."),
        ({"situation": "salarie", "duree": "999"}, "Indiquez au plus 120."),
        ({"situation": "astronaute"}, "Sélectionnez un choix valide"),
        ({"situation": "salarie", "metier": "inconnu"}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_answers_get_a_french_message(client, catalogue, query, message):
    response = client.get("/orientation/", query)
    assert response.status_code == 200
    assert message in response.text
    assert "answered" not in response.context


def test_finder_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    def make(n):
        for _ in range(n):
            ProgrammeFactory(careers=[CareerFactory()], price=1000, duration_months=3)

    query = {"situation": "salarie", "budget": "5000", "cpf": "on"}
    make(1)
    # Career options of the form, published paths with their programme summary, programmes with provider and path.
    with django_assert_num_queries(3):
        client.get("/orientation/", query)
    make(12)
    with django_assert_num_queries(3):
        client.get("/orientation/", query)


@pytest.fixture
def student_catalogue():
    """One private school with the first column and no price, two public routes with their national fees."""
    school = PathFactory(title="École spécialisée après le bac", audience=Path.Audience.STUDENT, position=1)
    university = PathFactory(title="Université", audience=Path.Audience.STUDENT, position=2)
    ProgrammeFactory(title="Cursus privé", path=school, price=None, entry_level=Programme.EntryLevel.BAC)
    ProgrammeFactory(title="BUT Science des données", path=university, price=534, entry_level=Programme.EntryLevel.BAC)
    ProgrammeFactory(title="Master IA", path=university, price=508, entry_level=Programme.EntryLevel.BAC_3)


def test_paths_tie_is_broken_by_what_is_known_not_by_column_order(client, student_catalogue):
    paths = client.get("/orientation/", {"situation": "lyceen"}).context["paths"]
    # Both fit a pupil equally; the university has two published programmes and a known price.
    assert titles(paths) == ["Université", "École spécialisée après le bac"]


def test_a_pupil_is_not_sent_to_a_master_first(client, student_catalogue):
    programmes = client.get("/orientation/", {"situation": "lyceen"}).context["programmes"]
    assert titles(programmes) == ["BUT Science des données", "Cursus privé", "Master IA"]
    assert "accessible après le bac" in programmes[0].reasons
    assert programmes[2].misfits == ["demande le niveau Bac+3"]
    # With the diploma given, the master fits and its lower price puts it first.
    graduate = client.get("/orientation/", {"situation": "etudiant", "diplome": "bac3"}).context["programmes"]
    assert titles(graduate)[0] == "Master IA"


def test_the_page_states_how_it_ranks(client, student_catalogue):
    html = client.get("/orientation/", {"situation": "lyceen"}).content.decode()
    assert "Comment ce classement est fait" in html and "Aucun organisme ne paie pour être classé" in html
