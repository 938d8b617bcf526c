"""The base of every app's sitemap: addresses on ``DJANGO_SITE_URL``, cut into pages of ``limit``."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


class SiteSitemap(Sitemap):
    # URLs per sitemap page, fewer than the protocol's 50 000: bench/README says why.
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
