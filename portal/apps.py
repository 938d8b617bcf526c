from django.apps import AppConfig


class PortalConfig(AppConfig):
    """What every section shares: base models, templates tags, home, health, search."""

    name = "portal"
    verbose_name = "Portail"

    def ready(self):
        from portal.text import connect_signals

        connect_signals()
