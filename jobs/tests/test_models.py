import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from careers.tests.factories import CareerFactory
from jobs.models import JobOffer
from jobs.tests.factories import EmployerFactory, JobOfferFactory, days_ago

pytestmark = pytest.mark.django_db


def in_days(days):
    return timezone.now() + datetime.timedelta(days=days)


def test_open_means_published_and_not_expired():
    open_offer = JobOfferFactory(title="Ouverte")
    JobOfferFactory(title="Expirée", expired=True)
    JobOfferFactory(title="Archivée", archived=True)
    JobOfferFactory(title="Brouillon", draft=True)
    JobOfferFactory(title="En relecture", in_review=True)
    assert list(JobOffer.objects.open()) == [open_offer]


def test_open_reads_the_clock_at_each_call():
    offer = JobOfferFactory(expires_at=timezone.now() + datetime.timedelta(seconds=1))
    assert JobOffer.objects.open().filter(pk=offer.pk).exists()
    JobOffer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert not JobOffer.objects.open().filter(pk=offer.pk).exists()


def test_expired_and_is_open_follow_the_same_rule():
    JobOfferFactory(title="Ouverte")
    JobOfferFactory(title="Expirée", expired=True)
    JobOfferFactory(title="Archivée", archived=True, expired=True)
    assert [o.title for o in JobOffer.objects.expired()] == ["Expirée"]
    flags = dict(JobOffer.objects.with_is_open().values_list("title", "is_open"))
    assert flags == {"Ouverte": True, "Expirée": False, "Archivée": False}


def test_publish_dates_the_offer_and_expires_it_60_days_later():
    offer = JobOfferFactory(draft=True)
    before = timezone.now()
    offer.publish()
    offer.refresh_from_db()
    assert offer.status == JobOffer.Status.PUBLISHED
    assert before <= offer.published_at <= timezone.now()
    assert offer.expires_at - offer.published_at == datetime.timedelta(days=60)


def test_publish_keeps_a_later_expiry_set_by_staff():
    later = in_days(90)
    offer = JobOfferFactory(draft=True, expires_at=later)
    offer.publish()
    offer.refresh_from_db()
    assert offer.expires_at == later


def test_queryset_publish_matches_the_instance_rule_and_skips_published_offers():
    draft = JobOfferFactory(draft=True)
    kept = JobOfferFactory(draft=True, expires_at=in_days(90))
    stale = JobOfferFactory(archived=True, expired=True)
    live = JobOfferFactory(published_at=days_ago(10))
    assert JobOffer.objects.filter(pk__in=[draft.pk, kept.pk, stale.pk, live.pk]).publish() == 3
    for offer in (draft, kept, stale, live):
        offer.refresh_from_db()
    assert draft.expires_at - draft.published_at == datetime.timedelta(days=60)
    assert kept.expires_at > in_days(89)
    assert stale.is_published and stale.expires_at > in_days(59)
    assert live.published_at < days_ago(9), "an offer already published keeps its date"
    assert JobOffer.objects.open().count() == 4


def test_archive_takes_the_offer_off_the_board():
    offer = JobOfferFactory()
    offer.archive()
    assert not JobOffer.objects.open().exists()
    assert JobOffer.objects.get().status == JobOffer.Status.ARCHIVED


def test_extend_adds_30_days_to_a_future_expiry():
    offer = JobOfferFactory()
    expiry = offer.expires_at
    offer.extend()
    offer.refresh_from_db()
    assert offer.expires_at == expiry + datetime.timedelta(days=30)


def test_extend_counts_from_now_when_already_expired():
    offer = JobOfferFactory(expired=True)
    offer.extend()
    offer.refresh_from_db()
    assert in_days(29) < offer.expires_at <= in_days(30)
    assert JobOffer.objects.open().filter(pk=offer.pk).exists()


def test_queryset_extend_matches_the_instance_rule():
    future = JobOfferFactory()
    past = JobOfferFactory(expired=True)
    expiry = future.expires_at
    assert JobOffer.objects.extend(30) == 2
    future.refresh_from_db()
    past.refresh_from_db()
    assert future.expires_at == expiry + datetime.timedelta(days=30)
    assert in_days(29) < past.expires_at <= in_days(30)


@pytest.mark.parametrize(
    "values",
    [
        {"salary_low": 60000, "salary_high": 40000},
        {"day_rate_low": 900, "day_rate_high": 700},
        {"salary_low": -1},
        {"day_rate_high": -5},
        {"apply_url": "", "apply_email": ""},
        {"published_at": None},
        {"expires_at": None},
        {"expires_at": days_ago(30), "published_at": days_ago(10)},
    ],
)
def test_database_refuses_inconsistent_offers(values):
    offer = JobOfferFactory(salary_low=40000, salary_high=50000)
    with pytest.raises(IntegrityError), transaction.atomic():
        JobOffer.objects.filter(pk=offer.pk).update(**values)


def test_clean_dates_an_offer_published_from_the_form():
    offer = JobOfferFactory.build(draft=True, employer=EmployerFactory(), status=JobOffer.Status.PUBLISHED)
    offer.full_clean()
    assert offer.published_at is not None
    assert offer.expires_at - offer.published_at == datetime.timedelta(days=60)


def test_salary_top_is_the_high_end_or_the_only_amount():
    JobOfferFactory(title="Fourchette", salary_low=40000, salary_high=50000)
    JobOfferFactory(title="À partir de", salary_low=45000)
    JobOfferFactory(title="Sans salaire")
    assert dict(JobOffer.objects.values_list("title", "salary_top")) == {
        "Fourchette": 50000,
        "À partir de": 45000,
        "Sans salaire": None,
    }


def test_pay_summary_gives_low_median_high():
    JobOfferFactory(salary_low=30000, salary_high=40000)  # middle 35 000
    JobOfferFactory(salary_low=50000)  # middle 50 000
    JobOfferFactory(salary_high=70000)  # middle 70 000
    JobOfferFactory(salary_low=40000, salary_high=50000)  # middle 45 000
    JobOfferFactory()  # no salary: counted in total only
    summary = JobOffer.objects.open().pay_summary()
    assert (summary.total, summary.paid, summary.low, summary.median, summary.high) == (5, 4, 30000, 47500, 70000)


@pytest.mark.parametrize(
    ("amounts", "median"),
    [
        ([(30000, None)], 30000),
        ([(30000, 40000), (50000, None), (None, 61000)], 50000),
        ([(30001, None), (30002, None)], 30002),  # 30 001.5, rounded to even as Python rounds
        ([(20000, 30000), (40000, 40000), (45000, 55000), (None, 90000), (80000, 100000)], 50000),
    ],
)
def test_pay_summary_median_of_midpoints_odd_and_even_counts(amounts, median):
    for low, high in amounts:
        JobOfferFactory(salary_low=low, salary_high=high)
    JobOfferFactory(expired=True, salary_low=1000)  # closed: not in the open offers
    assert JobOffer.objects.open().pay_summary().median == median


def test_employer_with_offers_cannot_be_deleted():
    offer = JobOfferFactory(archived=True)
    with pytest.raises(ProtectedError):
        offer.employer.delete()


def test_deleting_a_career_keeps_its_offers():
    career = CareerFactory()
    offer = JobOfferFactory(career=career)
    career.delete()
    offer.refresh_from_db()
    assert offer.career is None
