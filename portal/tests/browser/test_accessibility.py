"""axe-core on every page type, on a desktop and on a phone; the screenshots are taken here."""

import pytest
from django.urls import reverse

from portal.tests.browser.helpers import BLOCKING_IMPACTS, describe_violations, run_axe, screenshot
from portal.tests.browser.pages import ALL

WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.mark.parametrize("device", WIDTHS)
@pytest.mark.parametrize("page_type", ALL)
def test_no_serious_or_critical_axe_violation(browse, axe_script, artifacts, page_type, device):
    page = browse(page_type, device)
    name = f"{page_type.name}-{WIDTHS[device]}"
    screenshot(page, artifacts, name)
    violations = run_axe(page, axe_script)
    report = artifacts / "axe" / f"{name}.txt"  # every impact, for people to read
    report.parent.mkdir(exist_ok=True)
    report.write_text(describe_violations(violations) or "No violation.\n", encoding="utf-8")
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe_violations(blocking)


# The page's <h1> elements as the accessibility tree sees them: visible, or hidden visually only.
HEADINGS_OF_LEVEL_ONE = """() => [...document.querySelectorAll("h1")]
  .filter(h1 => getComputedStyle(h1).display !== "none" && !h1.closest("[hidden], [aria-hidden=true]"))
  .map(h1 => h1.innerText.trim() || h1.textContent.trim())"""


@pytest.mark.parametrize("page_type", ALL)
def test_page_has_one_heading_of_level_one(browse, page_type):
    page = browse(page_type)
    headings = page.evaluate(HEADINGS_OF_LEVEL_ONE)
    assert len(headings) == 1 and headings[0], f"{page_type.name}: headings of level one: {headings}"


def test_api_docs_without_javascript_lead_to_the_schema(site, pages):
    page = pages["no-js"]
    assert page.goto(site.url + reverse("api:docs")).ok
    assert page.locator("h1").inner_text() == "API Cap IA"
    link = page.get_by_role("link", name=reverse("api:schema"))
    assert link.is_visible() and link.get_attribute("href") == reverse("api:schema")
    schema = page.request.get(site.url + reverse("api:schema"))  # a download, not a page: fetched beside the tab
    assert schema.ok and schema.text().startswith("openapi:")
