"""Job offers in and out of CSV and XLSX files, one row per offer, keyed by slug."""

from import_export import fields, widgets

from careers.models import Career
from core.resources import AmountWidget, SlugForeignKeyWidget, StrictModelResource
from jobs.models import Employer, JobOffer


class JobOfferResource(StrictModelResource):
    """Rows update the offer with the same slug, or create it as a draft.

    Status and dates are exported but never imported: an offer is published,
    and dated, by a moderator.
    """

    required_columns = ("slug", "title", "employer", "description")

    employer = fields.Field("employer", "employer", SlugForeignKeyWidget(Employer, "Employeur"))
    career = fields.Field("career", "career", SlugForeignKeyWidget(Career, "Métier"))
    salary_low = fields.Field("salary_low", "salary_low", AmountWidget())
    salary_high = fields.Field("salary_high", "salary_high", AmountWidget())
    day_rate_low = fields.Field("day_rate_low", "day_rate_low", AmountWidget())
    day_rate_high = fields.Field("day_rate_high", "day_rate_high", AmountWidget())
    status = fields.Field("status", "status", readonly=True)
    published_at = fields.Field("published_at", "published_at", widgets.DateTimeWidget(), readonly=True)
    expires_at = fields.Field("expires_at", "expires_at", widgets.DateTimeWidget(), readonly=True)

    class Meta:
        model = JobOffer
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "status",
            "employer",
            "career",
            "contract",
            "experience",
            "city",
            "region",
            "remote",
            "salary_low",
            "salary_high",
            "day_rate_low",
            "day_rate_high",
            "description",
            "apply_url",
            "apply_email",
            "source",
            "source_url",
            "published_at",
            "expires_at",
        ]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
