"""sitemap.xml: an index of one sitemap per kind of public page, as each app registered them; addresses on
``DJANGO_SITE_URL``, never the request's host."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.template.response import TemplateResponse
from django.urls import reverse

from core.registry import site


def index(request):
    """The sitemap index, its addresses on ``DJANGO_SITE_URL``; one count per section."""
    sitemaps = []
    for section, sitemap_class in site.sitemaps.items():
        url = settings.SITE_URL + reverse("sitemap_section", kwargs={"section": section})
        pages = sitemap_class().paginator.num_pages
        sitemaps.append({"location": url, "last_mod": None})
        sitemaps.extend({"location": f"{url}?p={page}", "last_mod": None} for page in range(2, pages + 1))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": sitemaps}, content_type="application/xml; charset=utf-8"
    )


def section(request, section):
    return sitemap_views.sitemap(request, sitemaps=site.sitemaps, section=section)
