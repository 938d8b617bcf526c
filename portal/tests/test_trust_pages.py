"""The trust pages: method and sources, legal notice, privacy, the data licence; linked from every page."""

import datetime

import pytest
from django.urls import reverse

from careers.tests.factories import CareerFactory, PayFigureFactory, SourceFactory
from core.models import DataSource
from portal.tests.test_settings import run_manage

pytestmark = pytest.mark.django_db

LEGAL_SETTINGS = {
    "LEGAL_PUBLISHER": "Association Cap IA",
    "LEGAL_PUBLISHER_ADDRESS": "1 rue de l’Exemple, 75000 Paris",
    "LEGAL_PUBLISHER_PHONE": "01 00 00 00 00",
    "LEGAL_PUBLISHER_REGISTRATION": "",
    "LEGAL_DIRECTOR": "Camille Martin",
    "LEGAL_HOST": "Hébergeur SAS",
    "LEGAL_HOST_ADDRESS": "2 avenue du Serveur, 59000 Lille",
    "LEGAL_HOST_PHONE": "03 00 00 00 00",
    "CONTACT_EMAIL": "contact@example.org",
}  # test data, not anyone's real details


@pytest.mark.parametrize("name", ["home", "careers:list", "careers:ranking", "about", "legal", "privacy"])
def test_every_page_footer_links_the_trust_pages(client, name):
    html = client.get(reverse(name)).content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    for url in [reverse("about"), f"{reverse('about')}#licence", reverse("legal"), reverse("privacy")]:
        assert f'href="{url}"' in footer
    assert f'href="{reverse("legal")}#contact"' in footer


def test_profile_footer_links_the_trust_pages(client):
    html = client.get(CareerFactory().get_absolute_url()).content.decode()
    assert f'href="{reverse("legal")}"' in html.split('<footer class="site-footer">')[1]


def test_about_explains_the_method_and_lists_the_sources_behind_published_figures(client):
    school = SourceFactory(
        publisher="Jedha",
        title="Chef de projet IA",
        url="https://example.org/article",
        published_on=datetime.date(2025, 10, 1),
        note="Article d’une école privée qui forme elle-même à ce métier.",
    )
    PayFigureFactory(career=CareerFactory(), source=school)
    PayFigureFactory(career=CareerFactory(), source=school)
    PayFigureFactory(career=CareerFactory(draft=True), source=SourceFactory(publisher="Cachée"))
    DataSource.objects.create(
        key="offres", name="Offres d’emploi", publisher="France Travail", licence="Licence Ouverte 2.0"
    )
    response = client.get(reverse("about"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Comment les chiffres sont choisis" in html and "Comment les chiffres sont datés" in html
    assert "école privée" in html and "vend elle-même des formations" in html
    assert "médiane" in html  # the ranking rule, as the ranking page states it
    assert '<a href="https://example.org/article" rel="noopener">Chef de projet IA</a>' in html
    assert "2 chiffres, 2 métiers" in html
    assert "Cachée" not in html
    assert "source de plus de 12 mois" in html
    # The data licence, and the imported open data's own.
    licence = html.split('id="licence"')[1]
    assert (
        "Licence Ouverte / Open Licence 2.0 (Etalab)" in licence
        and "https://github.com/etalab/licence-ouverte" in licence
    )
    assert "Offres d’emploi" in licence and "Licence Ouverte 2.0" in licence


def test_about_query_count(client, django_assert_num_queries):
    for _ in range(10):
        PayFigureFactory(career=CareerFactory())
        DataSource.objects.create(key=f"s{DataSource.objects.count()}", name="Source", publisher="P")
    # 1 for the cited sources with their counts, 1 for the imported sources.
    with django_assert_num_queries(2):
        client.get(reverse("about"))


def test_legal_notice_names_what_is_missing_when_settings_are_empty(client, settings):
    for name in LEGAL_SETTINGS:
        setattr(settings, name, "")
    html = client.get(reverse("legal")).content.decode()
    assert "Ces mentions sont incomplètes" in html
    for variable in [
        "DJANGO_LEGAL_PUBLISHER",
        "DJANGO_LEGAL_DIRECTOR",
        "DJANGO_LEGAL_HOST_PHONE",
        "DJANGO_CONTACT_EMAIL",
    ]:
        assert f"<code>{variable}</code>" in html
    # Registration is asked for only of those who have one.
    assert "DJANGO_LEGAL_PUBLISHER_REGISTRATION" not in html
    assert "non renseigné" in html


def test_legal_notice_shows_the_operator_settings(client, settings):
    for name, value in LEGAL_SETTINGS.items():
        setattr(settings, name, value)
    html = client.get(reverse("legal")).content.decode()
    assert "Ces mentions sont incomplètes" not in html and "non renseigné" not in html
    for value in ["Association Cap IA", "Camille Martin", "Hébergeur SAS", "03 00 00 00 00"]:
        assert value in html
    assert '<a href="mailto:contact@example.org">contact@example.org</a>' in html


def test_privacy_says_what_is_stored_and_that_nothing_tracks(client, settings):
    settings.CONTACT_EMAIL = "dpo@example.org"
    response = client.get(reverse("privacy"))
    html = response.content.decode()
    assert "aucun traceur" in html and "aucun cookie n’est déposé" in html
    assert "ni votre adresse IP" in html
    assert f"« {settings.SESSION_COOKIE_NAME} »" in html and f"« {settings.CSRF_COOKIE_NAME} »" in html
    assert "axes_reset_logs" in html
    assert "mailto:dpo@example.org" in html
    # What it says of visitors holds for the page itself.
    assert not response.cookies


def test_public_pages_set_no_cookie_for_visitors(client):
    career = CareerFactory()
    for url in [reverse("home"), reverse("careers:list"), reverse("careers:ranking"), career.get_absolute_url()]:
        assert not client.get(url).cookies, url


def test_api_schema_states_the_data_licence(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json").json()
    assert schema["info"]["license"] == {
        "name": "Licence Ouverte / Open Licence 2.0 (Etalab)",
        "url": "https://github.com/etalab/licence-ouverte",
    }
    assert "Licence Ouverte 2.0" in schema["info"]["description"]


def test_a_malformed_contact_address_stops_start_up():
    result = run_manage("check", DJANGO_CONTACT_EMAIL="pas-une-adresse")
    assert result.returncode != 0
    assert "DJANGO_CONTACT_EMAIL must be an e-mail address" in result.stderr
