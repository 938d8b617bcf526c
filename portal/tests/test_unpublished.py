"""What is not published never reaches the public, not even through a published row that points to it."""

import pytest

from careers.models import Career
from careers.tests.factories import CareerFactory
from jobs.tests.factories import JobOfferFactory
from portal.tests.test_page_cache import world_urls
from training.models import Path
from training.tests.factories import PathFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

SECRETS = ["Zorglub", "zorglub"]  # in the hidden rows' titles and slugs, and nowhere else


@pytest.fixture(params=[Career.Status.DRAFT, Career.Status.REVIEW, Career.Status.ARCHIVED])
def hidden_rows(request):
    """A hidden career and a hidden path, each pointed to by published rows in every way the models allow."""
    status = request.param
    family = CareerFactory(title="Famille Zorglub", slug="famille-zorglub", status=status)
    grandparent = CareerFactory(title="Grand métier public", slug="grand-metier-public")
    family.parent = grandparent
    family.save()
    speciality = CareerFactory(title="Spécialité publique", slug="specialite-publique", parent=family)
    path = PathFactory(title="Parcours Zorglub", slug="parcours-zorglub", status=Path.Status(status))
    public_path = PathFactory(title="Parcours public", slug="parcours-public")
    on_hidden_path = ProgrammeFactory(
        title="Formation publique A", slug="formation-publique-a", path=path, careers=[family, speciality]
    )
    on_public_path = ProgrammeFactory(
        title="Formation publique B", slug="formation-publique-b", path=public_path, careers=[family]
    )
    offer = JobOfferFactory(title="Offre publique data", slug="offre-publique-data", career=family)
    return {
        "extra": [
            speciality.get_absolute_url(),
            grandparent.get_absolute_url(),
            on_hidden_path.get_absolute_url(),
            on_public_path.get_absolute_url(),
            offer.get_absolute_url(),
            offer.employer.get_absolute_url(),
            public_path.get_absolute_url(),
            f"/api/v1/careers/{speciality.slug}/",
            f"/api/v1/programmes/{on_hidden_path.slug}/",
            f"/api/v1/programmes/{on_public_path.slug}/",
            f"/api/v1/offers/{offer.slug}/",
            f"/formations/comparer/?p={on_hidden_path.slug}&p={on_public_path.slug}",
            f"/orientation/cout/?formation={on_hidden_path.slug}&metier={speciality.slug}&cpf=0&salaire=2000",
            f"/formations/?metier={speciality.slug}",
            "/offres/?q=data",
            "/recherche/?q=formation",
            "/recherche/?q=offre",
        ],
    }


def test_hidden_careers_and_paths_appear_nowhere_public(client, settings, hidden_rows):
    settings.API_THROTTLE_ANON = "100000/min"
    urls = [*world_urls(), *hidden_rows["extra"]]
    leaks = {}
    for url in urls:
        response = client.get(url)
        if "zorglub" in url:  # a hidden row's own address: not found (its canonical link repeats the address)
            assert response.status_code == 404, url
            continue
        assert response.status_code in (200, 410), (url, response.status_code)
        found = [secret for secret in SECRETS if secret in response.content.decode()]
        if found:
            leaks[url] = found
    assert not leaks, f"hidden rows shown by: {leaks}"
    # The published rows around them are shown: a hidden family is skipped, not the family above it.
    speciality = client.get("/metiers/specialite-publique/").text
    assert "Spécialité publique" in speciality and 'href="/metiers/grand-metier-public/"' in speciality
    assert "Formation publique A" in client.get("/formations/formation-publique-a/").text


def test_hidden_rows_are_still_there_for_staff(staff_client, hidden_rows):
    """The test above is not vacuous: staff previewing see them where the public does not."""
    assert "Famille Zorglub" in staff_client.get("/metiers/famille-zorglub/").text
    assert "Parcours Zorglub" in staff_client.get("/parcours/parcours-zorglub/").text
