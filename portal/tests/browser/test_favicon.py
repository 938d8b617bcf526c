"""The icons a browser shows in its tab load, from the page's links and from /favicon.ico."""

from django.urls import reverse

# Each icon the page links, and /favicon.ico, fetched as the browser would: status and type of the answer.
ICONS = """async () => {
  const urls = [...document.querySelectorAll("link[rel~=icon]")].map(link => link.href);
  urls.push(new URL("/favicon.ico", location.href).href);
  return Promise.all(urls.map(async url => {
    const response = await fetch(url);
    return {url, redirected: response.redirected, status: response.status, type: response.headers.get("content-type")};
  }));
}"""


def test_linked_icons_and_favicon_ico_load_as_images(site, pages):
    page = pages["desktop"]
    assert page.goto(site.url + reverse("home")).ok
    icons = page.evaluate(ICONS)
    assert len(icons) == 3, icons
    for icon in icons:
        assert icon["status"] == 200 and icon["type"].startswith("image/"), icon
    assert icons[-1]["redirected"], "/favicon.ico is the static file's address, not a copy"
