"""Keyboard use of every page type: skip link first, focus always visible, navigation reachable."""

import pytest

from portal.tests.browser.helpers import MAIN_NAV_LINKS, focused, from_top, tab_stops
from portal.tests.browser.pages import ALL


@pytest.mark.parametrize("page_type", ALL)
def test_first_tab_shows_the_skip_link_and_enter_moves_focus_to_main(browse, page_type):
    page = browse(page_type)
    from_top(page)
    page.keyboard.press("Tab")
    link = focused(page)
    assert link is not None and link["tag"] == "a" and (link["href"] or "").startswith("#"), (
        f"the first Tab stop is {link}, not a skip link"
    )
    assert link["onScreen"], f"the skip link {link['name']!r} stays hidden when focused"
    page.keyboard.press("Enter")
    target = focused(page)
    assert target is not None and f"#{target['id']}" == link["href"], f"Enter on the skip link moved focus to {target}"
    assert target["tag"] == "main" or target["inMain"], f"the skip link leads to {target}, outside <main>"


@pytest.mark.parametrize("page_type", ALL)
def test_tab_reaches_the_main_navigation_and_every_stop_shows_its_focus(browse, page_type):
    page = browse(page_type)
    nav = page.eval_on_selector_all(MAIN_NAV_LINKS, "links => links.map(link => link.getAttribute('href'))")
    assert bool(nav) == page_type.site_nav, f"main navigation links: {nav}"
    stops = tab_stops(page)
    reached = [stop["href"] for stop in stops if stop["href"] in nav]
    assert reached[: len(nav)] == nav, f"Tab reached {reached} of the main navigation {nav}"
    hidden = [stop for stop in stops if not stop["onScreen"]]
    assert not hidden, f"focused but not visible: {hidden}"
    no_ring = [stop for stop in stops if not stop["ring"]]
    assert not no_ring, f"focused without a visible focus indicator: {no_ring}"
