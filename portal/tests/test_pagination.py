"""Walking a list page by page gives every row once, in order, including the pages read from the end.

Rows are made with ties on every sort key (same title, price, date), so only
the final ``pk`` tie-breaker orders them: pages past the middle, read in
reverse by ``FromEitherEndPaginator``, must still meet the first ones exactly.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.tests.factories import CareerFactory
from jobs.tests.factories import EmployerFactory, JobOfferFactory
from training.tests.factories import PathFactory, ProgrammeFactory, ProviderFactory

pytestmark = pytest.mark.django_db
ROWS = 47  # three pages of 20, the last one short


def walk(client, url, params, context_name):
    """Every row of every page, following the page count the first page gives."""
    first = client.get(url, params)
    assert first.status_code == 200
    rows = []
    for number in range(1, first.context["paginator"].num_pages + 1):
        response = client.get(url, {**params, "page": number})
        assert response.status_code == 200
        assert not response.context["page_error"]
        rows += [row.pk for row in response.context[context_name]]
    return rows


@pytest.mark.parametrize("sort", ["date", "salaire"])
def test_offers_every_row_once_in_order(client, sort):
    when = timezone.now() - datetime.timedelta(days=1)
    employer = EmployerFactory()
    offers = [
        JobOfferFactory(
            title="Même intitulé", employer=employer, published_at=when, salary_low=40000 if i % 2 else None
        )
        for i in range(ROWS)
    ]
    rows = walk(client, reverse("jobs:offer_list"), {"tri": sort}, "offers")
    paid = sorted((o for o in offers if o.salary_low), key=lambda o: -o.pk)
    unpaid = sorted((o for o in offers if not o.salary_low), key=lambda o: -o.pk)
    expected = [o.pk for o in paid + unpaid] if sort == "salaire" else sorted((o.pk for o in offers), reverse=True)
    assert rows == expected


@pytest.mark.parametrize("sort", ["prix", "duree", "rentree"])
def test_programmes_every_row_once_in_order(client, sort):
    provider, path = ProviderFactory(), PathFactory()
    programmes = [
        ProgrammeFactory(title="Même formation", provider=provider, path=path, price=None if i % 3 else 5000)
        for i in range(ROWS)
    ]
    career = CareerFactory()  # ?metier= joins the careers: a DISTINCT query
    for programme in programmes:
        programme.careers.add(career)
    rows = walk(client, reverse("training:programme_list"), {"tri": sort, "metier": career.slug}, "programmes")
    assert sorted(rows) == sorted(p.pk for p in programmes)
    assert len(rows) == len(set(rows))
    if sort == "prix":  # priced first, then unknown price, each by pk
        priced = [p.pk for p in programmes if p.price is not None]
        assert rows == sorted(priced) + sorted(p.pk for p in programmes if p.price is None)


@pytest.mark.parametrize("sort", ["salaire", "nom"])
def test_careers_every_row_once_in_order(client, sort):
    careers = [CareerFactory(title="Même métier") for _ in range(ROWS)]
    rows = walk(client, reverse("careers:list"), {"tri": sort}, "careers")
    assert rows == sorted(c.pk for c in careers)


def test_api_pages_meet_too(client):
    """The API pages with the same paginator: every open offer once, newest first, ties by id."""
    when = timezone.now() - datetime.timedelta(days=1)
    employer = EmployerFactory()
    offers = [JobOfferFactory(title="Même intitulé", employer=employer, published_at=when) for _ in range(ROWS)]
    slugs, url = [], reverse("api:offer-list") + "?page_size=20"
    while url:
        body = client.get(url).json()
        slugs += [row["slug"] for row in body["results"]]
        url = body["next"]
    assert slugs == [offer.slug for offer in sorted(offers, key=lambda offer: -offer.pk)]
