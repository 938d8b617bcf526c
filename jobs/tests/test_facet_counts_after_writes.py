"""The facet counts of /offres/ stay exact whatever writes the offers.

The counts are cached per filters and content version: every kind of write
must make them count again. Here random sequences of every kind of write (the
ORM's save and delete, queryset updates, bulk inserts, admin-style publish
and archive, a deleted career, expiry with and without ``expire_offers``) run
before the page's counts are compared with a direct count of open offers.
"""

from datetime import UTC, timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from careers.models import Career
from careers.tests.factories import CareerFactory
from jobs.models import JobOffer
from jobs.tests.factories import EmployerFactory, JobOfferFactory, days_ago
from jobs.tests.test_facet_counts import URL, oracle, shown_counts

pytestmark = pytest.mark.django_db
CONTRACTS = ["cdi", "cdd", "stage"]
REGIONS = ["11", "84", ""]


def nth(queryset, index):
    """The ``index``-th row of ``queryset`` (modulo its size), or None when it is empty."""
    rows = list(queryset.order_by("pk"))
    return rows[index % len(rows)] if rows else None


AGES = [0.2, 3, 12, 45]  # days since publication: within 1, 7, 30 days, and older


def create(index, careers):
    career = careers[index % len(careers)] if careers else None
    JobOfferFactory(
        contract=CONTRACTS[index % 3], region=REGIONS[index % 3], career=career, published_at=days_ago(AGES[index % 4])
    )


def create_draft(index, careers):
    JobOfferFactory(draft=True, contract=CONTRACTS[index % 3], region=REGIONS[(index + 1) % 3])


def bulk_insert(index, careers):
    employer = EmployerFactory()
    JobOffer.objects.bulk_create(
        JobOfferFactory.build(employer=employer, contract=CONTRACTS[(index + n) % 3], region=REGIONS[n % 3])
        for n in range(3)
    )


def change_contract(index, careers):
    if offer := nth(JobOffer.objects.all(), index):
        offer.contract = CONTRACTS[(CONTRACTS.index(offer.contract) + 1) % 3] if offer.contract in CONTRACTS else "cdi"
        offer.save()


def move_region(index, careers):
    JobOffer.objects.filter(pk__in=[o.pk for o in JobOffer.objects.order_by("pk")[index % 3 :: 2]]).update(
        region=REGIONS[index % 3]
    )


def backdate_one(index, careers):
    """A correction of the publication date moves the offer to another window."""
    if offer := nth(JobOffer.objects.all(), index):
        JobOffer.objects.filter(pk=offer.pk).update(published_at=days_ago(AGES[index % 4] + 0.5))


def publish_drafts(index, careers):
    JobOffer.objects.filter(status=JobOffer.Status.DRAFT).publish()


def archive_one(index, careers):
    if offer := nth(JobOffer.objects.filter(status=JobOffer.Status.PUBLISHED), index):
        JobOffer.objects.filter(pk=offer.pk).archive()


def unpublish_one(index, careers):
    if offer := nth(JobOffer.objects.filter(status=JobOffer.Status.PUBLISHED), index):
        offer.status = JobOffer.Status.DRAFT
        offer.save()


def delete_one(index, careers):
    if offer := nth(JobOffer.objects.all(), index):
        offer.delete()


def delete_career(index, careers):
    """Its offers stay, without a career (SET_NULL): an UPDATE no queryset method makes."""
    if careers:
        careers.pop(index % len(careers)).delete()


def let_one_expire(index, careers):
    """Still published, but past its expiry: no longer open, before expire_offers archives it."""
    if offer := nth(JobOffer.objects.open(), index):
        JobOffer.objects.filter(pk=offer.pk).update(published_at=days_ago(61), expires_at=days_ago(1))


def extend_all(index, careers):
    JobOffer.objects.filter(status=JobOffer.Status.PUBLISHED).extend()


def expire_offers(index, careers):
    call_command("expire_offers", verbosity=0)


WRITES = [
    create,
    create_draft,
    bulk_insert,
    change_contract,
    move_region,
    backdate_one,
    publish_drafts,
    archive_one,
    unpublish_one,
    delete_one,
    delete_career,
    let_one_expire,
    extend_all,
    expire_offers,
]


def assert_counts_match(client, careers):
    assert client.get("/").context["figures"]["offers"] == oracle({}).count(), "the home page's open offers"
    choices = [{}, {"publie": "7"}, {"contrat": "cdi"}, {"contrat": "cdd", "region": "11"}]
    if careers:
        choices.append({"contrat": "cdi", "region": "84", "metier": careers[0].slug, "tri": "salaire"})
    for params in choices:
        response = client.get(URL, params)
        assert response.status_code == 200
        assert response.context["paginator"].count == oracle(params).count(), params
        for name in ("contrat", "region", "metier", "publie"):
            for value, count in shown_counts(response, name).items():
                expected = oracle({**params, name: value}).count()
                assert count == expected, f"{name}={value} with {params}: shows {count}, choosing it gives {expected}"


@hypothesis_settings(
    max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(writes=st.lists(st.tuples(st.sampled_from(WRITES), st.integers(0, 20)), min_size=1, max_size=10))
def test_counts_stay_exact_through_any_sequence_of_writes(client, writes):
    with transaction.atomic():  # each example starts from an empty board
        careers = [
            CareerFactory(slug="data-scientist", title="Data scientist"),
            CareerFactory(slug="ingenieur-ml", title="Ingénieur ML"),
        ]
        for index in range(4):
            create(index, careers)
        for write, index in writes:
            write(index, careers)
        assert_counts_match(client, careers)
        transaction.set_rollback(True)


def test_counts_follow_a_career_published_after_its_offers(client):
    """Only published careers are options; the counts are there as soon as it is published."""
    career = CareerFactory(slug="data-scientist", title="Data scientist", status=Career.Status.DRAFT)
    JobOfferFactory.create_batch(3, career=career, contract="cdi")
    assert "data-scientist" not in shown_counts(client.get(URL), "metier")
    career.status = Career.Status.PUBLISHED
    career.save()
    assert shown_counts(client.get(URL), "metier") == {"data-scientist": 3}
    assert shown_counts(client.get(URL, {"metier": "data-scientist"}), "contrat") == {
        "cdi": 3,
        "cdd": 0,
        "freelance": 0,
        "alternance": 0,
        "stage": 0,
        "interim": 0,
    }


def test_a_bulk_load_of_demo_data_is_counted(client):
    call_command("generate_demo_data", offers=300, programmes=0, seed=3, verbosity=0)
    assert_counts_match(client, list(Career.objects.published().order_by("pk")[:1]))


def test_each_window_counts_the_offers_either_side_of_its_start_and_of_the_next_hour(client):
    """Offers a minute either side of a window's start, and on and around the next hour, are counted as a
    direct count counts them."""
    now = timezone.now()
    for days in (1, 7, 30):
        start = now - timedelta(days=days)
        next_hour = start.astimezone(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        for moment in (start - timedelta(minutes=1), start + timedelta(minutes=1), next_hour, next_hour):
            JobOfferFactory(published_at=moment)
        for moment in (next_hour - timedelta(seconds=1), next_hour + timedelta(minutes=1)):
            JobOfferFactory(published_at=moment)
    expected = {days: oracle({"publie": days}).count() for days in ("1", "7", "30")}
    assert expected == {"1": 5, "7": 11, "30": 17}  # the minute before each start is out
    assert shown_counts(client.get(URL), "publie") == expected
