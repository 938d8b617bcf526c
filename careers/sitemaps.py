from careers.models import Career
from core.sitemaps import SiteSitemap


class CareerSitemap(SiteSitemap):
    def items(self):
        return Career.objects.published().only("slug", "updated_at").order_by("pk")
