from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The site: settings, root URLs, home, search page, sitemaps, health, page cache, errors."""

    name = "portal"
    verbose_name = "Portail"

    def ready(self):
        from portal import cache

        cache.connect_signals()
