"""Every page type at 1136, 1280 and 1440 px, and on a phone: nothing wider than the window, no table cut.

A table in a box that scrolls sideways hides its last columns behind a
scrollbar many never see; tables wrap their text, or stack their rows on
phones, instead. Only the comparison may scroll on a phone, its row headers
kept in view (test_phone.py).
"""

import pytest

from portal.tests.browser.helpers import OVERFLOWING
from portal.tests.browser.pages import PAGE_TYPES, page_type_named

WIDTHS = {"desktop": 1280, "wide": 1440, "narrow-desktop": 1136, "phone": 390}
SCROLLS_ON_A_PHONE = {"comparison"}

# Elements of the page that scroll sideways inside it, with how much they hide.
SCROLLING_BOXES = """() => [...document.querySelectorAll("main *")]
  .filter(el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
  .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}: `
    + `${el.scrollWidth - el.clientWidth} px hidden`)"""

# Swagger UI draws its own page: its code samples scroll as code does.
OWN_SCROLLING = {"api-docs"}

CASES = [
    pytest.param(page_type, device, id=f"{page_type.name}-{width}")
    for device, width in WIDTHS.items()
    for page_type in PAGE_TYPES
]


@pytest.mark.parametrize(("page_type", "device"), CASES)
def test_page_fits_the_window_and_hides_nothing_in_a_scrolling_box(browse, page_type, device):
    page = browse(page_type, device)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= WIDTHS[device], f"the page is {width} px wide; sticking out: {page.evaluate(OVERFLOWING)}"
    if page_type.name in OWN_SCROLLING or (device == "phone" and page_type.name in SCROLLS_ON_A_PHONE):
        return
    hidden = page.evaluate(SCROLLING_BOXES)
    assert not hidden, f"content scrolled out of view at {WIDTHS[device]} px: {hidden}"


@pytest.mark.parametrize("device", ["desktop", "wide", "no-js"])
@pytest.mark.parametrize("name", ["career-list", "programme-list", "offer-list"])
def test_filters_show_unfolded_beside_or_above_the_results(browse, name, device):
    page = browse(page_type_named(name), device)
    assert page.locator("form.filters button[type=submit]").is_visible()
    assert not page.locator(".filter-panel > summary").is_visible(), "a summary that folds nothing"
