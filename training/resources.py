"""Programmes in and out of CSV and XLSX files, one row per programme, keyed by slug."""

from import_export import fields, widgets

from careers.models import Career
from core.resources import AmountWidget, SlugForeignKeyWidget, SlugManyToManyWidget, StrictModelResource
from training.models import Path, Programme, Provider


class ProgrammeResource(StrictModelResource):
    """Rows update the programme with the same slug, or create it as a draft.

    The status is exported but never imported: publication goes through review.
    """

    required_columns = ("slug", "title", "provider", "path", "summary")

    provider = fields.Field("provider", "provider", SlugForeignKeyWidget(Provider, "Organisme"))
    path = fields.Field("path", "path", SlugForeignKeyWidget(Path, "Parcours"))
    careers = fields.Field("careers", "careers", SlugManyToManyWidget(Career, "Métier"))
    price = fields.Field("price", "price", AmountWidget())
    duration_months = fields.Field("duration_months", "duration_months", AmountWidget())
    duration_weeks = fields.Field("duration_weeks", "duration_weeks", AmountWidget())
    duration_hours = fields.Field("duration_hours", "duration_hours", AmountWidget())
    rncp_level = fields.Field("rncp_level", "rncp_level", AmountWidget())
    next_start = fields.Field("next_start", "next_start", widgets.DateWidget("%Y-%m-%d"))
    status = fields.Field("status", "status", readonly=True)

    class Meta:
        model = Programme
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "status",
            "provider",
            "path",
            "careers",
            "summary",
            "body",
            "url",
            "entry_level",
            "award_title",
            "rncp_level",
            "duration_months",
            "duration_weeks",
            "duration_hours",
            "price",
            "cpf_eligible",
            "work_study",
            "format",
            "rhythm",
            "admission",
            "next_start",
        ]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
