"""The root URLs: the site's own pages, then each app's, under the ``url_prefix`` its AppConfig declares."""

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from portal import sitemaps, views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("recherche/", views.SearchView.as_view(), name="search"),
    path("recherche/suggestions", views.search_suggestions, name="search_suggestions"),
    path("robots.txt", views.robots_txt, name="robots"),
    # Browsers ask for it whatever the page says. The file's unhashed address, which never changes, so the
    # redirect can be permanent; the file itself is served with a short lifetime and may change.
    path(
        "favicon.ico",
        RedirectView.as_view(url=f"{settings.STATIC_URL}portal/favicon.ico", permanent=True),
        name="favicon",
    ),
    path("a-propos/", views.AboutView.as_view(), name="about"),
    path("mentions-legales/", views.LegalNoticeView.as_view(), name="legal"),
    path("confidentialite/", views.PrivacyView.as_view(), name="privacy"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.section, name="sitemap_section"),
    *(
        path(config.url_prefix, include(f"{config.name}.urls"))
        for config in apps.get_app_configs()
        if getattr(config, "url_prefix", None) is not None
    ),
    path("api/v1/", include("portal.api_urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

# Under /api/ errors answer JSON; elsewhere, the French pages.
handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"

admin.site.site_header = "Cap IA : administration"
admin.site.site_title = "Cap IA"
admin.site.index_title = "Contenus du portail"
