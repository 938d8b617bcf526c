from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The site: settings, root URLs, home, search page, sitemaps, health, page cache, errors."""

    name = "portal"
    verbose_name = "Portail"

    def ready(self):
        from django.core import checks

        from portal import cache

        checks.register(cache.check_shared_cache)
