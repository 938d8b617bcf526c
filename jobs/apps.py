from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Job offers and the employers that publish them."""

    name = "jobs"
    verbose_name = "Offres d’emploi"
