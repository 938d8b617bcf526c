"""generate_demo_data, through the command and the pages: synthetic rows, named ``demo-…``, no flag."""

import pytest
from django.core.management import call_command

from careers.models import Career
from careers.tests.factories import CareerFactory
from core.geography import Region
from core.project import project_models
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


def test_generates_rows_over_every_contract_region_and_path(content):
    generate()
    offers = JobOffer.objects.filter(slug__startswith="demo-")
    assert offers.count() == JobOffer.objects.count() == 400
    assert set(offers.values_list("contract", flat=True)) == set(JobOffer.Contract.values)
    assert set(offers.exclude(region="").values_list("region", flat=True)) == set(Region.values)
    assert offers.filter(salary_top__isnull=True).exists() and offers.filter(salary_top__gte=50_000).exists()
    assert set(offers.values_list("status", flat=True)) >= {JobOffer.Status.PUBLISHED, JobOffer.Status.ARCHIVED}
    assert Programme.objects.filter(slug__startswith="demo-").count() == 30
    assert set(Programme.objects.filter(slug__startswith="demo-").values_list("path", flat=True)) == set(
        Path.objects.values_list("pk", flat=True)
    )
    assert Career.objects.filter(slug__startswith="demo-").count() == 3


def test_no_product_model_carries_a_demo_flag():
    assert not [model for model in project_models() if "is_demo" in {field.name for field in model._meta.fields}]


def test_same_seed_gives_same_rows_and_another_seed_differs(content):
    generate(seed=7)
    first = snapshot()
    generate(seed=7)  # replaces the previous demo set
    assert snapshot() == first
    generate(seed=8)
    assert snapshot() != first


def test_a_new_generation_replaces_the_demo_rows_and_nothing_else(content):
    kept = {JobOffer: JobOfferFactory().pk, Programme: ProgrammeFactory().pk, Career: CareerFactory().pk}
    generate(offers=60, programmes=10)
    edited = JobOffer.objects.filter(slug__startswith="demo-").first()
    edited.title = "Retouchée dans l’admin"
    edited.save()  # a history record of a demo row
    generate(offers=20, programmes=5, seed=9)
    assert JobOffer.objects.filter(slug__startswith="demo-").count() == 20
    assert not JobOffer.history.filter(title="Retouchée dans l’admin").exists(), "its history went with it"
    for model, pk in kept.items():
        assert model.objects.filter(pk=pk).exists()
    assert Provider.objects.filter(slug__startswith="demo-").exists() and Employer.objects.exists()


def test_demo_rows_are_found_by_search_after_generation(content, client):
    generate(offers=50, programmes=0)
    offer = JobOffer.objects.open().filter(slug__startswith="demo-").first()
    response = client.get("/offres/", {"q": offer.employer.name})
    assert offer.title in response.text


def test_public_pages_show_no_demo_badge(content, client):
    generate(offers=50, programmes=10)
    offer = JobOffer.objects.open().filter(slug__startswith="demo-").first()
    for url in (offer.get_absolute_url(), "/offres/", "/formations/"):
        assert "donnée de démonstration" not in client.get(url).text, url


def test_demo_offers_take_their_commune_once_communes_are_loaded(content, communes, client):
    generate(offers=400, programmes=0)
    in_lyon = JobOffer.objects.filter(slug__startswith="demo-", city="Lyon")
    assert in_lyon.exists()
    assert set(in_lyon.values_list("commune__code", flat=True)) == {"69123"}
    assert not JobOffer.objects.filter(slug__startswith="demo-", city="", commune__isnull=False).exists()
    near = client.get("/offres/", {"ville": "Villeurbanne", "rayon": "20"})
    assert {offer.city for offer in near.context["offers"]} <= {"Lyon", "Villeurbanne"}
    assert near.context["paginator"].count == JobOffer.objects.open().filter(city__in=["Lyon", "Villeurbanne"]).count()
