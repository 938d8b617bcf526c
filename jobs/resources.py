"""Job offers in and out of CSV and XLSX files, one row per offer, keyed by slug."""

from import_export import fields

from core.resources import StrictModelResource
from jobs.models import JobOffer
from places.resources import CommuneWidget


class JobOfferResource(StrictModelResource):
    """Rows update the offer with the same slug, or create it as a draft; status and dates are exported, never
    imported, as a moderator publishes and dates an offer."""

    required_columns = ("slug", "title", "employer", "description")
    export_only = ("status", "published_at", "expires_at")
    template_example = {
        "slug": "exemple-data-scientist-lyon",
        "title": "Exemple : Data scientist",
        "contract": "CDI",
        "experience": "Confirmé",
        "city": "Lyon",
        "region": "Auvergne-Rhône-Alpes",
        "remote": "Télétravail partiel",
        "salary_low": 45000,
        "salary_high": 55000,
        "description": "Le poste, l’équipe, le profil recherché (Markdown : ## titres, listes, liens).",
        "apply_url": "https://example.org/postuler",
        "source": "Directement auprès de Cap IA",
    }

    commune = fields.Field(attribute="commune", column_name="Commune", widget=CommuneWidget())

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
            "commune",
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
            "salary_label",
            "working_time",
            "experience_label",
            "location_label",
            "postcode",
            "insee_code",
            "latitude",
            "longitude",
            "published_at",
            "expires_at",
        ]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
