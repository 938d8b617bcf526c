"""The real URLs and error handlers plus test-only views: some that fail, one that uses JSON-LD."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from portal import urls as portal_urls
from portal.urls import urlpatterns as portal_urlpatterns

handler400 = portal_urls.handler400
handler403 = portal_urls.handler403
handler404 = portal_urls.handler404
handler500 = portal_urls.handler500


def broken(request):
    raise RuntimeError("secret-detail-from-the-server")


def suspicious(request):
    raise SuspiciousOperation("secret-detail-from-the-server")


def forbidden(request):
    raise PermissionDenied("secret-detail-from-the-server")


def with_json_ld(request):
    template = engines["django"].from_string("{% load core_tags %}{% json_ld data %}")
    return HttpResponse(template.render({"data": {"@type": "Occupation", "name": "Chef de projet IA"}}, request))


urlpatterns = [
    path("test-500/", broken),
    path("test-400/", suspicious),
    path("test-403/", forbidden),
    path("test-json-ld/", with_json_ld),
    *portal_urlpatterns,
]
