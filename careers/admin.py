from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from careers.models import (
    Career,
    Certification,
    FAQEntry,
    MarketFigure,
    Mission,
    PayFigure,
    Sector,
    Skill,
    Source,
)
from core.admin import ReviewAdminMixin, ReviewedChildAdminMixin


class MissionInline(admin.TabularInline):
    model = Mission
    extra = 0
    fields = ["position", "title", "description"]


class PayFigureInline(admin.StackedInline):
    model = PayFigure
    extra = 0
    autocomplete_fields = ["source"]
    fieldsets = [
        (None, {"fields": [("kind", "experience"), ("country", "region", "area")]}),
        (None, {"fields": [("currency", "amount_low", "amount_high"), "note", "source"]}),
    ]


class MarketFigureInline(admin.TabularInline):
    model = MarketFigure
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["offer_count", "approximate", "observed_on", "platforms", "source"]


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0
    fields = ["position", "name", "issuer", "url"]


class FAQEntryInline(admin.StackedInline):
    model = FAQEntry
    extra = 0
    fields = ["position", "question", "answer"]


@admin.register(Career)
class CareerAdmin(ReviewAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "status", "parent", "figure_count", "reviewed_on", "updated_at"]
    list_filter = ["status", "parent", "sectors", "open_to_career_changers", "suited_to_freelance"]
    list_select_related = ["parent"]
    search_fields = ["title", "other_names", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent", "sectors", "skills", "related"]
    date_hierarchy = "updated_at"
    inlines = [MissionInline, PayFigureInline, MarketFigureInline, CertificationInline, FAQEntryInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "other_names", "status", "reviewed_on"]}),
        (_("Contenu"), {"fields": ["summary", "body", "studies"]}),
        (
            _("Classement"),
            {
                "fields": [
                    "parent",
                    "related",
                    "sectors",
                    "skills",
                    "open_to_career_changers",
                    "suited_to_freelance",
                ]
            },
        ),
        (
            _("Pour les imports d’offres et de formations"),
            {
                "description": _("Les imports rattachent à ce métier les offres et formations qui portent ces codes."),
                "fields": ["rome_codes", "formacodes", "search_keywords"],
            },
        ),
    ]

    def get_queryset(self, request):
        # Grouping drops Meta.ordering, so order again for stable pagination.
        return (
            super().get_queryset(request).annotate(figure_total=Count("pay_figures", distinct=True)).order_by("title")
        )

    @admin.display(description=_("chiffres de paie"), ordering="figure_total")
    def figure_count(self, obj):
        return obj.figure_total


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "date_precision", "read_on", "url"]
    list_filter = ["publisher"]
    search_fields = ["title", "publisher", "url", "slug"]
    prepopulated_fields = {"slug": ["publisher", "title"]}
    date_hierarchy = "published_on"


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PayFigure)
class PayFigureAdmin(ReviewedChildAdminMixin, SimpleHistoryAdmin):
    """All pay figures across careers, to check sources and dates at a glance; see ``ReviewedChildAdminMixin``."""

    review_parent = "career"

    list_display = ["career", "kind", "experience", "place", "amount_low", "amount_high", "currency", "source"]
    list_filter = ["kind", "experience", "country", "currency", "source"]
    list_select_related = ["career", "source"]
    search_fields = ["career__title", "note", "source__title"]
    autocomplete_fields = ["career", "source"]

    @admin.display(description=_("lieu"))
    def place(self, obj):
        return obj.place_label
