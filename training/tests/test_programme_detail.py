import pytest

from careers.tests.factories import CareerFactory, SourceFactory
from portal.tests.helpers import json_ld_blocks
from training.models import Programme
from training.tests.factories import CityFactory, OutcomeFactory, PathFactory, ProgrammeFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def test_programme_page_shows_provider_conditions_outcomes_and_careers(client):
    career = CareerFactory(title="Chef de projet IA")
    hidden_career = CareerFactory(title="Métier en brouillon", draft=True)
    provider = ProviderFactory(name="École Alpha", description="Une école de data.", website="https://alpha.example")
    programme = ProgrammeFactory(
        provider=provider, title="Bootcamp IA", price=0, duration_weeks=12, duration_hours=420,
        format=Programme.Format.ONLINE, cpf_eligible=False, work_study=None, award_title="Titre de chef de projet",
        rncp_level=Programme.RncpLevel.LEVEL_6, careers=[career, hidden_career],
        cities=[CityFactory(name="Lille", slug="lille")], body="Un **programme** intensif.",
    )  # fmt: skip
    source = SourceFactory(title="Rapport d’insertion 2025", publisher="École Alpha")
    OutcomeFactory(
        programme=programme, source=source, placement=True, employed_rate=81, cohort_size=42, completion_rate=90,
        median_salary=41000, satisfaction_rate=97, satisfaction_measure="Se disent mieux dans leur métier",
        people_trained=3500, people_trained_at_least=True,
    )  # fmt: skip
    response = client.get(programme.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    for expected in [
        "École Alpha", "Une école de data.", "Gratuit", "12 semaines (420 heures)", "À distance", "Lille",
        "Titre de chef de projet", "Niveau 6 (bac+3 ou 4)", "<strong>programme</strong>",
        "81\xa0%", "en 6 mois", "CDI ou CDD de plus de six mois", "41\xa0000\xa0€", "Se disent mieux dans leur métier",
        "plus de 3\xa0500", "Rapport d’insertion 2025, École Alpha, octobre 2025",
    ]:  # fmt: skip
        assert expected in text, expected
    assert f'href="{career.get_absolute_url()}"' in text
    assert "Métier en brouillon" not in text


def test_unknown_values_say_non_communique(client):
    programme = ProgrammeFactory(price=None, cpf_eligible=None)
    text = client.get(programme.get_absolute_url()).text
    assert "Gratuit" not in text
    assert text.count("non communiqué") >= 10


def test_json_ld_describes_the_programme(client):
    programme = ProgrammeFactory(title="Bootcamp </script>", provider=ProviderFactory(name="École Alpha"))
    text = client.get(programme.get_absolute_url()).text
    [data] = [block for block in json_ld_blocks(text) if block["@type"] == "EducationalOccupationalProgram"]
    assert data["provider"]["name"] == "École Alpha"
    assert data["name"] == "Bootcamp </script>"


def test_similar_programmes_share_the_path_or_a_career(client):
    path, career = PathFactory(), CareerFactory()
    programme = ProgrammeFactory(path=path, careers=[career], slug="celle-ci")
    ProgrammeFactory(title="Même parcours", path=path, slug="meme-parcours")
    ProgrammeFactory(title="Même métier", careers=[career])
    ProgrammeFactory(title="Sans rapport")
    ProgrammeFactory(title="Même parcours en brouillon", path=path, draft=True)
    response = client.get(programme.get_absolute_url())
    assert sorted(p.title for p in response.context["similar"]) == ["Même métier", "Même parcours"]
    assert "/formations/comparer/?p=celle-ci&amp;p=meme-parcours" in response.text


def test_draft_is_404_for_the_public(client):
    assert client.get(ProgrammeFactory(draft=True).get_absolute_url()).status_code == 404


def test_staff_see_draft_with_banner(staff_client):
    response = staff_client.get(ProgrammeFactory(draft=True).get_absolute_url())
    assert response.status_code == 200 and "banner-draft" in response.text


def test_unknown_slug_is_404(client):
    assert client.get("/formations/inconnue/").status_code == 404


@pytest.mark.parametrize("count", [2, 30])
def test_query_count_does_not_grow_with_rows(client, django_assert_num_queries, count):
    path, career = PathFactory(), CareerFactory()
    programme = ProgrammeFactory(path=path, careers=[career], cities=CityFactory.create_batch(3))
    for _ in range(count):
        OutcomeFactory(programme=programme, placement=True)
        ProgrammeFactory(path=path, careers=[career])
    # 1 programme with provider and path, then prefetches of cities, careers and
    # outcomes (with sources), and 1 query for the similar programmes.
    with django_assert_num_queries(5):
        response = client.get(programme.get_absolute_url())
    assert response.status_code == 200
