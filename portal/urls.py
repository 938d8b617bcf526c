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
    path(settings.ADMIN_URL, admin.site.urls),
]

admin.site.site_header = "Cap IA : administration"
admin.site.site_title = "Cap IA"
admin.site.index_title = "Contenus du portail"
