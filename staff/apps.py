from django.apps import AppConfig


class StaffConfig(AppConfig):
    """The staff tools: the admin site and its "À revoir" page, roles, the local admin account."""

    name = "staff"
    verbose_name = "Outils de l’équipe"
