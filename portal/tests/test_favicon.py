"""The favicon: every page names it, and /favicon.ico, which browsers ask for anyway, leads to it."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_ico_redirects_for_good_to_the_shipped_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    # The unhashed address: it stays the same when the icon changes, as a permanent redirect must.
    assert response["Location"] == f"{settings.STATIC_URL}portal/favicon.ico"
    icon = finders.find("portal/favicon.ico")
    assert icon is not None
    with open(icon, "rb") as file:
        assert file.read(4) == b"\x00\x00\x01\x00"  # an ICO file's signature


@pytest.mark.parametrize("url", [reverse("home"), reverse("careers:list"), "/page-qui-n-existe-pas/"])
def test_every_page_links_its_icon_in_svg_and_ico(client, url):
    text = client.get(url).text
    assert f'<link rel="icon" href="{static("portal/favicon.svg")}" type="image/svg+xml">' in text
    assert f'<link rel="icon" href="{static("portal/favicon.ico")}" sizes="16x16 32x32 48x48">' in text
    svg = finders.find("portal/favicon.svg")
    with open(svg, encoding="utf-8") as file:
        assert file.read().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
