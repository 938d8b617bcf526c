from core.sitemaps import SiteSitemap
from training.models import Path, Programme


class PathSitemap(SiteSitemap):
    def items(self):
        return Path.objects.published().only("slug", "updated_at").order_by("pk")


class ProgrammeSitemap(SiteSitemap):
    def items(self):
        return Programme.objects.published().only("slug", "updated_at").order_by("pk")
