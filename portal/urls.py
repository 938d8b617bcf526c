from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from portal import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("metiers/", include("careers.urls")),
    path("", include("training.urls")),
    path("", include("jobs.urls")),
    path("api/v1/", include("portal.api_urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

# Under /api/ errors answer JSON; elsewhere, the French pages.
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

admin.site.site_header = "Cap IA : administration"
admin.site.site_title = "Cap IA"
admin.site.index_title = "Contenus du portail"
