from django.apps import AppConfig


class CareersConfig(AppConfig):
    """Career profiles: what the job is, what it pays, and where the figures come from."""

    name = "careers"
    verbose_name = "Métiers"
