"""Every public page runs at most 10 SQL queries with nothing cached, and the same number with 10 times more rows."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Career
from jobs.models import Employer, JobOffer
from training.models import Path, Programme

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def public_urls():
    offer = JobOffer.objects.open().order_by("pk").first()
    # A career with open offers, so that its page runs every section's queries at both sizes.
    career = (
        Career.objects.published()
        .exclude(slug__startswith="demo-")
        .filter(pk__in=JobOffer.objects.open().values("career"))
        .order_by("pk")
        .first()
    )
    closed = JobOffer.objects.filter(status=JobOffer.Status.ARCHIVED).order_by("pk").first()
    programmes = list(Programme.objects.published().order_by("pk")[:3])
    return {
        "home": "/",
        "careers": "/metiers/",
        "career": career.get_absolute_url(),
        "offers": "/offres/",
        "offers deep page": "/offres/?page=5",
        "offers last page": "/offres/?page=100000",  # out of range: the last page, with a message
        "offers search + filters": "/offres/?q=donnees&contrat=cdi&teletravail=partiel&tri=salaire",
        "offer": offer.get_absolute_url(),
        "feed": "/offres/flux.rss",
        "closed offer": closed.get_absolute_url(),
        "employer": Employer.objects.order_by("pk").first().get_absolute_url(),
        "programmes": "/formations/?cpf=oui&format=distanciel",
        "programme": programmes[0].get_absolute_url(),
        "comparison": "/formations/comparer/?" + "&".join(f"p={p.slug}" for p in programmes),
        "paths": "/parcours/",
        "search": "/recherche/?q=donnees",
        "search with synonyms": "/recherche/?q=IA+alternance",
        "search with a typo": "/recherche/?q=cheff+de+projett",
        "careers search": "/metiers/?q=securite",
        "programmes search": "/formations/?q=alternance",
        "path": Path.objects.published().order_by("pk").first().get_absolute_url(),
    }


def measure(client, size):
    call_command("generate_demo_data", offers=size, programmes=size // 5, seed=1, stdout=None)
    counts = {}
    for name, url in public_urls().items():
        client.get(url)  # once first: the database's one-off feature checks (e.g. JSON support) are not the page's
        cache.clear()  # then with nothing cached: the offer board's counts are counted again
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code in (200, 410), (name, url, response.status_code)
        counts[name] = len(queries)
    return counts


def test_public_pages_stay_within_budget_whatever_the_rows(client):
    call_command("load_content", stdout=None)
    small = measure(client, 150)
    large = measure(client, 1500)
    assert large == small, {name: (small[name], large[name]) for name in small if small[name] != large[name]}
    over = {name: count for name, count in large.items() if count > MAX_QUERIES}
    assert not over, over
