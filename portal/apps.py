from django.apps import AppConfig


class PortalConfig(AppConfig):
    """What every section shares: base models, templates tags, home, health."""

    name = "portal"
    verbose_name = "Portail"

    def ready(self):
        from portal.cache import connect_signals

        connect_signals()
