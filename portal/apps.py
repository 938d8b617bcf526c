from django.apps import AppConfig


class PortalConfig(AppConfig):
    """What every section shares: base models, templates tags, home, health, search."""

    name = "portal"
    verbose_name = "Portail"

    def ready(self):
        from django.db.backends.signals import connection_created

        from portal import cache, text
        from portal.db import probe_json_support

        cache.connect_signals()
        text.connect_signals()
        connection_created.connect(probe_json_support, dispatch_uid="portal.probe_json_support")
