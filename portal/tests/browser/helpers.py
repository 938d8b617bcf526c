"""What the browser tests ask a page: who has the focus, what overflows, what axe finds."""

# Describes document.activeElement: enough to say what it is and whether a sighted
# keyboard user can see it and its focus indicator.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    name: (el.getAttribute("aria-label") || el.innerText || el.value || "").trim().slice(0, 60),
    href: el.getAttribute("href"),
    inMain: el.closest("main") !== null,
    onScreen: box.width > 10 && box.height > 10 && box.bottom > 0 && box.right > 0
      && box.top < innerHeight && box.left < innerWidth
      && style.visibility !== "hidden" && style.opacity !== "0",
    ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
  };
}"""

# Elements sticking out of the right edge, deepest first: the ones to fix.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const out = [...document.body.querySelectorAll("*")].filter(el => el.getBoundingClientRect().right > width + 0.5);
  return out.filter(el => !out.some(other => other !== el && el.contains(other)))
    .slice(0, 10)
    .map(el => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string"
      ? "." + el.className.trim().split(/\\s+/).join(".") : ""} right=${Math.round(el.getBoundingClientRect().right)}`);
}"""

MAIN_NAV_LINKS = "header nav a"

AXE_RUN = "() => axe.run(document, {resultTypes: ['violations']})"
BLOCKING_IMPACTS = {"serious", "critical"}
MAX_TAB_STOPS = 120


def focused(page):
    return page.evaluate(FOCUSED)


# Chromium tabs on from the last focused element: focusing a throwaway element at the
# very top moves that starting point there, even past an autofocused field.
FROM_TOP = """() => {
  const start = document.createElement("span");
  start.tabIndex = -1;
  document.body.prepend(start);
  start.focus();
  start.blur();
  start.remove();
  window.scrollTo(0, 0);
}"""


def from_top(page):
    """Put the keyboard at the top of the page, as on arrival, whatever has the focus now."""
    page.evaluate(FROM_TOP)


def tab_stops(page, limit=MAX_TAB_STOPS):
    """Press Tab from the top of the page until focus leaves it; returns each focused element."""
    from_top(page)
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        current = focused(page)
        if current is None or (stops and current == stops[0]):
            break
        stops.append(current)
    return stops


def tab_to(page, description, predicate, limit=MAX_TAB_STOPS):
    """Press Tab until ``predicate(focused element)`` holds; fail naming what was reached instead."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        current = focused(page)
        if current is not None and predicate(current):
            return current
        seen.append(current and f"{current['tag']} {current['name']!r}")
    raise AssertionError(f"Tab never reached {description}; focus went through: {seen}")


def run_axe(page, axe_script):
    """axe-core's violations on the page as it is now (the script is injected once per document)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script)
    return page.evaluate(AXE_RUN)["violations"]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            # The summary reads "Fix any of the following:" then the reasons, one a line.
            reason = (node["failureSummary"].splitlines()[1:] or [""])[0].strip()
            lines.append(f"    {' '.join(node['target'])}: {reason}")
    return "\n".join(lines) + "\n" if lines else ""


def screenshot(page, artifacts, name):
    """A full-page picture in test-artifacts/screenshots/ for people to look at."""
    folder = artifacts / "screenshots"
    folder.mkdir(exist_ok=True)
    page.screenshot(path=folder / f"{name}.png", full_page=True)
