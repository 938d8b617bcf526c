"""Canonical links, descriptions, Open Graph and JSON-LD on the public pages."""

import re

import pytest

from careers.models import PayFigure
from careers.tests.factories import CareerFactory, MissionFactory, PayFigureFactory, SkillFactory
from core.geography import Country, Currency
from jobs.tests.factories import EmployerFactory, JobOfferFactory
from portal.tests.helpers import json_ld_blocks
from training.models import Programme
from training.tests.factories import PathFactory, ProgrammeFactory, ProviderFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def meta(text, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', text)
    return found.group(1) if found else None


def blocks_of(text, kind):
    return [block for block in json_ld_blocks(text) if block["@type"] == kind]


def breadcrumb_names(text):
    [crumbs] = blocks_of(text, "BreadcrumbList")
    return [(item["position"], item["name"], item["item"]) for item in crumbs["itemListElement"]]


@pytest.fixture
def rows():
    parent = CareerFactory(title="Chef de projet Data", slug="chef-de-projet-data")
    career = CareerFactory(title="Chef de projet IA", slug="chef-de-projet-ia", parent=parent,
                           other_names="AI Project Manager, AI Product Manager")  # fmt: skip
    path = PathFactory(title="Bootcamp", slug="bootcamp")
    programme = ProgrammeFactory(path=path, slug="bootcamp-ia", careers=[career])
    offer = JobOfferFactory(slug="offre", employer=EmployerFactory(slug="acme", name="Acme"))
    return {"career": career, "path": path, "programme": programme, "offer": offer}


@pytest.mark.parametrize(
    "url",
    [
        "/", "/recherche/?q=ia", "/orientation/", "/orientation/cout/", "/metiers/", "/metiers/chef-de-projet-ia/",
        "/parcours/", "/parcours/bootcamp/", "/formations/", "/formations/bootcamp-ia/", "/formations/comparer/",
        "/offres/", "/offres/offre/", "/employeurs/acme/",
    ],
)  # fmt: skip
def test_every_page_has_canonical_description_and_open_graph(client, rows, url):
    text = client.get(url).text
    path = url.split("?")[0]
    assert f'<link rel="canonical" href="{SITE}{path}">' in text
    description = meta(text, "name", "description")
    assert len(description) > 20
    assert meta(text, "property", "og:url") == SITE + path
    assert meta(text, "property", "og:description") == description
    title = re.search(r"<title>(.*?) · Cap IA</title>", text).group(1)
    assert meta(text, "property", "og:title") == title
    assert meta(text, "property", "og:locale") == "fr_FR"


def test_career_profile_carries_an_occupation_with_french_salaries(client, rows):
    career = rows["career"]
    career.skills.add(SkillFactory(name="Gestion de projet"))
    MissionFactory(career=career, title="Définir les objectifs")
    PayFigureFactory(career=career, amount_low=38000, amount_high=54000)
    PayFigureFactory(career=career, experience=PayFigure.Experience.JUNIOR, amount_low=None, amount_high=45000)
    PayFigureFactory(
        career=career, country=Country.UNITED_STATES, currency=Currency.USD, amount_low=83000, amount_high=130000
    )
    PayFigureFactory(career=career, kind=PayFigure.Kind.DAY_RATE, amount_low=667, amount_high=667)
    [data] = blocks_of(client.get(career.get_absolute_url()).text, "Occupation")
    assert data["name"] == "Chef de projet IA"
    assert data["alternateName"] == ["AI Project Manager", "AI Product Manager"]
    assert data["occupationLocation"] == [{"@type": "Country", "name": "France"}]
    assert data["skills"] == ["Gestion de projet"] and data["responsibilities"] == ["Définir les objectifs"]
    salaries = {salary["name"]: salary for salary in data["estimatedSalary"]}
    assert set(salaries) == {"junior", "all levels"}  # French annual salaries only
    assert salaries["all levels"] == {
        "@type": "MonetaryAmountDistribution", "name": "all levels", "currency": "EUR", "duration": "P1Y",
        "minValue": 38000, "maxValue": 54000,
    }  # fmt: skip
    assert salaries["junior"]["median"] == 45000


def test_career_breadcrumbs_follow_the_family(client, rows):
    text = client.get(rows["career"].get_absolute_url()).text
    assert breadcrumb_names(text) == [
        (1, "Accueil", f"{SITE}/"),
        (2, "Métiers", f"{SITE}/metiers/"),
        (3, "Chef de projet Data", f"{SITE}/metiers/chef-de-projet-data/"),
        (4, "Chef de projet IA", f"{SITE}/metiers/chef-de-projet-ia/"),
    ]


def test_programme_page_carries_an_educational_occupational_program(client):
    programme = ProgrammeFactory(
        slug="bootcamp-data", title="Bootcamp Data", provider=ProviderFactory(name="Jedha", website="https://jedha.co"),
        price=6500, duration_weeks=12, rhythm=Programme.Rhythm.FULL_TIME, format=Programme.Format.ONLINE,
        cpf_eligible=True, award_title="Titre RNCP",
    )  # fmt: skip
    text = client.get(programme.get_absolute_url()).text
    assert not blocks_of(text, "Course")
    [data] = blocks_of(text, "EducationalOccupationalProgram")
    assert data["provider"] == {"@type": "EducationalOrganization", "name": "Jedha", "sameAs": "https://jedha.co"}
    assert data["timeToComplete"] == "P12W"
    assert data["educationalProgramMode"] == ["full-time", "online"]
    assert data["offers"] == {"@type": "Offer", "category": "Paid", "price": 6500, "priceCurrency": "EUR"}
    assert data["financialAidEligible"] == "CPF" and data["educationalCredentialAwarded"] == "Titre RNCP"
    assert data["url"] == f"{SITE}/formations/bootcamp-data/"
    assert [name for _, name, _ in breadcrumb_names(text)] == [
        "Accueil",
        "Formations",
        programme.path.title,
        "Bootcamp Data",
    ]


def test_unknown_programme_facts_are_left_out(client):
    programme = ProgrammeFactory(price=None, cpf_eligible=None)
    [data] = blocks_of(client.get(programme.get_absolute_url()).text, "EducationalOccupationalProgram")
    assert not {"offers", "timeToComplete", "educationalProgramMode", "financialAidEligible"} & set(data)


def test_path_offer_and_employer_pages_carry_breadcrumbs(client, rows):
    assert [n for _, n, _ in breadcrumb_names(client.get("/parcours/bootcamp/").text)] == [
        "Accueil",
        "Parcours",
        "Bootcamp",
    ]
    offer = rows["offer"]
    text = client.get(offer.get_absolute_url()).text
    assert [n for _, n, _ in breadcrumb_names(text)] == ["Accueil", "Offres", offer.title]
    assert len(blocks_of(text, "JobPosting")) == 1
    assert [n for _, n, _ in breadcrumb_names(client.get("/employeurs/acme/").text)] == ["Accueil", "Offres", "Acme"]
