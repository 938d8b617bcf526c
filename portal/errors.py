"""The French 400, 403, 404 and 500 pages (the 410 page is ``portal.views.render_gone``); under /api/, JSON.

None of them says why the request failed: the reason is in the log, never on the page.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"


def bad_request(request, exception):
    """A request the site cannot read: malformed, too large, or for a host it does not serve."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("Requête invalide.")}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    """A page the visitor may not see; the exception's message stays out of the page."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("Accès refusé.")}, status=403)
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent without its valid token: what to do, in French, in the site's layout (Django's view renders
    without the request); ``reason`` is for the log only."""
    return render(request, "403_csrf.html", status=403)


def page_not_found(request, exception):
    """The French 404 page, or a JSON body for an API client."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("Aucune ressource à cette adresse.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """The French 500 page, or a JSON body for an API client; neither says anything of the server."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("Erreur interne : elle a été enregistrée.")}, status=500)
    return defaults.server_error(request)
