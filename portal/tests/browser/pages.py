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

# The shipped profile that README.md presents as the first one.
SHIPPED_PROFILE = "chef-de-projet-ia"
EXTRA_CAREERS = 21  # with the three shipped ones, enough for a second page of /metiers/


@dataclass(frozen=True)
class PageType:
    name: str
    build: Callable[[], str]  # creates what the page shows, returns its path
    site_nav: bool = True  # carries the portal header: skip link, main navigation


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


def admin_login() -> str:
    return reverse("admin:login")


PAGE_TYPES = [
    PageType("home", home),
    PageType("career-list", career_list),
    PageType("career-list-errors", career_list_with_bad_filters),
    PageType("career-profile", career_profile),
    PageType("admin-login", admin_login, site_nav=False),
]

ALL = [pytest.param(page_type, id=page_type.name) for page_type in PAGE_TYPES]
WITH_SITE_NAV = [pytest.param(page_type, id=page_type.name) for page_type in PAGE_TYPES if page_type.site_nav]
