"""Visitors' journeys, each with the keyboard alone, with and without JavaScript.

They only read, so they browse ``world``, the database the page-type checks
share; the staff journey, which writes, is in test_staff_journey.py.
"""

import pytest
from django.urls import reverse

from careers.models import Career
from jobs.models import JobOffer
from portal.tests.browser.helpers import focused, tab_to
from portal.tests.browser.pages import MAIN_OFFER, NOT_CPF_ELIGIBLE, SHIPPED_PROFILE, first_bootcamp, made_bootcamps
from training.models import Programme

WITH_AND_WITHOUT_JS = pytest.mark.parametrize("device", ["desktop", "no-js"])
# The apply link of the test offers leads off-site: the browser is answered locally instead.
APPLY_SITE = "https://emploi.example.org/**"
# The focused link sits in the home page's studies door.
IN_STUDIES_DOOR = (
    '() => document.activeElement.closest("section")?.querySelector("h2")?.innerText === "Je prépare mes études"'
)


def press_enter_and_load(page):
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.ok, f"{navigation.value.url} answered {navigation.value.status}"


def follow_link(page, href, description):
    """Tab to the link to ``href`` and open it with Enter."""
    tab_to(page, description, lambda el: el["tag"] == "a" and el["href"] == href)
    press_enter_and_load(page)


def tab_to_field(page, field_id):
    return tab_to(page, f"the field #{field_id}", lambda el: el["id"] == field_id)


def submit_filters(page):
    tab_to(page, "the filter button", lambda el: el["tag"] == "button" and el["name"] == "Filtrer")
    press_enter_and_load(page)


@WITH_AND_WITHOUT_JS
def test_visitor_goes_from_home_to_a_career_of_a_sector(site, pages, device):
    profile = Career.objects.get(slug=SHIPPED_PROFILE)
    # A sector whose careers fit on one page of the list.
    in_sector = Career.objects.published().for_list().filter(sectors__slug="ressources-humaines")
    expected = list(in_sector.values_list("title", flat=True))
    assert profile.title in expected and 1 < len(expected) <= 20
    page = pages[device]
    page.goto(site.url + reverse("home"))

    follow_link(page, reverse("careers:list"), "the careers link of the main navigation")
    assert page.url == site.url + reverse("careers:list")

    tab_to_field(page, "id_secteur")
    page.keyboard.type("Ressources humaines")  # a closed <select> picks the option whose label is typed
    submit_filters(page)
    assert "secteur=ressources-humaines" in page.url
    assert sorted(page.locator(".data-table tbody th a").all_inner_texts()) == sorted(expected)

    follow_link(page, profile.get_absolute_url(), f"the link to {profile.title}")
    assert page.url == site.url + profile.get_absolute_url()
    assert page.locator("h1").inner_text() == profile.title


@WITH_AND_WITHOUT_JS
def test_student_goes_from_home_to_a_path_a_programme_and_its_career(site, pages, device):
    programme = first_bootcamp()
    career = programme.careers.get()
    page = pages[device]
    page.goto(site.url + reverse("home"))

    tab_to(
        page,
        "the paths link of the studies door",
        lambda el: el["href"] == reverse("training:path_list") and page.evaluate(IN_STUDIES_DOOR),
    )
    press_enter_and_load(page)
    assert page.locator("h1").inner_text() == "Les parcours vers les métiers de l’IA"

    follow_link(page, programme.path.get_absolute_url(), f"the path {programme.path.title}")
    assert page.locator("h1").inner_text() == programme.path.title

    follow_link(page, programme.get_absolute_url(), f"the programme {programme.title}")
    assert page.locator("h1").inner_text() == programme.title

    follow_link(page, career.get_absolute_url(), f"the career {career.title}")
    assert page.url == site.url + career.get_absolute_url()
    assert page.locator("h1").inner_text() == career.title


@WITH_AND_WITHOUT_JS
def test_career_changer_compares_three_cpf_bootcamps_under_a_price(site, pages, device):
    bootcamps = made_bootcamps()
    limit = 8_000
    expected = [p for p in bootcamps if p.price <= limit and p.price != NOT_CPF_ELIGIBLE]
    # Within the limit and eligible; outside it; not eligible: the filters must tell them apart.
    assert len(expected) == 3 and any(p.price > limit for p in bootcamps)
    assert Programme.objects.published().filter(path__slug="bootcamp", cpf_eligible=True, price__isnull=True).exists()
    page = pages[device]
    page.goto(site.url + reverse("training:programme_list"))

    tab_to_field(page, "id_parcours")
    page.keyboard.type("Bootcamp")
    tab_to_field(page, "id_cpf")
    page.keyboard.type("Oui")
    tab_to_field(page, "id_prix_max")
    page.keyboard.type(str(limit))
    submit_filters(page)
    assert "parcours=bootcamp" in page.url and "cpf=oui" in page.url and f"prix_max={limit}" in page.url
    rows = page.locator("#programmes tbody th a")
    assert rows.all_inner_texts() == [p.title for p in expected]

    for programme in expected:
        # A checkbox's value is the programme's slug.
        tab_to(
            page,
            f"the box to compare {programme.title}",
            lambda el, p=programme: el["tag"] == "input" and el["name"] == p.slug,
        )
        page.keyboard.press("Space")
    assert page.locator("#programmes input[type=checkbox]:checked").count() == 3
    tab_to(page, "the compare button", lambda el: el["tag"] == "button" and el["name"] == "Comparer la sélection")
    press_enter_and_load(page)

    comparison = page.url
    assert comparison.startswith(site.url + reverse("training:compare") + "?")
    columns = page.locator(".compare-table thead th[scope=col]")
    assert columns.all_inner_texts() == [p.title for p in expected]
    assert page.locator(".compare-table td.best").count() >= 1

    page.goto("about:blank")
    response = page.goto(comparison)
    assert response.ok
    assert columns.all_inner_texts() == [p.title for p in expected]


@WITH_AND_WITHOUT_JS
def test_visitor_filters_offers_opens_one_and_follows_its_apply_link(site, pages, device):
    offer = JobOffer.objects.get(slug=MAIN_OFFER)
    expected = list(
        JobOffer.objects.open()
        .newest()
        .filter(career=offer.career, contract=JobOffer.Contract.CDI)
        .values_list("title", flat=True)
    )
    assert offer.title in expected and 1 < len(expected) < JobOffer.objects.open().count()
    page = pages[device]
    page.route(APPLY_SITE, lambda route: route.fulfill(content_type="text/html", body="<title>Candidature</title>"))
    try:
        page.goto(site.url + reverse("jobs:offer_list"))
        tab_to_field(page, "id_metier")
        page.keyboard.type(offer.career.title)
        tab_to_field(page, "id_contrat")
        page.keyboard.type("CDI")
        submit_filters(page)
        assert f"metier={offer.career.slug}" in page.url and "contrat=cdi" in page.url
        assert page.locator(".offer-list .offer-item h3 a").all_inner_texts() == expected

        follow_link(page, offer.get_absolute_url(), f"the offer {offer.title}")
        assert page.locator("h1").inner_text() == offer.title

        tab_to(page, "the apply link", lambda el: el["href"] == offer.apply_url)
        assert focused(page)["name"] == "Postuler sur le site de l’employeur"
        press_enter_and_load(page)
        assert page.url == offer.apply_url
        assert page.title() == "Candidature"
    finally:
        page.unroute(APPLY_SITE)


@WITH_AND_WITHOUT_JS
def test_visitor_mistypes_a_career_and_follows_the_spelling_offered(site, pages, device):
    profile = Career.objects.get(slug=SHIPPED_PROFILE)
    page = pages[device]
    page.failed_requests.clear()
    page.goto(site.url + reverse("search"))
    tab_to_field(page, "id_q")
    page.keyboard.type("chef de pro")
    options = page.locator("#search-terms option")
    if device == "no-js":  # the names the page was served with, which the browser filters itself
        assert profile.title in options.evaluate_all("options => options.map(o => o.value)")
    else:  # narrowed by search-suggest.js from /recherche/suggestions
        page.wait_for_function(
            "() => [...document.querySelectorAll('#search-terms option')].every(o => /^Chef de pro/.test(o.value))"
        )
        assert profile.title in options.evaluate_all("options => options.map(o => o.value)")
    page.keyboard.press("Control+A")
    page.keyboard.type("cheff de projett")
    press_enter_and_load(page)
    assert page.locator(".search-spelling").inner_text() == "Vouliez-vous dire « chef de projet » ?"
    follow_link(page, reverse("search") + "?q=chef+de+projet", "the spelling offered")
    assert profile.title in page.locator("#results-careers ~ .search-results a").all_inner_texts()
    assert not page.failed_requests, page.failed_requests
