"""The page types every browser check runs on, and the data they show.

``world()`` creates, once per test module, every row any page type shows (the
``world`` fixture of conftest.py empties the database afterwards). Adding a page
type is one line in ``PAGE_TYPES``: a name (used in test ids and screenshot
file names), a function returning its address over those rows, and a CSS
selector found only in the state the page type is about (results shown, errors
shown), so a check can never pass on the wrong state. Every check (axe,
keyboard, phone, HTML validity, screenshots) then runs on it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.http import urlencode

from careers.models import Career, Certification, PayFigure, Sector
from careers.tests.factories import CareerFactory, PayFigureFactory, SkillFactory, SourceFactory
from core.geography import Region
from jobs.models import Employer, JobOffer
from jobs.tests.factories import JobOfferFactory
from training.models import Path, Programme, Provider
from training.tests.factories import CityFactory, OutcomeFactory, PathFactory, ProgrammeFactory, ProviderFactory

# The shipped profile that README.md presents as the first one.
SHIPPED_PROFILE = "chef-de-projet-ia"
EXTRA_CAREERS = 21  # with the three shipped ones, enough for a second page of /metiers/
# Bootcamp prices: with the shipped programmes, more than a page of /formations/ is not needed,
# but the journeys need CPF-eligible bootcamps on both sides of a price limit, and one not eligible.
BOOTCAMP_PRICES = [4_500, 6_000, 7_900, 9_500, 12_000]
NOT_CPF_ELIGIBLE = 9_500
EXTRA_OFFERS = 23  # with the two in the journeys' filters, a second page of /offres/
# Rows whose names are as long as their fields allow, in long French words and unbroken tokens:
# every list and detail page must still fit a phone and a wide screen.
LONG_CAREER = "metier-au-nom-le-plus-long"
LONG_PATH = "parcours-au-nom-le-plus-long"
LONG_PROGRAMME = "formation-au-nom-le-plus-long"
LONG_OFFER = "offre-au-nom-le-plus-long"


# The open offer the offer and employer page types show, and the expired one.
MAIN_OFFER = "chef-de-projet-ia-de-test"
CLOSED_OFFER = "offre-close-de-test"
MAIN_EMPLOYER = "groupe-eiffage"


@dataclass(frozen=True)
class PageType:
    name: str
    path: Callable[[], str]  # the page's address, over the rows world() created
    shows: str  # a CSS selector the page matches only in the state this page type is about
    site_nav: bool = True  # carries the portal header: skip link, main navigation
    status: int = 200  # what the page answers: a closed offer answers 410 Gone, with a full page


def catalogue() -> Career:
    """The shipped content, plus what fills every section of a profile and paginates the list.

    Returns the shipped profile. Extra figures come from factories: they are
    test data, never shown on the real site.
    """
    call_command("load_content", stdout=StringIO())
    profile = Career.objects.get(slug=SHIPPED_PROFILE)
    profile.skills.add(
        SkillFactory(name="Gestion de projet agile"), SkillFactory(name="Écoute (compétence de test)", kind="soft")
    )
    Certification.objects.create(career=profile, name="Certification de test", issuer="Organisme de test")
    profile.reviewed_on = datetime.date(2025, 10, 15)
    profile.save(update_fields=["reviewed_on"])
    CareerFactory(title="Spécialité de test", slug="specialite-de-test", parent=profile)
    source = SourceFactory(title="Relevé de test", publisher="Source de test")
    # More bars for the pay chart: a junior figure, and a senior one with the longest place label.
    PayFigureFactory(
        career=profile, source=source, experience=PayFigure.Experience.JUNIOR, amount_low=38_000, amount_high=45_000
    )
    PayFigureFactory(
        career=profile,
        source=source,
        experience=PayFigure.Experience.SENIOR,
        region=Region.PROVENCE_ALPES_COTE_D_AZUR,
        amount_low=None,
        amount_high=95_000,
    )
    finance, health = Sector.objects.get(slug="finance"), Sector.objects.get(slug="sante")
    for number in range(1, EXTRA_CAREERS + 1):
        career = CareerFactory(title=f"Métier de test {number:02}", slug=f"metier-de-test-{number:02}")
        career.sectors.add(health if number % 4 == 0 else finance)
        if number % 3:  # some careers have no known pay: the list shows "non communiqué"
            PayFigureFactory(career=career, source=source, amount_low=30000, amount_high=40000)
    return profile


def training_catalogue(profile: Career | None = None) -> list[Programme]:
    """The shipped paths and programmes plus test bootcamps that fill every section of their pages.

    Returns the test bootcamps, cheapest first. Their figures come from
    factories: test data, never shown on the real site. ``profile`` is the
    shipped profile when ``catalogue()`` already ran.
    """
    profile = profile or catalogue()
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


def job_board(profile: Career | None = None) -> JobOffer:
    """Open offers of every contract, with and without pay, and one expired; returns an open one."""
    profile = profile or catalogue()
    employer = Employer.objects.get(slug=MAIN_EMPLOYER)
    employer.description = "## Ce que nous faisons\n\n- Des chantiers\n- Des **données**"
    employer.website = "https://employeur.example.org/"
    employer.save(update_fields=["description", "website"])
    others = list(Employer.objects.exclude(pk=employer.pk))
    # The shipped profile's family first, so that its CDI offers are several whatever else the content holds.
    careers = sorted(Career.objects.published(), key=lambda c: (not c.slug.startswith("chef-de-projet-"), c.slug))[:4]
    # The contracts and remote options the rotation was written for, without the two imports add (Intérim,
    # "non précisé"), which the filters offer all the same.
    contracts = [c for c in JobOffer.Contract if c != JobOffer.Contract.INTERIM]
    regions, remotes = list(Region)[:5], [r for r in JobOffer.Remote if r != JobOffer.Remote.UNKNOWN]
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
    JobOfferFactory(title="Offre close de test", slug=CLOSED_OFFER, employer=employer, career=profile, expired=True)
    return JobOfferFactory(
        title="Chef de projet IA de test",
        slug=MAIN_OFFER,
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


def longest(model, field: str, words: str) -> str:
    """``words`` repeated up to the field's ``max_length``, cut at a word: the longest name the field holds."""
    limit = model._meta.get_field(field).max_length
    text, pool = "", words.split()
    while True:
        word = pool[0]
        pool = pool[1:] + pool[:1]
        longer = f"{text} {word}".strip()
        if len(longer) > limit:
            return text
        text = longer


def long_names(profile: Career) -> None:
    """A career, a path, a provider, a city, a programme, an employer and an offer named as long as allowed.

    Test data, never shown on the real site.
    """
    source = SourceFactory(title="Relevé de test aux noms longs", publisher="Source de test")
    career = CareerFactory(
        title=longest(Career, "title", "Ingénieure·ingénieur MLOps/DataOps/LLMOps en apprentissage automatique"),
        slug=LONG_CAREER,
        other_names=longest(Career, "other_names", "Responsable-industrialisation-des-modèles, ML-Engineer"),
    )
    career.sectors.add(Sector.objects.get(slug="industrie"))
    # Best paid: first on the list's first page.
    PayFigureFactory(career=career, source=source, amount_low=150_000, amount_high=250_000)
    path = PathFactory(
        title=longest(Path, "title", "Reconversion-professionnelle certifiante en intelligence artificielle"),
        slug=LONG_PATH,
        position=99,
    )
    provider = ProviderFactory(
        name=longest(Provider, "name", "Établissement-d’enseignement-supérieur interuniversitaire pluridisciplinaire"),
        slug="organisme-au-nom-le-plus-long",
    )
    city = CityFactory(name="Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson", slug="saint-remy-en-bouzemont")
    ProgrammeFactory(
        provider=provider,
        path=path,
        title=longest(Programme, "title", "Mastère-spécialisé en apprentissage-automatique, vision-par-ordinateur"),
        slug=LONG_PROGRAMME,
        price=1_000,  # cheapest: first on the list's first page
        duration_weeks=52,
        format=Programme.Format.HYBRID,
        rhythm=Programme.Rhythm.PART_TIME,
        next_start=datetime.date(2026, 9, 14),
        careers=[career],
        cities=[city],
    )
    employer = Employer.objects.create(
        name=longest(Employer, "name", "Société-coopérative-d’intérêt-collectif de recherche industrielle"),
        slug="employeur-au-nom-le-plus-long",
    )
    JobOfferFactory(
        title=longest(JobOffer, "title", "Ingénieure·ingénieur-principal·e en apprentissage-automatique distribué"),
        slug=LONG_OFFER,
        employer=employer,
        career=career,
        contract=JobOffer.Contract.CDI,
        city=city.name,
        region=Region.GRAND_EST,
        salary_low=60_000,
        salary_high=75_000,
    )


def world() -> None:
    """Every row any page type shows: the shipped content, test careers, bootcamps and offers, long names."""
    profile = catalogue()
    training_catalogue(profile)
    job_board(profile)
    long_names(profile)


def with_query(url: str, **params) -> str:
    return f"{url}?{urlencode(params, doseq=True)}"


def career_profile() -> str:
    return Career.objects.get(slug=SHIPPED_PROFILE).get_absolute_url()


def first_bootcamp() -> Programme:
    return Programme.objects.get(slug="bootcamp-de-test-1")


def made_bootcamps() -> list[Programme]:
    """The bootcamps ``training_catalogue()`` made, cheapest first."""
    return list(Programme.objects.filter(slug__startswith="bootcamp-de-test-").order_by("price"))


def comparison() -> str:
    """Four programmes side by side, the one named as long as allowed among them."""
    return with_query(
        reverse("training:compare"), p=[*(f"bootcamp-de-test-{number}" for number in (1, 2, 3)), LONG_PROGRAMME]
    )


def finder_answered() -> str:
    """The shareable address of the path finder's answer: paths and programmes ranked with their reasons."""
    return with_query(
        reverse("orientation:finder"),
        situation="salarie",
        diplome="bac",
        budget=8000,
        duree=6,
        cpf="on",
        metier=SHIPPED_PROFILE,
    )


def simulation() -> str:
    """The shareable address of a computed cost: CPF, months without pay, payback, freelance rates."""
    return with_query(
        reverse("orientation:simulator"),
        formation=first_bootcamp().slug,
        metier=SHIPPED_PROFILE,
        cpf=1500,
        salaire=2100,
    )


PAGE_TYPES = [
    # With careers and open offers: every section of the home page filled.
    PageType("home", lambda: reverse("home"), "main:has(.cards .card):has(#newest-offers ~ .offer-list li)"),
    PageType("career-list", lambda: reverse("careers:list"), ".data-table tbody tr"),
    # Every error state of a list: a field error and an out-of-range page.
    PageType(
        "career-list-errors",
        lambda: with_query(reverse("careers:list"), salaire_min="beaucoup", page=99),
        ".form-errors",
    ),
    PageType("career-profile", career_profile, ".chart svg"),
    PageType("path-list", lambda: reverse("training:path_list"), ".paths-table"),
    PageType("path-detail", lambda: first_bootcamp().path.get_absolute_url(), "h1"),
    PageType("programme-list", lambda: reverse("training:programme_list"), "#programmes tbody tr"),
    PageType(
        "programme-list-errors",
        lambda: with_query(reverse("training:programme_list"), prix_max="gratuit", duree_max=-3, page=99),
        ".form-errors",
    ),
    PageType("programme-detail", lambda: first_bootcamp().get_absolute_url(), "h1"),
    PageType("comparison", comparison, ".compare-table td.best"),
    PageType("offer-list", lambda: reverse("jobs:offer_list"), ".offer-list .offer-item"),
    PageType(
        "offer-list-errors",
        lambda: with_query(reverse("jobs:offer_list"), salaire_min="beaucoup", contrat="cdz", page=99),
        ".form-errors",
    ),
    # Filters that match nothing: what to drop, where to go, the search's feeds.
    PageType(
        "offer-list-no-match",
        lambda: with_query(reverse("jobs:offer_list"), q="xylophone", contrat="stage"),
        ".no-results li a",
    ),
    PageType("offer-detail", lambda: reverse("jobs:offer_detail", kwargs={"slug": MAIN_OFFER}), "h1"),
    PageType("offer-gone", lambda: reverse("jobs:offer_detail", kwargs={"slug": CLOSED_OFFER}), "h1", status=410),
    PageType("employer-detail", lambda: Employer.objects.get(slug=MAIN_EMPLOYER).get_absolute_url(), "h1"),
    # Programmes and offers in Lyon, more than a group shows; no career: an empty group too.
    PageType("search", lambda: with_query(reverse("search"), q="Lyon"), ".search-group .offer-list"),
    PageType("search-errors", lambda: with_query(reverse("search"), q="IA " * 40), ".form-errors"),
    PageType("finder", finder_answered, "main:has(#finder-paths ~ .matches li):has(#finder-programmes ~ .matches li)"),
    PageType(
        "finder-errors",
        lambda: with_query(reverse("orientation:finder"), situation="astronaute", budget=-5, duree="long"),
        ".form-errors",
    ),
    PageType("simulator", simulation, "#cost"),
    PageType(
        "simulator-errors",
        lambda: with_query(reverse("orientation:simulator"), formation="inconnue", salaire="beaucoup"),
        ".form-errors",
    ),
    # The longest names the fields allow, on their own pages (the lists show them among the others).
    PageType("career-profile-long-name", lambda: reverse("careers:detail", kwargs={"slug": LONG_CAREER}), "h1"),
    PageType("path-detail-long-name", lambda: Path.objects.get(slug=LONG_PATH).get_absolute_url(), "h1"),
    PageType("programme-detail-long-name", lambda: Programme.objects.get(slug=LONG_PROGRAMME).get_absolute_url(), "h1"),
    PageType("offer-detail-long-name", lambda: reverse("jobs:offer_detail", kwargs={"slug": LONG_OFFER}), "h1"),
    PageType(
        "employer-detail-long-name",
        lambda: JobOffer.objects.get(slug=LONG_OFFER).employer.get_absolute_url(),
        "h1",
    ),
    PageType("admin-login", lambda: reverse("admin:login"), "h1", site_nav=False),
    # Swagger UI, drawn by JavaScript from the schema: no portal header.
    PageType("api-docs", lambda: reverse("api:docs"), "#swagger-ui .opblock", site_nav=False),
]

ALL = [pytest.param(page_type, id=page_type.name) for page_type in PAGE_TYPES]


def page_type_named(name: str) -> PageType:
    return next(page_type for page_type in PAGE_TYPES if page_type.name == name)


WITH_SITE_NAV = [pytest.param(page_type, id=page_type.name) for page_type in PAGE_TYPES if page_type.site_nav]
