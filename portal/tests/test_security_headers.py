"""Every page carries the security headers; JSON-LD is the only inline script, by nonce."""

import re

import pytest

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {name: rest.split() for name, _, rest in (part.strip().partition(" ") for part in policy.split(";"))}


def test_pages_carry_the_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_content_security_policy_allows_only_our_own_files(client):
    policy = directives(client.get("/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    # No inline script or style anywhere, and no nonce when the page has no JSON-LD.
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert not any("unsafe" in source for sources in policy.values() for source in sources)


def test_admin_pages_get_the_same_policy(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert directives(response)["default-src"] == ["'self'"]


@pytest.mark.urls("portal.tests.urls")
def test_json_ld_block_carries_the_nonce_the_header_allows(client):
    response = client.get("/test-json-ld/")
    nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">', response.text).group(1)
    assert f"'nonce-{nonce}'" in directives(response)["script-src"]
    other = client.get("/test-json-ld/")
    assert f"'nonce-{nonce}'" not in other["Content-Security-Policy"], "a nonce is never reused"


def test_session_and_csrf_cookies_are_http_only(client, superuser):
    login_page = client.get("/admin/login/")
    assert login_page.cookies["csrftoken"]["httponly"]
    response = client.post("/admin/login/", {"username": "chef", "password": "motdepasse-de-test", "next": "/admin/"})
    assert response.status_code == 302
    assert response.cookies["sessionid"]["httponly"]
    assert response.cookies["sessionid"]["samesite"] == "Lax"
