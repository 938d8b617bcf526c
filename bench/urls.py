from django.http import HttpResponse
from django.urls import include, path

MINIMAL_PAGE = b"<!doctype html><html lang=fr><title>ok</title><p>Cap IA</p></html>"


def minimal(request):
    return HttpResponse(MINIMAL_PAGE)


urlpatterns = [
    path("bench/minimal/", minimal),
    path("", include("portal.urls")),
]
