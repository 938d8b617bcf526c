"""Review before publication, shared by every admin of a ``PublishableModel``; the imports' own admin.

Each state change is one model method, called row by row inside a
transaction so that the history records who moved which row. Publishing,
by action or by saving a form, needs the model's ``publish_<model>``
permission; without it a row can only be sent to review.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.models import DataSource, ImportRun

PUBLISH_REFUSED = _(
    "Vous n’avez pas le droit de publier. Choisissez « En relecture » : une personne habilitée relira puis publiera."
)


def guard_status(form_class, user):
    """The form, refusing a move to published by a user without the publish permission.

    The row's stored status is what counts: a history revert fills the form
    from an old version, which may have been published.
    """

    class ReviewGuardedForm(form_class):
        def clean_status(self):
            status = self.cleaned_data["status"]
            instance = self.instance
            stored = (
                type(instance)._base_manager.filter(pk=instance.pk).values_list("status", flat=True).first()
                if instance.pk
                else None
            )
            current = type(instance)(status=stored or type(instance).Status.DRAFT)
            if not current.may_move_to(status, user):
                raise ValidationError(PUBLISH_REFUSED, code="publish_permission")
            return status

    ReviewGuardedForm.__name__ = form_class.__name__
    return ReviewGuardedForm


class ReviewAdminMixin:
    """Actions for the review states, and a change form that enforces the publish permission."""

    actions = ["submit_selected", "publish_selected", "unpublish_selected", "archive_selected"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        return guard_status(super().get_form(request, obj, change, **kwargs), request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.model.can_publish(request.user):
            actions.pop("publish_selected", None)
        return actions

    def _move(self, request, queryset, method: str, count_all: bool = False) -> int:
        """Call ``method`` on each selected row; count the rows whose status changed (or all)."""
        count = 0
        # By id: the admin's list queryset may be grouped, which FOR UPDATE refuses.
        ids = list(queryset.values_list("pk", flat=True))
        with transaction.atomic():
            for obj in self.model._base_manager.filter(pk__in=ids).select_for_update():
                before = obj.status
                getattr(obj, method)()
                count += count_all or obj.status != before
        return count

    @admin.action(description=_("Envoyer la sélection en relecture"))
    def submit_selected(self, request, queryset):
        count = self._move(request, queryset, "submit_for_review")
        self.message_user(
            request,
            ngettext("%d élément envoyé en relecture.", "%d éléments envoyés en relecture.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Publier la sélection"))
    def publish_selected(self, request, queryset):
        if not self.model.can_publish(request.user):
            self.message_user(request, PUBLISH_REFUSED, messages.ERROR)
            return
        count = self._move(request, queryset, "publish")
        self.message_user(
            request, ngettext("%d élément publié.", "%d éléments publiés.", count) % count, messages.SUCCESS
        )

    @admin.action(description=_("Repasser la sélection en brouillon"))
    def unpublish_selected(self, request, queryset):
        count = self._move(request, queryset, "unpublish")
        self.message_user(
            request,
            ngettext("%d élément repassé en brouillon.", "%d éléments repassés en brouillon.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Archiver la sélection"))
    def archive_selected(self, request, queryset):
        count = self._move(request, queryset, "archive")
        self.message_user(
            request, ngettext("%d élément archivé.", "%d éléments archivés.", count) % count, messages.SUCCESS
        )


class ReviewInlineMixin:
    """For inlines that show a publishable row's status: the same publish rule as its own page."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = guard_status(formset.form, request.user)
        return formset


class ClearImportMixin:
    """For ``ImportExportModelAdmin``: a file that cannot be read says why, in words an editor acts on."""

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, UnicodeDecodeError):
            message = _(
                "Le fichier n’est pas encodé en UTF-8 (octet illisible en position %(position)s). "
                "Enregistrez-le au format « CSV UTF-8 », puis importez-le à nouveau."
            ) % {"position": e.start}
        else:
            message = _(
                "Le fichier n’a pas pu être lu (%(error)s). Vérifiez que le format choisi correspond au fichier."
            ) % {"error": type(e).__name__}
        form.add_error("import_file", message)


@admin.register(DataSource)
class DataSourceAdmin(admin.ModelAdmin):
    """Where imports come from; staff choose here whether what each brings is published at once."""

    list_display = ["name", "publisher", "licence", "publish_at_once"]
    list_editable = ["publish_at_once"]
    fields = ["name", "key", "publisher", "url", "licence", "licence_url", "publish_at_once"]
    readonly_fields = ["key"]

    def has_add_permission(self, request):
        return False  # each importer creates its own source on its first run


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Every run of every importer, to read: counts, refused records and why."""

    list_display = [
        "started_at",
        "source",
        "status",
        "dry_run",
        "created",
        "updated",
        "closed",
        "reopened",
        "refused",
        "finished_at",
    ]
    list_filter = ["source", "status", "dry_run"]
    list_select_related = ["source"]
    date_hierarchy = "started_at"
    fields = [
        ("source", "status", "dry_run"),
        ("started_at", "finished_at"),
        ("created", "updated", "unchanged"),
        ("closed", "reopened", "refused"),
        "message",
        "error_list",
    ]
    readonly_fields = [name for row in fields for name in (row if isinstance(row, tuple) else (row,))]

    @admin.display(description=_("premières erreurs"))
    def error_list(self, obj):
        if not obj.errors:
            return "—"
        return format_html_join(
            "",
            "<p><strong>{}</strong> : {}</p>",
            ((error.get("ref", ""), error.get("reason", "")) for error in obj.errors),
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
