from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ClearImportMixin, ReadOnlyAdminMixin, ReviewAdminMixin
from jobs.models import EXTENSION_DAYS, Employer, JobOffer
from jobs.resources import JobOfferResource


class OpenListFilter(admin.SimpleListFilter):
    """Open / expired, by the same rule as the public pages."""

    title = _("ouverture")
    parameter_name = "ouverture"

    def lookups(self, request, model_admin):
        return [("ouverte", _("Ouvertes")), ("expiree", _("Publiées mais expirées"))]

    def queryset(self, request, queryset):
        if self.value() == "ouverte":
            return queryset.open()
        if self.value() == "expiree":
            return queryset.expired()
        return queryset


# Written by the import, so read only here.
IMPORTED_FIELDS = [
    ("data_source", "external_id"),
    ("source_created_at", "source_updated_at"),
    ("read_at", "closed_at_source"),
]


@admin.register(JobOffer)
class JobOfferAdmin(ReviewAdminMixin, ClearImportMixin, ImportExportModelAdmin, SimpleHistoryAdmin):
    actions = [*ReviewAdminMixin.actions, "extend_selected"]
    resource_classes = [JobOfferResource]
    list_display = ["title", "employer", "career", "contract", "status", "is_open", "published_at", "expires_at"]
    list_filter = [OpenListFilter, "status", "contract", "career", "source", "data_source", "remote", "region"]
    list_select_related = ["employer", "career"]
    search_fields = ["title", "employer__name", "=external_id"]
    autocomplete_fields = ["employer", "career", "commune"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    fieldsets = [
        (None, {"fields": ["title", "slug", "employer", "career", "status"]}),
        (
            _("Poste"),
            {"fields": [("contract", "experience"), ("city", "commune"), ("region", "remote"), "description"]},
        ),
        (
            _("Rémunération"),
            {
                "fields": [("salary_low", "salary_high"), ("day_rate_low", "day_rate_high")],
                "description": _(
                    "Facultative. Salaire annuel brut en euros ; tarif journalier hors taxes en freelance."
                ),
            },
        ),
        (
            _("Annoncé par la source"),
            {
                "fields": [
                    ("salary_label", "working_time", "experience_label"),
                    ("location_label", "postcode", "insee_code"),
                    ("latitude", "longitude"),
                ],
                "classes": ["collapse"],
            },
        ),
        (_("Candidature et origine"), {"fields": [("apply_url", "apply_email"), ("source", "source_url")]}),
        (
            _("Import"),
            {
                "fields": IMPORTED_FIELDS,
                "description": _(
                    "Une offre importée que vous modifiez n’est plus mise à jour par l’import ; "
                    "retirée (brouillon ou archivée), elle n’est jamais rouverte."
                ),
            },
        ),
        (_("Publication"), {"fields": [("published_at", "expires_at")]}),
    ]
    readonly_fields = [name for pair in IMPORTED_FIELDS for name in pair]

    def get_queryset(self, request):
        return super().get_queryset(request).with_is_open()

    @admin.display(description=_("ouverte"), boolean=True, ordering="is_open")
    def is_open(self, obj):
        return obj.is_open

    @admin.action(description=_("Archiver la sélection"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        self._move(request, queryset, "archive", ngettext_lazy("%d offre archivée.", "%d offres archivées."))

    @admin.action(description=_("Prolonger la sélection de 30 jours"), permissions=["change"])
    def extend_selected(self, request, queryset):
        """A published offer extended stays on the board longer, which is the publisher's call, as publishing is."""
        if not self.has_publish_permission(request):
            kept = queryset.filter(status=JobOffer.Status.PUBLISHED).count()
            queryset = queryset.exclude(status=JobOffer.Status.PUBLISHED)
            if kept:
                self.message_user(
                    request,
                    ngettext(
                        "%d offre publiée n’a pas été prolongée : il faut le droit de publier les offres.",
                        "%d offres publiées n’ont pas été prolongées : il faut le droit de publier les offres.",
                        kept,
                    )
                    % kept,
                    messages.ERROR,
                )
        count = self._move(request, queryset, "extend", count_all=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d offre prolongée de %(days)d jours.", "%(count)d offres prolongées de %(days)d jours.", count
            )
            % {"count": count, "days": EXTENSION_DAYS},
            messages.SUCCESS,
        )


class JobOfferInline(ReadOnlyAdminMixin, admin.TabularInline):
    """An employer's offers, to read; each is edited on its own page."""

    model = JobOffer
    extra = 0
    fields = ["title", "status", "contract", "career", "published_at", "expires_at"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    ordering = ["-published_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("career")


@admin.register(Employer)
class EmployerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "sector", "city", "offer_count"]
    search_fields = ["name", "city", "sector"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [JobOfferInline]

    def get_queryset(self, request):
        # Grouping drops Meta.ordering, so order again for stable pagination.
        return super().get_queryset(request).annotate(offer_total=Count("offers")).order_by("name")

    @admin.display(description=_("offres"), ordering="offer_total")
    def offer_count(self, obj):
        return obj.offer_total

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            self.message_user(
                request,
                _(
                    "Un employeur qui a des offres ne peut pas être supprimé, même si elles sont archivées : "
                    "les pages de ces offres doivent continuer à le nommer. Rattachez ses offres à un autre "
                    "employeur ou supprimez-les d’abord."
                ),
                messages.WARNING,
            )
        return deleted, model_count, perms_needed, protected
