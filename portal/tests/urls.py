"""The real URLs plus two test-only views: one that fails, one that uses JSON-LD."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def broken(request):
    raise RuntimeError("secret-detail-from-the-server")


def with_json_ld(request):
    template = engines["django"].from_string("{% load portal_tags %}{% json_ld data %}")
    return HttpResponse(template.render({"data": {"@type": "Occupation", "name": "Chef de projet IA"}}, request))


urlpatterns = [
    path("test-500/", broken),
    path("test-json-ld/", with_json_ld),
    *portal_urlpatterns,
]
