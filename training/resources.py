"""Programmes in and out of CSV and XLSX files, one row per programme, keyed by slug."""

from core.resources import StrictModelResource
from training.models import Programme


class ProgrammeResource(StrictModelResource):
    """Rows update the programme with the same slug, or create it as a draft; the status is exported, never
    imported, as publication goes through review."""

    required_columns = ("slug", "title", "provider", "path", "summary")
    export_only = ("status",)
    template_example = {
        "slug": "exemple-data-analyst",
        "title": "Exemple : Data Analyst en 12 semaines",
        "summary": "Deux ou trois phrases qui présentent la formation.",
        "duration_weeks": 12,
        "price": 6900,
        "cpf_eligible": "Oui",
        "work_study": "Non",
        "teaching_format": "À distance",
        "rhythm": "Temps plein",
        "next_start": "05/01/2027",
    }

    # "format" would clash with the export form's own file-format field (core.resources.RESERVED_FIELD_NAMES).
    teaching_format = StrictModelResource.field_from_django_field(
        "format", Programme._meta.get_field("format"), readonly=False
    )

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
            "teaching_format",
            "rhythm",
            "cities",
            "admission",
            "next_start",
        ]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
