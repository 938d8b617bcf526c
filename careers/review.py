"""The careers' "À revoir" queues: pay figures whose source is old, careers not reviewed for a year."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from careers.models import Career, PayFigure
from core.freshness import Queue, twelve_months_before


def queues() -> list[Queue]:
    cutoff = twelve_months_before(timezone.localdate())
    return [
        Queue(
            "pay_figures",
            _("Chiffres de rémunération dont la source a plus de 12 mois"),
            "careers.view_payfigure",
            PayFigure.objects.filter(source__published_on__lt=cutoff)
            .select_related("career", "source")
            .order_by("source__published_on", "career__title", "pk"),
            "careers/review/pay_figure.html",
        ),
        Queue(
            "careers",
            _("Métiers non relus depuis 12 mois"),
            "careers.view_career",
            Career.objects.exclude(status=Career.Status.ARCHIVED)
            .filter(Q(reviewed_on__lt=cutoff) | Q(reviewed_on__isnull=True))
            .order_by("reviewed_on", "title"),
            "careers/review/career.html",
        ),
    ]
