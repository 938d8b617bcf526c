"""What every API endpoint shares: pagination, JSON errors, throttling, the schema and its docs page."""

import re

import pytest
from django.http import HttpResponse
from django.urls import include, path

from careers.tests.factories import CareerFactory
from portal.urls import handler404, handler500  # noqa: F401 - the test URLconf below reuses them

pytestmark = pytest.mark.django_db
CAREERS = "/api/v1/careers/"


def boom(request):
    raise RuntimeError("secret-detail-from-the-server")


def page(request):
    return HttpResponse("ok")


urlpatterns = [path("api/v1/boom/", boom), path("page-boom/", boom), path("", include("portal.urls"))]


def test_page_size_and_page_pick_the_rows(client):
    CareerFactory.create_batch(5)
    body = client.get(CAREERS, {"page_size": 2, "page": 3}).json()
    assert body["count"] == 5 and len(body["results"]) == 1
    assert body["next"] is None and body["previous"].endswith("page=2&page_size=2")


@pytest.mark.parametrize(
    ("name", "value"), [("page", "abc"), ("page", "0"), ("page", "-1"), ("page_size", "101"), ("page_size", "0")]
)
def test_invalid_page_or_page_size_answers_400_naming_it(client, name, value):
    response = client.get(CAREERS, {name: value})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [name]


def test_page_past_the_end_answers_404_json(client):
    CareerFactory()
    response = client.get(CAREERS, {"page": 2})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Page non valide."}


def test_unknown_address_under_api_answers_json_and_elsewhere_the_french_page(client):
    response = client.get("/api/v1/nulle-part/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    assert "Page introuvable" in client.get("/nulle-part/").text


def test_writes_are_refused_with_json(client):
    response = client.post(CAREERS, {"title": "x"})
    assert response.status_code == 405
    assert response.json()["detail"]


@pytest.mark.urls("portal.tests.test_api")
def test_server_error_under_api_answers_json_that_says_nothing_of_the_server(client):
    client.raise_request_exception = False
    response = client.get("/api/v1/boom/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "secret-detail" not in response.text and "Traceback" not in response.text
    assert "Une erreur est survenue" in client.get("/page-boom/").text


def test_anonymous_clients_are_throttled_with_retry_after(client, settings):
    settings.API_THROTTLE_ANON = "3/min"
    for _ in range(3):
        assert client.get(CAREERS).status_code == 200
    response = client.get(CAREERS)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert 0 < int(response["Retry-After"]) <= 60
    other = client.get(CAREERS, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200, "the count is per address"


def test_a_forged_forwarded_address_does_not_escape_the_throttle(client, settings):
    settings.API_THROTTLE_ANON = "3/min"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = 0
    statuses = [client.get(CAREERS, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_behind_two_trusted_proxies_the_second_address_from_the_right_is_counted(client, settings):
    settings.API_THROTTLE_ANON = "3/min"
    settings.TRUSTED_PROXIES = 2
    # visitor's own text, the visitor as the outer proxy saw it, the outer proxy as the inner one saw it
    statuses = [
        client.get(CAREERS, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 198.51.100.1, 192.0.2.1").status_code for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    assert client.get(CAREERS, HTTP_X_FORWARDED_FOR="198.51.100.2, 192.0.2.1").status_code == 200
    # Too few entries for two proxies, or no address at all: the socket's address is counted.
    assert client.get(CAREERS, HTTP_X_FORWARDED_FOR="198.51.100.3", REMOTE_ADDR="192.0.2.9").status_code == 200
    assert client.get(CAREERS, HTTP_X_FORWARDED_FOR="nope, 192.0.2.1", REMOTE_ADDR="192.0.2.9").status_code == 200
    assert client.get(CAREERS, HTTP_X_FORWARDED_FOR="x, 192.0.2.1", REMOTE_ADDR="192.0.2.9").status_code == 200
    assert client.get(CAREERS, HTTP_X_FORWARDED_FOR="y, 192.0.2.1", REMOTE_ADDR="192.0.2.9").status_code == 429


def test_schema_is_openapi_3_and_documents_filters_errors_and_throttle(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/careers/",
        "/api/v1/careers/{slug}/",
        "/api/v1/paths/",
        "/api/v1/programmes/",
        "/api/v1/programmes/{slug}/",
        "/api/v1/employers/",
        "/api/v1/offers/",
        "/api/v1/offers/{slug}/",
    }
    programmes = schema["paths"]["/api/v1/programmes/"]["get"]
    names = {parameter["name"] for parameter in programmes["parameters"]}
    assert {"format", "cpf", "prix_max", "ville", "tri", "page", "page_size"} <= names
    assert {"200", "400", "404", "429"} <= set(programmes["responses"])
    assert "Retry-After" in programmes["responses"]["429"]["headers"]
    detail = schema["paths"]["/api/v1/offers/{slug}/"]["get"]["responses"]
    assert {"200", "304", "404", "429"} <= set(detail) and "ETag" in detail["200"]["headers"]


def test_docs_page_loads_only_local_files_and_no_inline_script(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.text
    assert "<style" not in html and "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "every script is a file"
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    # Addresses on this site, or a fragment of this page (the skip link).
    assert sources and all(source.startswith(("/", "#")) for source in sources), sources
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp

    script = client.get("/api/v1/docs/", {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.text and '"validatorUrl": null' in script.text
