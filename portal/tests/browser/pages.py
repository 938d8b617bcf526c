"""The page types every browser check runs on, and the data each one needs.

Adding a page type is one line in ``PAGE_TYPES``: a name (used in test ids and
screenshot file names) and a function that creates the rows the page shows and
returns its path. Every check (axe, keyboard, phone, HTML validity,
screenshots) then runs on it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from careers.models import Career, Certification, Sector
from careers.tests.factories import CareerFactory, PayFigureFactory, SkillFactory, SourceFactory
from jobs.models import Employer, JobOffer
from jobs.tests.factories import JobOfferFactory
from portal.geography import Region
from training.models import Path, Programme, Provider
from training.tests.factories import CityFactory, OutcomeFactory, ProgrammeFactory, ProviderFactory

# The shipped profile that README.md presents as the first one.
SHIPPED_PROFILE = "chef-de-projet-ia"
EXTRA_CAREERS = 21  # with the three shipped ones, enough for a second page of /metiers/
# Bootcamp prices: with the shipped programmes, more than a page of /formations/ is not needed,
# but the journeys need CPF-eligible bootcamps on both sides of a price limit, and one not eligible.
BOOTCAMP_PRICES = [4_500, 6_000, 7_900, 9_500, 12_000]
NOT_CPF_ELIGIBLE = 9_500
EXTRA_OFFERS = 23  # with the two in the journeys' filters, a second page of /offres/


@dataclass(frozen=True)
class PageType:
    name: str
    build: Callable[[], str]  # creates what the page shows, returns its path
    site_nav: bool = True  # carries the portal header: skip link, main navigation
    status: int = 200  # what the page answers: a closed offer answers 410 Gone, with a full page


def catalogue() -> Career:
    """The shipped content, plus what fills every section of a profile and paginates the list.

    Returns the shipped profile. Extra figures come from factories: they are
    test data, never shown on the real site.
    """
    call_command("load_content", stdout=StringIO())
    profile = Career.objects.get(slug=SHIPPED_PROFILE)
    profile.skills.add(SkillFactory(name="Gestion de projet agile"), SkillFactory(name="Communication", kind="soft"))
    Certification.objects.create(career=profile, name="Certification de test", issuer="Organisme de test")
    profile.reviewed_on = datetime.date(2025, 10, 15)
    profile.save(update_fields=["reviewed_on"])
    CareerFactory(title="Spécialité de test", slug="specialite-de-test", parent=profile)
    source = SourceFactory(title="Relevé de test", publisher="Source de test")
    finance, health = Sector.objects.get(slug="finance"), Sector.objects.get(slug="sante")
    for number in range(1, EXTRA_CAREERS + 1):
        career = CareerFactory(title=f"Métier de test {number:02}", slug=f"metier-de-test-{number:02}")
        career.sectors.add(health if number % 4 == 0 else finance)
        if number % 3:  # some careers have no known pay: the list shows "non communiqué"
            PayFigureFactory(career=career, source=source, amount_low=30000, amount_high=40000)
    return profile


def home() -> str:
    catalogue()
    return reverse("home")


def career_list() -> str:
    catalogue()
    return reverse("careers:list")


def career_list_with_bad_filters() -> str:
    """Every error state of a list: a field error and an out-of-range page."""
    return career_list() + "?salaire_min=beaucoup&page=99"


def career_profile() -> str:
    return catalogue().get_absolute_url()


def training_catalogue() -> list[Programme]:
    """The shipped paths and programmes plus test bootcamps that fill every section of their pages.

    Returns the test bootcamps, cheapest first. Their figures come from
    factories: test data, never shown on the real site.
    """
    profile = catalogue()
    bootcamp = Path.objects.get(slug="bootcamp")
    provider = ProviderFactory(
        name="École de test",
        slug="ecole-de-test",
        kind=Provider.Kind.BOOTCAMP,
        city="Lyon",
        website="https://ecole.example.org/",
        description="Un organisme de formation inventé pour les tests.",
    )
    cities = [CityFactory(name="Lyon", slug="lyon"), CityFactory(name="Nantes", slug="nantes")]
    source = SourceFactory(title="Rapport de résultats de test", publisher="École de test")
    programmes = []
    for number, price in enumerate(BOOTCAMP_PRICES, start=1):
        programme = ProgrammeFactory(
            provider=provider,
            path=bootcamp,
            title=f"Bootcamp de test {number}",
            slug=f"bootcamp-de-test-{number}",
            body="## Programme\n\n- Python et données\n- Modèles en production",
            url="https://ecole.example.org/bootcamp/",
            price=price,
            cpf_eligible=price != NOT_CPF_ELIGIBLE,
            work_study=False,
            format=Programme.Format.HYBRID,
            rhythm=Programme.Rhythm.FULL_TIME,
            duration_weeks=10 + number,
            duration_hours=400,
            entry_level=Programme.EntryLevel.BAC,
            award_title="Titre de test",
            rncp_level=Programme.RncpLevel.LEVEL_6,
            admission=Path.Admission.DIRECT,
            next_start=datetime.date(2026, 1 + number, 5),
            careers=[profile],
            cities=cities,
        )
        OutcomeFactory(
            programme=programme,
            source=source,
            placement=True,
            employed_rate=70 + number,
            cohort_size=20 * number,
            cohort_start=datetime.date(2024, 1, 8),
            cohort_end=datetime.date(2024, 4, 12),
            completion_rate=90,
            median_salary=38_000,
            satisfaction_rate=95,
            satisfaction_measure="Avis des personnes formées",
            people_trained=1_000,
            people_trained_at_least=True,
            note="Chiffres de test",
        )
        programmes.append(programme)
    return programmes


def path_list() -> str:
    training_catalogue()
    return reverse("training:path_list")


def path_detail() -> str:
    return training_catalogue()[0].path.get_absolute_url()


def programme_list() -> str:
    training_catalogue()
    return reverse("training:programme_list")


def programme_list_with_bad_filters() -> str:
    return programme_list() + "?prix_max=gratuit&duree_max=-3&page=99"


def programme_detail() -> str:
    return training_catalogue()[0].get_absolute_url()


def comparison() -> str:
    slugs = "&".join(f"p={programme.slug}" for programme in training_catalogue()[:3])
    return f"{reverse('training:compare')}?{slugs}"


def job_board() -> JobOffer:
    """Open offers of every contract, with and without pay, and one expired; returns an open one."""
    profile = catalogue()
    employer = Employer.objects.get(slug="groupe-eiffage")
    employer.description = "## Ce que nous faisons\n\n- Des chantiers\n- Des **données**"
    employer.website = "https://employeur.example.org/"
    employer.save(update_fields=["description", "website"])
    others = list(Employer.objects.exclude(pk=employer.pk))
    careers = list(Career.objects.published().order_by("slug")[:4])
    contracts, regions, remotes = list(JobOffer.Contract), list(Region)[:5], list(JobOffer.Remote)
    for number in range(1, EXTRA_OFFERS + 1):
        contract = contracts[number % len(contracts)]
        freelance = contract == JobOffer.Contract.FREELANCE
        JobOfferFactory(
            title=f"Offre de test {number:02}",
            slug=f"offre-de-test-{number:02}",
            employer=others[number % len(others)],
            career=careers[number % len(careers)],
            contract=contract,
            city="Lyon",
            region=regions[number % len(regions)],
            remote=remotes[number % len(remotes)],
            salary_low=None if freelance or number % 5 == 0 else 40_000,
            salary_high=None if freelance or number % 5 == 0 else 50_000 + 1_000 * number,
            day_rate_low=500 if freelance else None,
            day_rate_high=650 if freelance else None,
        )
    JobOfferFactory(
        title="Offre close de test", slug="offre-close-de-test", employer=employer, career=profile, expired=True
    )
    return JobOfferFactory(
        title="Chef de projet IA de test",
        slug="chef-de-projet-ia-de-test",
        employer=employer,
        career=profile,
        contract=JobOffer.Contract.CDI,
        experience=JobOffer.Experience.CONFIRMED,
        city="Paris",
        region=Region.ILE_DE_FRANCE,
        remote=JobOffer.Remote.PARTIAL,
        salary_low=45_000,
        salary_high=55_000,
        description="## Missions\n\n- Cadrer les projets\n- Suivre les **modèles** en production",
        apply_email="recrutement@example.org",
        source=JobOffer.Source.APEC,
        source_url="https://annonce.example.org/1",
    )


def offer_list() -> str:
    job_board()
    return reverse("jobs:offer_list")


def offer_list_with_bad_filters() -> str:
    return offer_list() + "?salaire_min=beaucoup&contrat=cdz&page=99"


def offer_detail() -> str:
    return job_board().get_absolute_url()


def offer_gone() -> str:
    job_board()
    return reverse("jobs:offer_detail", kwargs={"slug": "offre-close-de-test"})


def employer_detail() -> str:
    return job_board().employer.get_absolute_url()


def admin_login() -> str:
    return reverse("admin:login")


PAGE_TYPES = [
    PageType("home", home),
    PageType("career-list", career_list),
    PageType("career-list-errors", career_list_with_bad_filters),
    PageType("career-profile", career_profile),
    PageType("path-list", path_list),
    PageType("path-detail", path_detail),
    PageType("programme-list", programme_list),
    PageType("programme-list-errors", programme_list_with_bad_filters),
    PageType("programme-detail", programme_detail),
    PageType("comparison", comparison),
    PageType("offer-list", offer_list),
    PageType("offer-list-errors", offer_list_with_bad_filters),
    PageType("offer-detail", offer_detail),
    PageType("offer-gone", offer_gone, status=410),
    PageType("employer-detail", employer_detail),
    PageType("admin-login", admin_login, site_nav=False),
]

ALL = [pytest.param(page_type, id=page_type.name) for page_type in PAGE_TYPES]
WITH_SITE_NAV = [pytest.param(page_type, id=page_type.name) for page_type in PAGE_TYPES if page_type.site_nav]
