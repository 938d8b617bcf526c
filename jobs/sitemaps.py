from core.sitemaps import SiteSitemap
from jobs.models import Employer, JobOffer


class OfferSitemap(SiteSitemap):
    def items(self):
        return JobOffer.objects.open().only("slug", "updated_at").order_by("pk")


class EmployerSitemap(SiteSitemap):
    def items(self):
        return Employer.objects.only("slug", "updated_at").order_by("pk")
