"""French 404, 410 and 500 pages that say nothing about the server."""

import pytest
from django.test import Client, RequestFactory

from portal.views import render_gone

pytestmark = pytest.mark.django_db

LEAKS = ["Traceback", "secret-detail-from-the-server", "RuntimeError", "settings", "DEBUG", "/work/", ".py"]


def test_unknown_address_gets_the_french_404_in_the_site_layout(client):
    response = client.get("/nulle-part/<script>/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text
    assert 'href="/metiers/"' in response.text, "the page keeps the site navigation"
    assert "<script>" not in response.text and "nulle-part" not in response.text
    assert response["X-Request-ID"]


def test_unknown_career_gets_the_same_404(client):
    response = client.get("/metiers/metier-qui-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text


@pytest.mark.urls("portal.tests.urls")
def test_server_error_gets_the_standalone_french_500(client):
    client.raise_request_exception = False
    response = client.get("/test-500/")
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.text
    assert '<link rel="stylesheet" href="/static/portal/site.css">' in response.text
    for leak in LEAKS:
        assert leak not in response.text
    assert response["X-Request-ID"], "support can match the page to the log line"


def test_500_page_renders_with_no_context_and_no_database(django_assert_num_queries):
    from django.template import loader

    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert "Une erreur est survenue" in html


def test_withdrawn_content_gets_the_french_410():
    request = RequestFactory().get("/offres/ancienne-offre/")
    response = render_gone(
        request, message="Cette offre a expiré.", next_url="/metiers/", next_label="Voir les métiers"
    )
    assert response.status_code == 410
    html = response.content.decode()
    assert "Cette page a été retirée" in html and "Cette offre a expiré." in html
    assert '<a href="/metiers/">Voir les métiers</a>' in html


def test_410_has_a_generic_explanation_by_default():
    response = render_gone(RequestFactory().get("/x/"))
    assert "Ce contenu n’est plus proposé sur Cap IA." in response.content.decode()


def assert_french_page_in_the_site_layout(response, status, heading):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="fr">' in response.text
    assert f"<h1>{heading}</h1>" in response.text
    assert 'href="/metiers/"' in response.text, "the page keeps the site navigation"
    for leak in LEAKS:
        assert leak not in response.text
    assert response["X-Request-ID"]


@pytest.mark.urls("portal.tests.urls")
def test_suspicious_request_gets_the_french_400(client):
    response = client.get("/test-400/")
    assert_french_page_in_the_site_layout(response, 400, "Requête incorrecte")
    assert "Bad Request" not in response.text


def test_request_for_a_host_the_site_does_not_serve_gets_the_french_400(client):
    response = client.get("/metiers/", headers={"host": "pirate.example"})
    assert_french_page_in_the_site_layout(response, 400, "Requête incorrecte")
    assert "pirate" not in response.text


def test_api_request_for_a_host_the_site_does_not_serve_gets_a_json_400(client):
    response = client.get("/api/v1/careers/", headers={"host": "pirate.example"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Requête invalide."}


@pytest.mark.urls("portal.tests.urls")
def test_forbidden_page_gets_the_french_403(client):
    response = client.get("/test-403/")
    assert_french_page_in_the_site_layout(response, 403, "Accès refusé")
    assert "Forbidden" not in response.text


def test_form_sent_without_its_csrf_token_gets_the_french_403(django_user_model):
    django_user_model.objects.create_user("equipe", password="mot-de-passe-de-test", is_staff=True)
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/admin/login/", {"username": "equipe", "password": "mot-de-passe-de-test"})
    assert_french_page_in_the_site_layout(response, 403, "Ce formulaire n’a pas pu être envoyé")
    assert "CSRF" not in response.text and "Forbidden" not in response.text
    assert "_auth_user_id" not in browser.session, "the login did not go through"
