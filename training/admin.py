from datetime import timedelta

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ClearImportMixin, ReviewAdminMixin, ReviewedChildAdminMixin, ReviewInlineMixin
from training.models import City, Outcome, Path, Programme, Provider
from training.resources import ProgrammeResource

STALE_AFTER = timedelta(days=365)


def stale_before():
    """Outcome figures dated before this are more than 12 months old (computed per request)."""
    return timezone.localdate() - STALE_AFTER


@admin.register(Path)
class PathAdmin(ReviewAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "position", "audience", "status", "programme_total", "updated_at"]
    list_editable = ["position"]
    list_filter = ["status", "audience"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "position", "audience"]}),
        (_("Contenu"), {"fields": ["summary", "body", "strengths", "limits"]}),
        (
            _("Quand aucune formation publiée ne le dit"),
            {
                "description": _("Le tableau des parcours calcule ces valeurs à partir des formations publiées."),
                "fields": [
                    ("duration_months_low", "duration_months_high"),
                    ("cost_low", "cost_high"),
                    "cost_note",
                    "funding",
                    "level_reached",
                    ("admission", "admission_note"),
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        # Grouping drops Meta.ordering, so order again for stable pagination.
        return super().get_queryset(request).annotate(programme_count=Count("programmes")).order_by("position", "title")

    @admin.display(description=_("formations"), ordering="programme_count")
    def programme_total(self, obj):
        return obj.programme_count


class ProgrammeInline(ReviewInlineMixin, admin.TabularInline):
    """The essentials; careers, cities and outcomes are edited on the programme's own page."""

    model = Programme
    extra = 0
    fields = ["title", "slug", "path", "summary", "status", "price", "cpf_eligible", "next_start"]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("path")


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    """Providers own their programmes: deleting one with programmes is refused and the page says which."""

    list_display = ["name", "kind", "city", "programme_total"]
    list_filter = ["kind"]
    search_fields = ["name", "city", "siret", "uai"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProgrammeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(programme_count=Count("programmes")).order_by("name")

    @admin.display(description=_("formations"), ordering="programme_count")
    def programme_total(self, obj):
        return obj.programme_count


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "commune"]
    list_select_related = ["commune"]
    search_fields = ["name"]
    autocomplete_fields = ["commune"]
    prepopulated_fields = {"slug": ["name"]}


class OutcomeInline(admin.StackedInline):
    model = Outcome
    extra = 0
    autocomplete_fields = ["source"]
    fieldsets = [
        (None, {"fields": [("observed_on", "source"), "note"]}),
        (_("Cohorte"), {"fields": [("cohort_start", "cohort_end", "cohort_size"), "completion_rate"]}),
        (
            _("Emploi"),
            {"fields": [("employed_rate", "employed_within_months"), "employed_definition", "median_salary"]},
        ),
        (
            _("Satisfaction et volume"),
            {"fields": [("satisfaction_rate", "satisfaction_measure"), ("people_trained", "people_trained_at_least")]},
        ),
    ]


class OutcomeFreshnessFilter(admin.SimpleListFilter):
    title = _("chiffres de résultats")
    parameter_name = "resultats"

    def lookups(self, request, model_admin):
        return [("recents", _("De moins de 12 mois")), ("anciens", _("De plus de 12 mois")), ("aucun", _("Aucun"))]

    def queryset(self, request, queryset):
        if self.value() == "recents":
            return queryset.filter(latest_outcome__gte=stale_before())
        if self.value() == "anciens":
            return queryset.filter(latest_outcome__lt=stale_before())
        if self.value() == "aucun":
            return queryset.filter(latest_outcome__isnull=True)
        return queryset


@admin.register(Programme)
class ProgrammeAdmin(ReviewAdminMixin, ClearImportMixin, ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [ProgrammeResource]
    list_display = [
        "title",
        "provider",
        "path",
        "status",
        "price",
        "cpf_eligible",
        "format",
        "next_start",
        "outcome_age",
    ]
    list_filter = [
        "path",
        "cpf_eligible",
        "format",
        "rhythm",
        "status",
        "source",
        "region",
        OutcomeFreshnessFilter,
        "provider",
    ]
    list_select_related = ["provider", "path"]
    readonly_fields = ["source", "source_ref", "source_extracted_on", "closed_on"]
    search_fields = ["title", "summary", "award_title", "provider__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["provider", "careers", "cities"]
    date_hierarchy = "updated_at"
    inlines = [OutcomeInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "provider", "path", "careers", "url"]}),
        (_("Contenu"), {"fields": ["summary", "body"]}),
        (
            _("Admission et diplôme"),
            {"fields": ["entry_level", "admission", "award_title", ("rncp_level", "rncp_code")]},
        ),
        (
            _("Conditions"),
            {
                "fields": [
                    ("duration_months", "duration_weeks"),
                    ("duration_hours", "duration_hours_high"),
                    ("price", "price_high"),
                    ("cpf_eligible", "work_study"),
                    ("format", "rhythm", "remote_possible"),
                    "cities",
                    ("region", "department"),
                    "next_start",
                ]
            },
        ),
        (
            _("Provenance"),
            {
                "fields": ["source", "source_ref", "source_extracted_on", "closed_on"],
                "description": _("Pour une formation importée : ce que vous modifiez ici, l’import suivant le garde."),
            },
        ),
    ]

    def get_queryset(self, request):
        # Grouping drops Meta.ordering, so order again for stable pagination.
        return super().get_queryset(request).annotate(latest_outcome=Max("outcomes__observed_on")).order_by("title")

    @admin.display(description=_("chiffres de résultats"), ordering="latest_outcome")
    def outcome_age(self, obj):
        if obj.latest_outcome is None:
            return _("Aucun")
        label = obj.latest_outcome.strftime("%m/%Y")
        if obj.latest_outcome < stale_before():
            return _("⚠ %(date)s : plus de 12 mois, à vérifier") % {"date": label}
        return label


@admin.register(Outcome)
class OutcomeAdmin(ReviewedChildAdminMixin, SimpleHistoryAdmin):
    """Every outcome figure, with its history; they are entered on their programme's page."""

    review_parent = "programme"

    list_display = ["programme", "observed_on", "employed_rate", "median_salary", "source"]
    list_select_related = ["programme", "source"]
    list_filter = ["source"]
    search_fields = ["programme__title", "source__title"]
    autocomplete_fields = ["programme", "source"]
    date_hierarchy = "observed_on"
    fieldsets = [(None, {"fields": ["programme"]}), *OutcomeInline.fieldsets]
