from io import StringIO

import pytest
from django.core.management import call_command

from jobs.management.commands.expire_offers import Command
from jobs.models import JobOffer
from jobs.tests.factories import JobOfferFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("expire_offers", *args, stdout=out)
    return out.getvalue()


def statuses():
    return dict(JobOffer.objects.values_list("title", "status"))


def test_archives_expired_offers_and_is_idempotent():
    JobOfferFactory.create_batch(2, expired=True)
    JobOfferFactory(title="Ouverte")
    JobOfferFactory(title="Brouillon expiré", draft=True)
    assert "2 offre(s) expirée(s) archivée(s)" in run()
    assert JobOffer.objects.filter(status=JobOffer.Status.ARCHIVED).count() == 2
    assert statuses()["Ouverte"] == JobOffer.Status.PUBLISHED
    assert statuses()["Brouillon expiré"] == JobOffer.Status.DRAFT
    before = list(JobOffer.objects.order_by("pk").values_list("pk", "status", "updated_at"))
    assert "Aucune offre expirée à archiver" in run()
    assert list(JobOffer.objects.order_by("pk").values_list("pk", "status", "updated_at")) == before


def test_dry_run_counts_without_writing():
    JobOfferFactory(expired=True)
    assert "Simulation : 1 offre(s) expirée(s) seraient archivée(s)" in run("--dry-run")
    assert JobOffer.objects.get().status == JobOffer.Status.PUBLISHED


def test_archiving_changes_nothing_the_public_sees():
    JobOfferFactory(title="Expirée", expired=True)
    JobOfferFactory(title="Ouverte")
    before = list(JobOffer.objects.open().values_list("title", flat=True))
    run()
    assert list(JobOffer.objects.open().values_list("title", flat=True)) == before == ["Ouverte"]


def test_help_says_it_is_safe_from_cron():
    assert "cron" in Command.help
