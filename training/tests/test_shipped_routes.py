"""The shipped routes name real public programmes with their sourced facts, and link the national platforms."""

from io import StringIO

import pytest
from django.core.management import call_command

from training.models import Path, Programme, Provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(db):
    call_command("load_content", stdout=StringIO())


def test_student_routes_name_public_programmes_besides_the_private_school(shipped):
    public = Programme.objects.published().exclude(provider__kind=Provider.Kind.SPECIALISED_SCHOOL)
    assert public.filter(path__slug="universite").count() >= 3
    assert public.filter(path__slug="ecole-ingenieurs").count() >= 2
    but = Programme.objects.get(slug="iut-lisieux-but-science-des-donnees")
    assert (but.admission, but.duration_months, but.price) == ("parcoursup", 36, 534)
    master = Programme.objects.get(slug="cy-master-mathematiques-macia")
    assert (master.admission, master.duration_months, master.price, master.work_study) == ("monmaster", 24, 508, True)
    assert master.url.startswith("https://cyu.fr/")
    # Every fact says where it was read.
    for programme in public:
        assert "lue le" in programme.body or "lues le" in programme.body.lower(), programme.slug


def test_route_pages_link_parcoursup_monmaster_and_onisep(client, shipped):
    for slug in ["universite", "ecole-ingenieurs", "ecole-specialisee-post-bac"]:
        html = client.get(Path.objects.get(slug=slug).get_absolute_url()).content.decode()
        for url in ["https://www.parcoursup.fr", "https://www.monmaster.gouv.fr", "https://www.onisep.fr"]:
            assert f'href="{url}"' in html, (slug, url)


def test_routes_table_fills_cost_and_admission_from_public_sources(client, shipped):
    html = client.get("/parcours/").content.decode()
    assert "508\xa0€ – 534\xa0€" in html
    assert "Parcoursup pour les écoles post-bac" in html
    assert "exonération des droits d’inscription" in html
