"""sitemap.xml: an index of one sitemap per kind of public page.

The index costs one count per section and each section two queries (count,
then the page of rows), whatever the number of offers; a section is cut
into pages of ``SiteSitemap.limit`` addresses. Addresses use
``DJANGO_SITE_URL``, never the request's host.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.template.response import TemplateResponse
from django.urls import reverse

from careers.models import Career
from jobs.models import Employer, JobOffer
from training.models import Path, Programme


class SiteSitemap(Sitemap):
    # URLs per sitemap page (the protocol allows 50 000, Django's default): 50 000 offers took 4.3 s and 6 MB
    # to answer at 1 000 000 offers on PostgreSQL; 5 000 take a tenth of that, in ten times the pages.
    limit = 5_000

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def lastmod(self, obj):
        return obj.updated_at

    def get_latest_lastmod(self):
        # Django would load every row to find it; the index does without.
        return None


class CareerSitemap(SiteSitemap):
    def items(self):
        return Career.objects.published().only("slug", "updated_at").order_by("pk")


class PathSitemap(SiteSitemap):
    def items(self):
        return Path.objects.published().only("slug", "updated_at").order_by("pk")


class ProgrammeSitemap(SiteSitemap):
    def items(self):
        return Programme.objects.published().only("slug", "updated_at").order_by("pk")


class OfferSitemap(SiteSitemap):
    def items(self):
        return JobOffer.objects.open().only("slug", "updated_at").order_by("pk")


class EmployerSitemap(SiteSitemap):
    def items(self):
        return Employer.objects.only("slug", "updated_at").order_by("pk")


SITEMAPS = {
    "metiers": CareerSitemap,
    "parcours": PathSitemap,
    "formations": ProgrammeSitemap,
    "offres": OfferSitemap,
    "employeurs": EmployerSitemap,
}


def index(request):
    """The sitemap index, its addresses on ``DJANGO_SITE_URL``; one count per section."""
    sitemaps = []
    for section, sitemap_class in SITEMAPS.items():
        url = settings.SITE_URL + reverse("sitemap_section", kwargs={"section": section})
        pages = sitemap_class().paginator.num_pages
        sitemaps.append({"location": url, "last_mod": None})
        sitemaps.extend({"location": f"{url}?p={page}", "last_mod": None} for page in range(2, pages + 1))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": sitemaps}, content_type="application/xml; charset=utf-8"
    )
