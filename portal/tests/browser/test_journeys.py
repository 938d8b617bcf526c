"""Visitors' journeys through the pages that exist, with the keyboard alone, with and without JavaScript."""

import pytest
from django.urls import reverse

from careers.models import Career
from portal.tests.browser.helpers import tab_to
from portal.tests.browser.pages import catalogue


def press_enter_and_load(page):
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.ok, f"{navigation.value.url} answered {navigation.value.status}"


@pytest.mark.parametrize("device", ["desktop", "no-js"])
def test_visitor_goes_from_home_to_a_career_of_a_sector_with_the_keyboard_only(live_server, pages, device):
    profile = catalogue()
    expected = list(Career.objects.published().for_list().filter(sectors__slug="sante").values_list("title", flat=True))
    assert profile.title in expected and len(expected) > 1
    page = pages[device]
    page.goto(live_server.url + reverse("home"))

    tab_to(page, "the careers link of the main navigation", lambda el: el["href"] == reverse("careers:list"))
    press_enter_and_load(page)
    assert page.url == live_server.url + reverse("careers:list")

    tab_to(page, "the sector filter", lambda el: el["id"] == "id_secteur")
    page.keyboard.type("Santé")  # a closed <select> picks the option whose label is typed
    tab_to(page, "the filter button", lambda el: el["tag"] == "button" and el["name"] == "Filtrer")
    press_enter_and_load(page)
    assert "secteur=sante" in page.url
    assert page.locator(".data-table tbody th a").all_inner_texts() == expected

    tab_to(page, f"the link to {profile.title}", lambda el: el["href"] == profile.get_absolute_url())
    press_enter_and_load(page)
    assert page.url == live_server.url + profile.get_absolute_url()
    assert page.locator("h1").inner_text() == profile.title
