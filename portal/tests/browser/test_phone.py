"""Every page type on a 390 px wide phone: nothing scrolls sideways, the navigation works, results come first."""

import pytest
from django.urls import reverse

from portal.tests.browser.helpers import MAIN_NAV_LINKS, OVERFLOWING
from portal.tests.browser.pages import ALL, PAGE_TYPES, WITH_SITE_NAV, page_type_named

PHONE_WIDTH = 390
PHONE_HEIGHT = 844
MIN_TARGET = 24  # CSS px: WCAG 2.2 "Target Size (Minimum)"

# For each main navigation link: its box, and whether a tap on its centre lands on it.
NAV_TARGETS = """links => links.map(link => {
  const box = link.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {href: link.getAttribute("href"), left: box.left, right: box.right, width: box.width,
          height: box.height, reachable: hit !== null && link.contains(hit)};
})"""


@pytest.mark.parametrize("page_type", ALL)
def test_page_does_not_scroll_sideways(browse, page_type):
    page = browse(page_type, "phone")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"the page is {width} px wide; sticking out: {page.evaluate(OVERFLOWING)}"


@pytest.mark.parametrize("page_type", WITH_SITE_NAV)
def test_navigation_links_are_on_screen_big_enough_and_work(browse, page_type):
    page = browse(page_type, "phone")
    targets = page.eval_on_selector_all(MAIN_NAV_LINKS, NAV_TARGETS)
    assert targets, "the page has no main navigation"
    for target in targets:
        assert target["left"] >= 0 and target["right"] <= PHONE_WIDTH, f"off screen: {target}"
        assert target["width"] >= MIN_TARGET and target["height"] >= MIN_TARGET, f"too small to tap: {target}"
        assert target["reachable"], f"covered by another element: {target}"
    with page.expect_navigation() as navigation:
        page.locator(MAIN_NAV_LINKS).first.tap()
    assert navigation.value.url.endswith(targets[0]["href"]) and navigation.value.ok


# Cells of tables stacked on phones (header row hidden) that do not say which column they belong to.
UNNAMED_STACKED_CELLS = """() => [...document.querySelectorAll("table")]
  .filter(table => table.tHead && [...table.rows].some(row => getComputedStyle(row).display === "block"))
  .flatMap(table => [...table.tBodies].flatMap(body => [...body.querySelectorAll("td")]))
  .filter(cell => !cell.dataset.label)
  .map(cell => `${cell.closest("table").className}: ${cell.innerText.trim().slice(0, 40)}`)"""

# Tables wider than the phone scroll inside their box: after scrolling to the far end,
# each row's header must still be on screen, beside the cells it names.
ROW_HEADERS_AFTER_SCROLLING = """() => [...document.querySelectorAll(".table-scroll")]
  .filter(box => box.scrollWidth > box.clientWidth)
  .flatMap(box => {
    box.scrollLeft = box.scrollWidth;
    const left = box.getBoundingClientRect().left;
    return [...box.querySelectorAll("th[scope=row]")].map(th => ({
      text: th.innerText.trim().slice(0, 40), visible: th.getBoundingClientRect().left >= left - 0.5,
    }));
  })"""


@pytest.mark.parametrize("page_type", ALL)
def test_stacked_table_cells_name_their_column(browse, page_type):
    page = browse(page_type, "phone")
    unnamed = page.evaluate(UNNAMED_STACKED_CELLS)
    assert not unnamed, f"stacked without their column's name: {unnamed}"


@pytest.mark.parametrize("page_type", ALL)
def test_wide_tables_keep_their_row_headers_in_view(browse, page_type):
    page = browse(page_type, "phone")
    headers = page.evaluate(ROW_HEADERS_AFTER_SCROLLING)
    hidden = [header["text"] for header in headers if not header["visible"]]
    assert not hidden, f"row headers scrolled out of view: {hidden}"


MIN_CHART_TEXT = 12  # CSS px, as rendered: the drawing's text shrinks with the drawing

# Each text of the pay chart: its font size as rendered (its size in the drawing's units
# times the drawing's scale on screen), and whether it lies whole inside the drawing.
CHART_TEXTS = """() => [...document.querySelectorAll(".chart svg text")].map(text => {
  const svg = text.ownerSVGElement.getBoundingClientRect(), box = text.getBoundingClientRect();
  return {text: text.textContent.trim(), px: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
          inside: box.left >= svg.left - 0.5 && box.right <= svg.right + 0.5
            && box.top >= svg.top - 0.5 && box.bottom <= svg.bottom + 0.5};
})"""


def test_pay_chart_text_is_readable_and_whole_on_a_phone(browse):
    page = browse(next(page_type for page_type in PAGE_TYPES if page_type.name == "career-profile"), "phone")
    texts = page.evaluate(CHART_TEXTS)
    assert len(texts) > 2, f"the pay chart has hardly any text: {texts}"
    small = [f"{t['text']!r}: {t['px']:.1f} px" for t in texts if t["px"] < MIN_CHART_TEXT]
    assert not small, f"chart text under {MIN_CHART_TEXT} px on a {PHONE_WIDTH} px phone: {small}"
    cut = [t["text"] for t in texts if not t["inside"]]
    assert not cut, f"chart text cut off at the drawing's edge: {cut}"
    # The figures stay readable as a table beside the chart.
    assert page.locator("#pay-france-table").is_visible()


FILTERED_LISTS = ["career-list", "programme-list", "offer-list"]


@pytest.mark.parametrize("name", FILTERED_LISTS)
def test_results_start_on_the_first_screen_the_filters_folded_behind_their_summary(browse, name):
    page = browse(page_type_named(name), "phone")
    top = page.locator("#results-title").bounding_box()["y"]
    assert top + 40 < PHONE_HEIGHT, f"the results start {top:.0f} px down a {PHONE_HEIGHT} px screen"
    assert not page.locator("form.filters").is_visible(), "the filters are not folded"
    page.locator(".filter-panel > summary").tap()
    assert page.locator("form.filters button[type=submit]").is_visible(), "the summary does not unfold the filters"


@pytest.mark.parametrize("name", [f"{name}-errors" for name in FILTERED_LISTS])
def test_refused_filters_show_unfolded_with_their_errors(browse, name):
    page = browse(page_type_named(name), "phone")
    assert page.locator(".form-errors").is_visible()
    assert page.locator("form.filters button[type=submit]").is_visible()


def test_folded_filters_open_and_apply_without_javascript(site, pages):
    page = pages["phone-no-js"]
    page.goto(site.url + reverse("careers:list"))
    page.get_by_text("Filtrer les métiers").tap()
    page.get_by_label("Secteur").select_option(label="Santé")
    with page.expect_navigation():
        page.get_by_role("button", name="Filtrer").tap()
    assert "secteur=sante" in page.url
    # Folded again over the results, the summary says a filter applies.
    assert page.locator(".filter-panel > summary").inner_text() == "Filtrer les métiers (1 filtre actif)"
    assert not page.get_by_label("Secteur").is_visible()
    assert page.locator("#results-title").bounding_box()["y"] + 40 < PHONE_HEIGHT
