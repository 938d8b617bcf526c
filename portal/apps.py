from django.apps import AppConfig


class PortalConfig(AppConfig):
    """What every section shares: base models, templates tags, home, health."""

    name = "portal"
    verbose_name = "Portail"
