"""The "À revoir" admin page and the counts on the admin index."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.tests.factories import CareerFactory, PayFigureFactory, SourceFactory
from core.freshness import twelve_months_before
from jobs.tests.factories import JobOfferFactory
from training.tests.factories import OutcomeFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:review")


def make_rows(suffix=""):
    today = timezone.localdate()
    old = SourceFactory(published_on=today - datetime.timedelta(days=400))
    recent = SourceFactory(published_on=today - datetime.timedelta(days=30))
    PayFigureFactory(career=CareerFactory(title=f"Paie ancienne{suffix}", reviewed_on=today), source=old)
    PayFigureFactory(career=CareerFactory(title=f"Paie récente{suffix}", reviewed_on=today), source=recent)
    OutcomeFactory(programme=ProgrammeFactory(title=f"Résultats anciens{suffix}"), source=old)
    OutcomeFactory(programme=ProgrammeFactory(title=f"Résultats récents{suffix}"), source=recent)
    CareerFactory(title=f"Jamais relu{suffix}", reviewed_on=None)
    CareerFactory(title=f"Relu il y a longtemps{suffix}", reviewed_on=today - datetime.timedelta(days=380))
    now = timezone.now()
    JobOfferFactory(title=f"Expire bientôt{suffix}", expires_at=now + datetime.timedelta(days=3))
    JobOfferFactory(title=f"Expire plus tard{suffix}", expires_at=now + datetime.timedelta(days=30))
    ProgrammeFactory(title=f"Rentrée passée{suffix}", next_start=today - datetime.timedelta(days=1))
    ProgrammeFactory(title=f"Rentrée à venir{suffix}", next_start=today + datetime.timedelta(days=10))


def test_lists_what_needs_a_fresh_look_and_nothing_else(admin_client):
    make_rows()
    text = admin_client.get(URL).text
    for title in ("Paie ancienne", "Résultats anciens", "Jamais relu", "Relu il y a longtemps"):
        assert title in text
    assert "Expire bientôt" in text and "Rentrée passée" in text
    for title in ("Paie récente", "Résultats récents", "Expire plus tard", "Rentrée à venir"):
        assert title not in text


def test_admin_index_shows_the_counts_and_links_to_the_page(admin_client):
    make_rows()
    response = admin_client.get(reverse("admin:index"))
    counts = {queue.key: count for queue, count in response.context["review_counts"]}
    assert counts == {
        "pay_figures": 1,
        "outcomes": 1,
        "careers": 2,
        "offers": 1,
        "imported-offers": 0,
        "programmes": 1,
        "imports": 0,
        "revisions-career": 0,
        "revisions-path": 0,
        "revisions-programme": 0,
        "revisions-joboffer": 0,
        "revisions-synonym": 0,
    }
    assert URL in response.text


def test_an_editor_sees_only_the_lists_of_what_they_may_view(editor_client):
    make_rows()
    text = editor_client.get(URL).text
    assert "Paie ancienne" in text and "Rentrée passée" in text
    assert "Expire bientôt" not in text


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_twelve_months_before_a_29_february():
    assert twelve_months_before(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)


@pytest.mark.parametrize("batches", [1, 6])
def test_page_query_count_does_not_grow_with_rows(admin_client, django_assert_num_queries, batches):
    for n in range(batches):
        make_rows(f" {n}")
    # Session + user, then per list (pay, careers, outcomes, programmes, offers, imported offers, imports, and
    # the pending revisions of careers, paths, programmes, offers and search synonyms): a count and the rows.
    with django_assert_num_queries(2 + 12 * 2):
        assert admin_client.get(URL).status_code == 200


@pytest.mark.parametrize("batches", [1, 6])
def test_index_query_count_does_not_grow_with_rows(admin_client, django_assert_num_queries, batches):
    for n in range(batches):
        make_rows(f" {n}")
    # Session + user, one count per list (twelve), then the admin's own "recent actions" box.
    with django_assert_num_queries(2 + 12 + 1):
        assert admin_client.get(reverse("admin:index")).status_code == 200
