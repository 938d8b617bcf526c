from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from portal import sitemaps, views
from portal.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("recherche/", views.SearchView.as_view(), name="search"),
    path("orientation/", views.FinderView.as_view(), name="finder"),
    path("orientation/cout/", views.SimulatorView.as_view(), name="simulator"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("metiers/", include("careers.urls")),
    path("", include("training.urls")),
    path("", include("jobs.urls")),
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
