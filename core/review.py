"""The imports' "À revoir" queue: sources whose last run failed, stopped half-way or refused records."""

from django.utils.translation import gettext_lazy as _

from core.freshness import Queue
from core.models import ImportRun


def queues() -> list[Queue]:
    return [
        Queue(
            "imports",
            _("Imports dont le dernier passage a échoué ou refusé des lignes"),
            "core.view_importrun",
            ImportRun.objects.needing_attention().select_related("source").order_by("started_at"),
            "core/review/import_run.html",
        )
    ]
