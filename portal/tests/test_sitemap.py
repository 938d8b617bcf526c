import xml.etree.ElementTree as ET

import pytest

from careers.tests.factories import CareerFactory
from jobs.tests.factories import EmployerFactory, JobOfferFactory
from training.tests.factories import PathFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "http://127.0.0.1:8000"


def locations(response):
    return [loc.text for loc in ET.fromstring(response.content).findall(".//s:loc", NS)]


def test_index_lists_one_sitemap_per_kind_on_the_public_address(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert locations(response) == [
        f"{SITE}/sitemap-{section}.xml" for section in ["metiers", "parcours", "formations", "offres", "employeurs"]
    ]


def test_sections_list_only_public_pages(client):
    career = CareerFactory()
    CareerFactory(slug="brouillon", draft=True)
    path = PathFactory()
    programme = ProgrammeFactory(path=path)
    offer = JobOfferFactory(employer=EmployerFactory())
    JobOfferFactory(slug="expiree", expired=True)
    assert locations(client.get("/sitemap-metiers.xml")) == [SITE + career.get_absolute_url()]
    assert locations(client.get("/sitemap-parcours.xml")) == [SITE + path.get_absolute_url()]
    assert locations(client.get("/sitemap-formations.xml")) == [SITE + programme.get_absolute_url()]
    assert locations(client.get("/sitemap-offres.xml")) == [SITE + offer.get_absolute_url()]
    employers = locations(client.get("/sitemap-employeurs.xml"))
    assert SITE + offer.employer.get_absolute_url() in employers
    assert client.get("/sitemap-inconnu.xml").status_code == 404


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert response.text.splitlines() == ["User-agent: *", "Disallow: /recherche/", f"Sitemap: {SITE}/sitemap.xml"]


def test_sitemaps_run_a_fixed_number_of_queries(client, django_assert_num_queries):
    def make(n):
        for _ in range(n):
            JobOfferFactory()
            ProgrammeFactory()

    make(1)
    # The index: one count per section (five). A section: its count, then its page of rows.
    with django_assert_num_queries(5):
        client.get("/sitemap.xml")
    with django_assert_num_queries(2):
        client.get("/sitemap-offres.xml")
    make(10)
    with django_assert_num_queries(5):
        client.get("/sitemap.xml")
    with django_assert_num_queries(2):
        client.get("/sitemap-offres.xml")


def test_a_section_is_cut_into_pages_the_index_lists(client, monkeypatch):
    monkeypatch.setattr("core.sitemaps.SiteSitemap.limit", 2)
    offers = [JobOfferFactory() for _ in range(5)]
    section = f"{SITE}/sitemap-offres.xml"
    assert [url for url in locations(client.get("/sitemap.xml")) if url.startswith(section)] == [
        section,
        f"{section}?p=2",
        f"{section}?p=3",
    ]
    pages = [locations(client.get("/sitemap-offres.xml", {"p": page})) for page in (1, 2, 3)]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert sorted(url for page in pages for url in page) == sorted(SITE + offer.get_absolute_url() for offer in offers)
