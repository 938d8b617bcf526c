"""What staff must check again: figures with old sources, careers not reviewed, offers about to expire.

"Now" is read on every call, never at import time. Each list is one query,
capped at ``LIMIT`` rows; counts are one query each.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from careers.models import Career, PayFigure
from jobs.models import JobOffer
from portal.models import PublishableModel
from training.models import Outcome, Programme

LIMIT = 100
EXPIRY_WARNING = timedelta(days=7)


def twelve_months_before(day: date) -> date:
    """The same day a year earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Queue:
    """One list of the "À revoir" page: what it holds, and who may see it."""

    key: str
    title: str
    permission: str
    queryset: QuerySet


def queues() -> list[Queue]:
    """The four lists, each computed from today's date."""
    now = timezone.now()
    today = timezone.localdate()
    cutoff = twelve_months_before(today)
    archived = PublishableModel.Status.ARCHIVED
    return [
        Queue(
            "pay_figures",
            _("Chiffres de rémunération dont la source a plus de 12 mois"),
            "careers.view_payfigure",
            PayFigure.objects.filter(source__published_on__lt=cutoff)
            .select_related("career", "source")
            .order_by("source__published_on", "career__title", "pk"),
        ),
        Queue(
            "outcomes",
            _("Chiffres de résultats dont la source a plus de 12 mois"),
            "training.view_outcome",
            Outcome.objects.filter(source__published_on__lt=cutoff)
            .select_related("programme", "source")
            .order_by("source__published_on", "programme__title", "pk"),
        ),
        Queue(
            "careers",
            _("Métiers non relus depuis 12 mois"),
            "careers.view_career",
            Career.objects.exclude(status=archived)
            .filter(Q(reviewed_on__lt=cutoff) | Q(reviewed_on__isnull=True))
            .order_by("reviewed_on", "title"),
        ),
        Queue(
            "offers",
            _("Offres qui expirent dans les 7 jours"),
            "jobs.view_joboffer",
            JobOffer.objects.open()
            .filter(expires_at__lte=now + EXPIRY_WARNING)
            .select_related("employer")
            .order_by("expires_at", "pk"),
        ),
        Queue(
            "programmes",
            _("Formations dont la prochaine rentrée est passée"),
            "training.view_programme",
            Programme.objects.exclude(status=archived)
            .filter(next_start__lt=today)
            .select_related("provider")
            .order_by("next_start", "title"),
        ),
    ]


def visible_queues(user) -> list[Queue]:
    return [queue for queue in queues() if user.has_perm(queue.permission)]
