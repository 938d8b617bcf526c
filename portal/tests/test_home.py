import pytest

from careers.tests.factories import CareerFactory, PayFigureFactory

pytestmark = pytest.mark.django_db


def test_home_lists_best_paid_careers(client):
    PayFigureFactory(career=CareerFactory(title="Moins payé"), amount_low=30000, amount_high=40000)
    PayFigureFactory(career=CareerFactory(title="Mieux payé"), amount_low=50000, amount_high=90000)
    CareerFactory(title="Brouillon", draft=True)
    response = client.get("/")
    assert response.status_code == 200
    text = response.text
    assert '<html lang="fr">' in text
    assert text.index("Mieux payé") < text.index("Moins payé")
    assert "Brouillon" not in text


def test_base_template_has_skip_link_navigation_and_local_stylesheet(client):
    text = client.get("/").text
    assert 'href="#contenu"' in text and 'id="contenu"' in text
    assert 'aria-label="Navigation principale"' in text
    assert 'href="/static/portal/site.css"' in text
    assert "https://" not in text.split("<body>")[0]  # no CDN in <head>


def test_stylesheet_is_served(client):
    response = client.get("/static/portal/site.css")
    assert response.status_code == 200
