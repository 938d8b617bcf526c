"""The training's "À revoir" queues: outcome figures whose source is old, programmes whose start has passed."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.freshness import Queue, twelve_months_before
from training.models import Outcome, Programme


def queues() -> list[Queue]:
    today = timezone.localdate()
    return [
        Queue(
            "outcomes",
            _("Chiffres de résultats dont la source a plus de 12 mois"),
            "training.view_outcome",
            Outcome.objects.filter(source__published_on__lt=twelve_months_before(today))
            .select_related("programme", "source")
            .order_by("source__published_on", "programme__title", "pk"),
            "training/review/outcome.html",
        ),
        Queue(
            "programmes",
            _("Formations dont la prochaine rentrée est passée"),
            "training.view_programme",
            Programme.objects.exclude(status=Programme.Status.ARCHIVED)
            .filter(next_start__lt=today)
            .select_related("provider")
            .order_by("next_start", "title"),
            "training/review/programme.html",
        ),
    ]
