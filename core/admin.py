"""Review before publication for every ``PublishableModel`` admin, and the imports' own admin.

Changing what the public sees needs ``publish_<model>``; without it, a change to a published row, by
any path, becomes a pending revision (``core.revisions``)."""

import logging

import tablib
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from import_export.forms import ImportForm

from core import revisions, snapshots
from core.formats import FORMATS, FileRefused
from core.imports import DatabaseStorage, admin_max_bytes, admin_max_rows, problems, unreadable_file_message
from core.models import DataSource, ImportRun, PendingImport, PublishableModel, Revision, Synonym, reviewed_models
from core.registry import site

logger = logging.getLogger("core.imports")

PUBLISH_REFUSED = _(
    "Vous n’avez pas le droit de publier. Choisissez « En relecture » : une personne habilitée relira puis publiera."
)
OFFLINE_REFUSED = _(
    "Seule une personne habilitée à publier retire un contenu du site, l’archive ou le sort des archives. "
    "Sans ce droit, un contenu passe seulement de « Brouillon » à « En relecture » et inversement."
)
PUBLISHED_ROW_REFUSED = _(
    "« %(row)s » est publié : modifiez-le depuis sa propre page, où votre modification attendra l’accord "
    "d’une personne habilitée à publier."
)


def guard_status(form_class, user):
    """The form, refusing a status move the user may not make (``may_move_to``) from the *stored* status:
    a history revert fills the form from an old version."""

    class ReviewGuardedForm(form_class):
        def clean_status(self):
            status = self.cleaned_data["status"]
            model = type(self.instance)
            current = model(status=revisions.stored_status(self.instance) or model.Status.DRAFT)
            if not current.may_move_to(status, user):
                message = PUBLISH_REFUSED if status == model.Status.PUBLISHED else OFFLINE_REFUSED
                raise ValidationError(message, code="publish_permission")
            return status

    ReviewGuardedForm.__name__ = form_class.__name__
    return ReviewGuardedForm


def refuse_published_changes(form_class, user):
    """``guard_status`` for forms of several rows (inlines, list columns), which also leave a published row to
    its own page, where its change becomes a pending revision instead of going live."""

    class PublishedRowGuardedForm(guard_status(form_class, user)):
        def clean(self):
            cleaned = super().clean()
            if self.has_changed() and revisions.needs_review(self.instance, user):
                raise ValidationError(PUBLISHED_ROW_REFUSED % {"row": self.instance}, code="published_row")
            return cleaned

    PublishedRowGuardedForm.__name__ = form_class.__name__
    return PublishedRowGuardedForm


class ReadOnlyAdminMixin:
    """Rows that code writes: staff read them here, never add or change them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RevisionCaptureMixin:
    """Turns a save that must wait for a publisher (``revision_target``) into a pending revision.

    The admin saves as usual inside a savepoint, then the response keeps the result and rolls it back;
    only the change form and the history revert, each one transaction, may do so."""

    change_form_template = "admin/core/revision_change_form.html"

    def revision_target(self, request, obj):
        return None

    def pending_for(self, obj):
        """The row whose pending revisions the change page lists."""
        return obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        request._revisions_allowed = True
        extra_context = extra_context or {}
        if object_id is not None and request.method == "GET":
            obj = self.get_object(request, object_id)
            row = self.pending_for(obj) if obj is not None else None
            if row is not None:
                pending = Revision.objects.pending().of(row)
                extra_context["pending_revisions"] = list(pending.visible_to(request.user).select_related("author"))
                extra_context["pending_count"] = pending.count()
                extra_context["pending_row"] = row
        return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A revert is a change like any other: all or nothing, and reviewed when the row is public."""
        request._revisions_allowed = True
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        target = self.revision_target(request, obj)
        if target is not None:
            if not getattr(request, "_revisions_allowed", False):
                raise PermissionDenied
            request._revision_capture = revisions.Capture(target)
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        return self.revision_response(request) or super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return self.revision_response(request) or super().response_add(request, obj, post_url_continue)

    def revision_response(self, request):
        """None when the save went live; else keep it as a revision and say so."""
        capture = request.__dict__.pop("_revision_capture", None)
        if capture is None:
            return None
        revision = capture.finish(request.user)
        if revision is None:
            self.message_user(request, _("Rien n’a changé : aucune modification n’a été proposée."), messages.INFO)
            return HttpResponseRedirect(request.path)
        url = reverse("admin:core_revision_change", args=[revision.pk], current_app=self.admin_site.name)
        self.message_user(
            request,
            format_html(
                _(
                    "Votre modification de « {} » attend l’accord d’une personne habilitée à publier : "
                    'd’ici là, le site et l’API montrent la version en ligne. <a href="{}">Voir la proposition</a>'
                ),
                revision.object_repr,
                url,
            ),
            messages.WARNING,
        )
        return HttpResponseRedirect(url)


class ReviewAdminMixin(RevisionCaptureMixin):
    """Actions for the review states, a change form that enforces the publish permission, pending revisions."""

    actions = ["submit_selected", "publish_selected", "unpublish_selected", "archive_selected"]

    def has_publish_permission(self, request, obj=None):
        """Read by the actions that declare ``permissions=["publish"]``: hidden without it, refused if POSTed."""
        return self.model.can_publish(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        return guard_status(super().get_form(request, obj, change, **kwargs), request.user)

    def get_changelist_form(self, request, **kwargs):
        return refuse_published_changes(super().get_changelist_form(request, **kwargs), request.user)

    def revision_target(self, request, obj):
        return revisions.live(self.model, obj.pk) if revisions.needs_review(obj, request.user) else None

    def save_model(self, request, obj, form, change):
        published = PublishableModel.Status.PUBLISHED
        if obj.status == published and revisions.stored_status(obj) != published:
            obj.stamp_review()  # guard_status let it through: a publisher publishes, so has just reviewed it
        super().save_model(request, obj, form, change)

    def add_success_message(self, result, request):
        """After an import: say which updated rows wait for a publisher rather than went live."""
        super().add_success_message(result, request)
        pending = sum(1 for row in result.rows if getattr(row, "pending_revision", None) is not None)
        if pending:
            self.message_user(
                request,
                ngettext(
                    "%d ligne modifie un élément publié : elle attend l’accord d’une personne habilitée à publier.",
                    "%d lignes modifient des éléments publiés : elles attendent l’accord d’une personne habilitée "
                    "à publier.",
                    pending,
                )
                % pending,
                messages.WARNING,
            )

    def _move(self, request, queryset, method: str, done=None, count_all: bool = False) -> int:
        """Call ``method`` row by row, so the history records who moved which; count the rows whose status
        changed (or all) and say ``done % count``."""
        count = 0
        # By id: the admin's list queryset may be grouped, which FOR UPDATE refuses.
        ids = list(queryset.values_list("pk", flat=True))
        with transaction.atomic():
            for obj in self.model._base_manager.filter(pk__in=ids).select_for_update():
                before = obj.status
                getattr(obj, method)()
                count += count_all or obj.status != before
        if done is not None:
            self.message_user(request, done % count, messages.SUCCESS)
        return count

    @admin.action(description=_("Envoyer la sélection en relecture"), permissions=["change"])
    def submit_selected(self, request, queryset):
        done = ngettext_lazy("%d élément envoyé en relecture.", "%d éléments envoyés en relecture.")
        self._move(request, queryset, "submit_for_review", done)

    @admin.action(description=_("Publier la sélection"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._move(request, queryset, "publish", ngettext_lazy("%d élément publié.", "%d éléments publiés."))

    @admin.action(description=_("Repasser la sélection en brouillon"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        done = ngettext_lazy("%d élément repassé en brouillon.", "%d éléments repassés en brouillon.")
        self._move(request, queryset, "unpublish", done)

    @admin.action(description=_("Archiver la sélection"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        self._move(request, queryset, "archive", ngettext_lazy("%d élément archivé.", "%d éléments archivés."))


class ReviewInlineMixin:
    """For inlines of publishable rows (programmes on their provider's page): the rules of their own page."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = refuse_published_changes(formset.form, request.user)
        return formset


class ReviewedChildAdminMixin(RevisionCaptureMixin):
    """The own page of a row owned by a reviewed one (a career's pay figure): a change to it is a change to
    its parent, pending if the parent is; moving it off or onto a published parent needs the publish right."""

    review_parent: str = ""  # the child's foreign key to its parent

    def parent_field(self):
        return self.model._meta.get_field(self.review_parent)

    def parent_of(self, obj):
        parent_id = getattr(obj, self.parent_field().attname)
        return revisions.live(self.parent_field().related_model, parent_id) if parent_id is not None else None

    def pending_for(self, obj):
        return self.parent_of(obj)

    def revision_target(self, request, obj):
        parent = self.parent_of(obj)
        return parent if revisions.needs_review(parent, request.user) else None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        user, field = request.user, self.parent_field()

        class MoveGuardedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                new = cleaned.get(field.name)
                stored = type(self.instance)._base_manager.filter(pk=self.instance.pk)
                old_id = stored.values_list(field.attname, flat=True).first() if self.instance.pk else None
                if self.instance.pk and new is not None and new.pk != old_id:
                    old = revisions.live(field.related_model, old_id) if old_id is not None else None
                    if revisions.needs_review(new, user) or revisions.needs_review(old, user):
                        raise ValidationError(
                            _(
                                "Un élément publié est concerné : seule une personne habilitée à publier peut "
                                "rattacher cette ligne à un autre « %(parent)s »."
                            )
                            % {"parent": field.verbose_name},
                            code="published_parent",
                        )
                return cleaned

        MoveGuardedForm.__name__ = form_class.__name__
        return MoveGuardedForm


class RevisionModelFilter(admin.SimpleListFilter):
    title = _("type de contenu")
    parameter_name = "type"

    def lookups(self, request, model_admin):
        return [(model._meta.label_lower, model._meta.verbose_name_plural) for model in reviewed_models()]

    def queryset(self, request, queryset):
        return queryset.filter(model_label=self.value()) if self.value() else queryset


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Proposed changes to published rows, compared with the live version, approved or rejected.

    Each person sees those they could approve and their own; a proposal is a record, never edited or deleted."""

    list_display = ["object_repr", "kind", "author", "created_at", "state", "decided_by", "decided_at"]
    list_filter = ["state", RevisionModelFilter]
    list_select_related = ["author", "decided_by"]
    search_fields = ["object_repr"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    @admin.display(description=_("type de contenu"), ordering="model_label")
    def kind(self, obj):
        model = obj.model
        return model._meta.verbose_name if model is not None else obj.model_label

    def has_view_permission(self, request, obj=None):
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if obj is not None:
            return obj.may_decide(user) or obj.author_id == user.pk
        return user.is_superuser or any(
            model.can_publish(user) or user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
            for model in reviewed_models()
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decide_view)
        return [path("<int:pk>/decision/", decide, name="core_revision_decide"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The diff page: what the proposal changes, against the version it was made on and the live one."""
        revision = self.get_object(request, object_id)
        if revision is None:
            raise Http404
        if not self.has_view_permission(request, revision):
            raise PermissionDenied
        model = revision.model
        target = revision.target()
        current = snapshots.take(target) if target is not None and revision.is_pending else None
        diff = snapshots.describe(model, revision.base, revision.proposed, current) if model is not None else None
        user = request.user
        opts = model._meta if model is not None else None
        row_url = public_url = None
        if target is not None:
            name = f"admin:{opts.app_label}_{opts.model_name}_change"
            row_url = reverse(name, args=[target.pk], current_app=self.admin_site.name)
            public_url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Modification proposée : %(row)s") % {"row": revision.object_repr},
            "opts": self.model._meta,
            "revision": revision,
            "diff": diff,
            "target": target,
            "target_opts": opts,
            "row_url": row_url,
            "public_url": public_url,
            "may_decide": revision.is_pending and revision.may_decide(user),
            "may_withdraw": revision.is_pending and revision.author_id == user.pk,
            "decide_url": reverse("admin:core_revision_decide", args=[revision.pk], current_app=self.admin_site.name),
        }
        return TemplateResponse(request, "admin/core/revision/diff.html", context)

    def decide_view(self, request, pk):
        """Approve, reject or withdraw one proposal (POST only, CSRF-checked like every admin view)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        revision = get_object_or_404(self.get_queryset(request), pk=pk)
        page = reverse("admin:core_revision_change", args=[revision.pk], current_app=self.admin_site.name)
        decision, row = request.POST.get("decision"), {"row": revision.object_repr}
        level = messages.SUCCESS
        try:
            if decision == "approve":
                revisions.approve(revision, request.user)
                message = _("Modification de « %(row)s » approuvée : elle est en ligne.") % row
            elif decision == "reject":
                revisions.reject(revision, request.user, request.POST.get("note", "").strip())
                message = _("Modification de « %(row)s » rejetée : la version en ligne reste inchangée.") % row
            elif decision == "withdraw":
                revisions.withdraw(revision, request.user)
                message = _("Proposition sur « %(row)s » retirée.") % row
            else:
                message, level = _("Choisissez d’approuver ou de rejeter la proposition."), messages.ERROR
        except PermissionError:
            raise PermissionDenied from None
        except revisions.RevisionConflict:
            level = messages.ERROR
            message = _(
                "La version en ligne a changé depuis cette proposition, sur ce qu’elle modifie : "
                "elle n’a pas été appliquée. Rejetez-la et demandez une nouvelle proposition."
            )
        except ValidationError as error:
            level = messages.ERROR
            message = _("La proposition n’a pas été appliquée : %(reasons)s") % {"reasons": " ".join(error.messages)}
        self.message_user(request, message, level)
        return HttpResponseRedirect(page)


class StaffImportForm(ImportForm):
    """Refuses a file too big or too long for one request before reading it (``uploader`` and ``command``
    are set by ``ClearImportMixin.create_import_form``)."""

    uploader = None
    command = ""
    encoding = "utf-8-sig"

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats

    def clean(self):
        cleaned = super().clean()
        upload, chosen = cleaned.get("import_file"), cleaned.get("format")
        if upload is None or chosen in (None, ""):
            return cleaned
        upload.uploader = self.uploader
        if getattr(upload, "too_large", False):
            self.add_error(
                "import_file",
                _(
                    "Ce fichier pèse %(size)s ; l’import par l’admin accepte %(limit)s au plus. "
                    "Importez-le avec la commande %(command)s, qui n’a pas de limite de taille."
                )
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(admin_max_bytes()),
                    "command": self.command,
                },
            )
            return cleaned
        file_format = self.formats[int(chosen)](encoding=self.encoding)
        try:
            rows = file_format.count_rows(upload.read(), admin_max_rows())
        except Exception as exc:  # whatever the reader raises, the editor gets a reason, never a 500
            self.add_error("import_file", unreadable_file_message(exc))
            return cleaned
        finally:
            upload.seek(0)
        if rows > admin_max_rows():
            self.add_error(
                "import_file",
                _(
                    "Ce fichier compte plus de %(limit)s lignes : au-delà, l’import dépasserait le temps qu’un "
                    "serveur accorde à une page. Importez-le avec la commande %(command)s (mêmes vérifications, "
                    "tout ou rien, sans limite de taille), ou coupez-le en fichiers de %(limit)s lignes au plus."
                )
                % {"limit": number_format(admin_max_rows(), force_grouping=True), "command": self.command},
            )
        return cleaned


class ClearImportMixin:
    """For ``ImportExportModelAdmin``: CSV and XLSX in staff's words, bounded (bigger files go to
    ``manage.py import_file``), kept in the database between preview and confirmation, refusals listed."""

    import_form_class = StaffImportForm
    import_template_name = "admin/core/import.html"
    import_formats = FORMATS
    export_formats = FORMATS
    to_encoding = "utf-8-sig"  # the BOM tells spreadsheets the export is UTF-8, so accents survive a round trip

    def import_command(self) -> str:
        name = site.file_import_name(self.model) or "…"
        return f"manage.py import_file {name} FICHIER"

    def get_urls(self):
        template_view = self.admin_site.admin_view(self.import_template_view)
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}_import_template"
        return [path("import/modele.<str:extension>", template_view, name=name), *super().get_urls()]

    def import_template_view(self, request, extension):
        """A file with the columns an import reads and one example row: what staff fill in."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        file_format = next((fmt() for fmt in self.get_import_formats() if fmt().get_extension() == extension), None)
        if file_format is None:
            raise Http404
        resource = self.get_import_resource_classes(request)[0](**self.get_import_resource_kwargs(request))
        columns = [field.column_name for field in resource.get_import_fields() if not field.readonly]
        example = resource.template_row()
        dataset = tablib.Dataset([example[column] for column in columns], headers=columns)
        content = file_format.export_data(dataset)
        if not file_format.is_binary():
            content = content.encode(self.to_encoding)
        response = HttpResponse(content, content_type=file_format.get_content_type())
        name = slugify(self.model._meta.verbose_name_plural)
        response["Content-Disposition"] = f'attachment; filename="modele-{name}.{extension}"'
        return response

    def create_import_form(self, request):
        form = super().create_import_form(request)
        form.uploader = request.user if request.user.is_authenticated else None
        form.command = self.import_command()
        form.encoding = self.from_encoding
        return form

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        template_url = f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_import_template"
        context.update(
            {
                "max_rows": admin_max_rows(),
                "max_bytes": admin_max_bytes(),
                "import_command": self.import_command(),
                "template_files": [
                    (fmt().get_title(), reverse(template_url, args=[fmt().get_extension()]))
                    for fmt in self.get_import_formats()
                ],
            }
        )
        return context

    def get_export_data(self, file_format, request, queryset, **kwargs):
        """As django-import-export's, with numbers and dates kept as such in XLSX: it tells binary formats by
        their exact class, which ours (``core.formats``) are not."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(request, queryset, force_native_type=file_format.is_binary(), **kwargs)
        content = file_format.export_data(data)
        if not file_format.is_binary() and kwargs.get("encoding"):
            content = content.encode(kwargs["encoding"])
        return content

    def get_tmp_storage_class(self):
        return DatabaseStorage

    def get_tmp_storage_class_kwargs(self):
        return {"model_label": self.model._meta.label_lower}

    def write_to_tmp_storage(self, import_file, input_format):
        storage = DatabaseStorage(self.model._meta.label_lower, uploader=getattr(import_file, "uploader", None))
        storage.save(b"".join(import_file.chunks()))
        return storage

    def get_import_data_kwargs(self, **kwargs):
        # All or nothing at confirmation too: a row that no longer validates (a provider deleted since the
        # preview) rolls back the whole file instead of leaving the other rows written.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error("import_file", unreadable_file_message(e))

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        if context is None or context.get("result") is None:
            return response
        form = context["form"]
        resource = self.choose_import_resource_class(form, request)(**self.get_import_resource_kwargs(request))
        context["problems"] = problems(resource, context["result"])
        logger.info(
            "Import preview of %s by %s: %d rows, %d refused",
            self.model._meta.label,
            request.user,
            context["result"].total_rows,
            len(context["problems"]),
        )
        if "confirm_form" not in context:  # refused: nothing will confirm this file
            upload = form.cleaned_data.get("import_file")
            name = getattr(upload, "tmp_storage_name", None)
            if name:
                DatabaseStorage(self.model._meta.label_lower, name=name).remove()
        return response

    def process_import(self, request, **kwargs):
        import_url = reverse(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_import")
        name = request.POST.get("import_file_name", "")
        if name and self.has_import_permission(request):
            # Only who previewed a file confirms it: the key alone is not a right to another user's upload.
            owner = PendingImport.objects.filter(key=name, model=self.model._meta.label_lower).values("user").first()
            if owner is not None and owner["user"] != request.user.pk:
                self.message_user(request, str(DatabaseStorage.GONE), messages.ERROR)
                return redirect(import_url)
        try:
            return super().process_import(request, **kwargs)
        except FileRefused as exc:  # confirmed twice, or too late
            self.message_user(request, str(exc), messages.ERROR)
            return redirect(import_url)

    def add_success_message(self, result, request):
        totals = result.totals
        parts = [
            ngettext("%d ligne créée", "%d lignes créées", totals["new"]) % totals["new"],
            ngettext("%d mise à jour", "%d mises à jour", totals["update"]) % totals["update"],
            ngettext("%d inchangée", "%d inchangées", totals["skip"]) % totals["skip"],
        ]
        self.message_user(
            request,
            _("Import terminé (%(what)s) : %(parts)s.")
            % {"what": self.model._meta.verbose_name_plural, "parts": ", ".join(parts)},
            messages.SUCCESS,
        )

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            resource = self.get_import_resource_classes(request)[0](**self.get_import_resource_kwargs(request))
            found = problems(resource, result)
            logger.info(
                "Import of %s by %s refused at confirmation: %d", self.model._meta.label, request.user, len(found)
            )
            # The first step's form, empty, shown again under the refused confirmation.
            form = self.get_import_form_class(request)(
                self.get_import_formats(), self.get_import_resource_classes(request)
            )
            context = {
                **self.get_import_context_data(),
                **self.admin_site.each_context(request),
                "title": _("Importer"),
                "form": form,
                "opts": self.model._meta,
                "result": result,
                "problems": found,
            }
            return TemplateResponse(request, [self.import_template_name], context)
        logger.info(
            "Import of %s by %s: %d new, %d updated, %d unchanged",
            self.model._meta.label,
            request.user,
            result.totals["new"],
            result.totals["update"],
            result.totals["skip"],
        )
        return super().process_result(result, request)


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
class ImportRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
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


@admin.register(Synonym)
class SynonymAdmin(ReviewAdminMixin, admin.ModelAdmin):
    """The words a search treats as one; editors propose them, a publisher puts them to work."""

    list_display = ["term", "equivalents", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["term", "equivalents"]
    fields = ["term", "equivalents", "status"]
