"""generate_demo_data and purge_demo_data, through the commands, the pages and the admin."""

import pytest
from django.core.management import call_command

from careers.models import Career
from careers.tests.factories import CareerFactory
from core.geography import Region
from jobs.models import Employer, JobOffer
from jobs.tests.factories import JobOfferFactory
from training.models import Path, Programme, Provider
from training.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def generate(offers=400, programmes=30, seed=7):
    call_command("generate_demo_data", offers=offers, programmes=programmes, seed=seed, stdout=None)


@pytest.fixture
def content():
    call_command("load_content", stdout=None)


def snapshot():
    return list(JobOffer.objects.order_by("slug").values_list("slug", "contract", "region", "salary_low", "status"))


def test_generates_flagged_rows_over_every_contract_region_and_path(content):
    generate()
    offers = JobOffer.objects.filter(is_demo=True)
    assert offers.count() == 400
    assert set(offers.values_list("contract", flat=True)) == set(JobOffer.Contract.values)
    assert set(offers.exclude(region="").values_list("region", flat=True)) == set(Region.values)
    assert offers.filter(salary_top__isnull=True).exists() and offers.filter(salary_top__gte=50_000).exists()
    assert set(offers.values_list("status", flat=True)) >= {JobOffer.Status.PUBLISHED, JobOffer.Status.ARCHIVED}
    assert Programme.objects.filter(is_demo=True).count() == 30
    assert set(Programme.objects.filter(is_demo=True).values_list("path", flat=True)) == set(
        Path.objects.values_list("pk", flat=True)
    )
    assert Career.objects.filter(is_demo=True).count() == 3
    assert not Career.objects.filter(is_demo=False, slug__startswith="demo-").exists()


def test_same_seed_gives_same_rows_and_another_seed_differs(content):
    generate(seed=7)
    first = snapshot()
    generate(seed=7)  # replaces the previous demo set
    assert snapshot() == first
    generate(seed=8)
    assert snapshot() != first


def all_pks():
    return {model: set(model.objects.values_list("pk", flat=True)) for model in (JobOffer, Employer, Programme, Career)}


def test_purge_removes_demo_rows_and_nothing_else(content):
    JobOfferFactory()
    ProgrammeFactory()
    CareerFactory()
    before = {
        model: set(model.objects.values_list("pk", flat=True)) for model in (JobOffer, Employer, Programme, Career)
    }
    generate()
    edited = JobOffer.objects.filter(is_demo=True).first()
    edited.title = "Retouchée dans l’admin"
    edited.save()  # a history record of a demo row
    kept_history = JobOffer.history.filter(is_demo=False).count()
    assert kept_history and JobOffer.history.filter(is_demo=True).exists()
    call_command("purge_demo_data", stdout=None)
    for model in (JobOffer, Employer, Programme, Provider, Career):
        assert not model.objects.filter(is_demo=True).exists()
    # Demo rows leave no history behind (the purge writes none either); other rows' history stays.
    assert not JobOffer.history.filter(is_demo=True).exists()
    assert not Employer.history.filter(is_demo=True).exists()
    assert JobOffer.history.filter(is_demo=False).count() == kept_history
    after = {
        model: set(model.objects.values_list("pk", flat=True)) for model in (JobOffer, Employer, Programme, Career)
    }
    assert after == before


def test_purge_without_demo_data_says_so(capsys):
    call_command("purge_demo_data")
    assert "Aucune donnée de démonstration" in capsys.readouterr().out


def test_demo_rows_are_found_by_search_after_generation(content, client):
    generate(offers=50, programmes=0)
    offer = JobOffer.objects.open().filter(is_demo=True).first()
    response = client.get("/offres/", {"q": offer.employer.name})
    assert offer.title in response.text


def test_public_pages_badge_demo_rows(content, client):
    generate(offers=50, programmes=10)
    offer = JobOffer.objects.open().filter(is_demo=True).first()
    programme = Programme.objects.published().filter(is_demo=True).first()
    career = Career.objects.filter(is_demo=True).first()
    for url in (offer.get_absolute_url(), programme.get_absolute_url(), career.get_absolute_url(), "/offres/"):
        assert "donnée de démonstration" in client.get(url).text, url
    real = JobOfferFactory()
    assert "donnée de démonstration" not in client.get(real.get_absolute_url()).text


def test_admin_filters_demo_rows(content, admin_client):
    generate(offers=20, programmes=0)
    real = JobOfferFactory(title="Offre réelle")
    response = admin_client.get("/admin/jobs/joboffer/", {"is_demo__exact": "1"})
    assert response.status_code == 200
    assert real.title not in response.text
    response = admin_client.get("/admin/jobs/joboffer/", {"is_demo__exact": "0"})
    assert real.title in response.text
