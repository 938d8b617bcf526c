"""Visitors' journeys, each with the keyboard alone, with and without JavaScript.

Only the staff journey needs JavaScript: the admin's employer field is an
autocomplete widget.
"""

import re

import pytest
from django.urls import reverse

from careers.models import Career
from jobs.models import JobOffer
from portal.tests.browser.helpers import focused, tab_to
from portal.tests.browser.pages import NOT_CPF_ELIGIBLE, catalogue, job_board, training_catalogue
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
def test_visitor_goes_from_home_to_a_career_of_a_sector(live_server, pages, device):
    profile = catalogue()
    expected = list(Career.objects.published().for_list().filter(sectors__slug="sante").values_list("title", flat=True))
    assert profile.title in expected and len(expected) > 1
    page = pages[device]
    page.goto(live_server.url + reverse("home"))

    follow_link(page, reverse("careers:list"), "the careers link of the main navigation")
    assert page.url == live_server.url + reverse("careers:list")

    tab_to_field(page, "id_secteur")
    page.keyboard.type("Santé")  # a closed <select> picks the option whose label is typed
    submit_filters(page)
    assert "secteur=sante" in page.url
    assert page.locator(".data-table tbody th a").all_inner_texts() == expected

    follow_link(page, profile.get_absolute_url(), f"the link to {profile.title}")
    assert page.url == live_server.url + profile.get_absolute_url()
    assert page.locator("h1").inner_text() == profile.title


@WITH_AND_WITHOUT_JS
def test_student_goes_from_home_to_a_path_a_programme_and_its_career(live_server, pages, device):
    programme = training_catalogue()[0]
    career = programme.careers.get()
    page = pages[device]
    page.goto(live_server.url + reverse("home"))

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
    assert page.url == live_server.url + career.get_absolute_url()
    assert page.locator("h1").inner_text() == career.title


@WITH_AND_WITHOUT_JS
def test_career_changer_compares_three_cpf_bootcamps_under_a_price(live_server, pages, device):
    bootcamps = training_catalogue()
    limit = 8_000
    expected = [p for p in bootcamps if p.price <= limit and p.price != NOT_CPF_ELIGIBLE]
    # Within the limit and eligible; outside it; not eligible: the filters must tell them apart.
    assert len(expected) == 3 and any(p.price > limit for p in bootcamps)
    assert Programme.objects.published().filter(path__slug="bootcamp", cpf_eligible=True, price__isnull=True).exists()
    page = pages[device]
    page.goto(live_server.url + reverse("training:programme_list"))

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
    assert comparison.startswith(live_server.url + reverse("training:compare") + "?")
    columns = page.locator(".compare-table thead th[scope=col]")
    assert columns.all_inner_texts() == [p.title for p in expected]
    assert page.locator(".compare-table td.best").count() >= 1

    page.goto("about:blank")
    response = page.goto(comparison)
    assert response.ok
    assert columns.all_inner_texts() == [p.title for p in expected]


@WITH_AND_WITHOUT_JS
def test_visitor_filters_offers_opens_one_and_follows_its_apply_link(live_server, pages, device):
    offer = job_board()
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
        page.goto(live_server.url + reverse("jobs:offer_list"))
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


def test_staff_member_creates_and_publishes_an_offer_then_finds_it_on_the_board(live_server, pages, django_user_model):
    job_board()
    password = "mot-de-passe-de-test"
    django_user_model.objects.create_superuser("equipe", "equipe@example.org", password)
    page = pages["desktop"]
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Nom d’utilisateur").fill("equipe")
    page.get_by_label("Mot de passe").fill(password)
    with page.expect_navigation():
        page.get_by_label("Mot de passe").press("Enter")
    assert page.url == live_server.url + reverse("admin:index")

    page.goto(live_server.url + reverse("admin:jobs_joboffer_add"))
    page.get_by_label("Intitulé du poste").fill("Ingénieure IA créée dans l’admin")
    # The slug is left to the admin, which derives it from the title as it is typed.
    # The employer is an autocomplete widget: open it beside its <select>, search, pick.
    employer = page.get_by_label("Employeur")
    employer.locator("xpath=following-sibling::span[contains(@class, 'select2')]").click()
    page.keyboard.type("Eiffage")
    page.get_by_role("option", name="Groupe Eiffage").click()
    page.get_by_label("Description").fill("Mettre des modèles en production.")
    page.get_by_label("Adresse pour postuler").fill("https://emploi.example.org/postuler")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Enregistrer$")).click()
    assert page.locator(".messagelist .success").count() == 1, page.locator(".errornote, .errorlist").all_inner_texts()

    created = JobOffer.objects.get(title="Ingénieure IA créée dans l’admin")
    assert created.slug.startswith("ingenieure-ia-creee")
    assert created.status == JobOffer.Status.DRAFT
    page.get_by_role("checkbox", name=re.compile("Ingénieure IA créée dans l’admin")).check()
    page.get_by_role("combobox", name="Action").select_option(label="Publier la sélection")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer").click()
    created.refresh_from_db()
    assert created.status == JobOffer.Status.PUBLISHED

    page.goto(live_server.url + reverse("jobs:offer_list"))
    assert page.locator(".offer-list h3 a").first.inner_text() == created.title
