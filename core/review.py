"""The library's "À revoir" queues: imports that went wrong, and changes to published rows awaiting approval."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.freshness import Queue
from core.models import ImportRun, Revision, reviewed_models


def queues() -> list[Queue]:
    return [
        Queue(
            "imports",
            _("Imports dont le dernier passage a échoué ou refusé des lignes"),
            "core.view_importrun",
            ImportRun.objects.needing_attention().select_related("source").order_by("started_at"),
            "core/review/import_run.html",
        ),
        # One queue per model, for those who may publish it: they alone approve its pending revisions.
        *(
            Queue(
                f"revisions-{model._meta.model_name}",
                format_lazy(_("Modifications proposées en attente d’accord : {}"), model._meta.verbose_name_plural),
                model.publish_permission(),
                Revision.objects.pending().for_model(model).select_related("author").order_by("created_at", "pk"),
                "core/review/revision.html",
            )
            for model in reviewed_models()
        ),
    ]
