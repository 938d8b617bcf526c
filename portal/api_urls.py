"""The read-only API, version 1: one router over the viewsets each app registered, its schema and its docs."""

from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from core.registry import site

app_name = "api"


class Router(DefaultRouter):
    # No ".json" suffix routes: JSON is the only format.
    include_format_suffixes = False


router = Router()
for route in site.api_routes:
    router.register(route.prefix, route.viewset, basename=route.basename)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file (?script): no inline script, as the CSP requires.
    # Swagger UI draws its icons as data: SVG images, allowed on this page only (they cannot run script).
    path(
        "docs/",
        csp_update({"img-src": ["data:"]})(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    *router.urls,
]
