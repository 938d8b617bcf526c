"""axe-core on every page type, on a desktop and on a phone; the screenshots are taken here."""

import pytest

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
