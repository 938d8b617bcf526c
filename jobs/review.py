"""The offers' "À revoir" queue: open offers that expire within a week."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.freshness import Queue
from jobs.models import JobOffer

EXPIRY_WARNING = timedelta(days=7)


def queues() -> list[Queue]:
    return [
        Queue(
            "imported-offers",
            _("Offres importées en attente de relecture"),
            "jobs.publish_joboffer",
            JobOffer.objects.filter(status=JobOffer.Status.REVIEW, data_source__isnull=False)
            .select_related("employer")
            .order_by("created_at", "pk"),
            "jobs/review/imported_offer.html",
        ),
        Queue(
            "offers",
            _("Offres qui expirent dans les 7 jours"),
            "jobs.view_joboffer",
            JobOffer.objects.open()
            .filter(expires_at__lte=timezone.now() + EXPIRY_WARNING)
            .select_related("employer")
            .order_by("expires_at", "pk"),
            "jobs/review/offer.html",
        ),
    ]
