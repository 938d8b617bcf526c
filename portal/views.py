"""Pages that belong to no section, and the list view every section shares."""

import math

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.generic import ListView, TemplateView


class FilteredListView(ListView):
    """A list driven by one django-filter ``FilterSet``, its state in the URL.

    Invalid filter values are reported next to their field and ignored; the
    valid ones still apply. A page number that is not a number, or out of
    range, shows the nearest real page with a message instead of a 404.
    """

    filterset_class = None
    paginate_by = 20

    def get_base_queryset(self):
        """The rows before filtering; lists override it to name their published rows."""
        return super().get_queryset()

    def get_queryset(self):
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=self.get_base_queryset(), request=self.request
        )
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        raw = self.request.GET.get(self.page_kwarg, "1")
        self.page_error = ""
        try:
            number = int(raw)
        except (TypeError, ValueError):
            number = 1
            self.page_error = _("Le numéro de page « %(page)s » n’est pas valide : voici la première page.") % {
                "page": raw[:20]
            }
        if number < 1:
            number = 1
            self.page_error = self.page_error or _("Les pages commencent à 1 : voici la première page.")
        elif number > paginator.num_pages:
            self.page_error = _("Il n’y a que %(count)s page(s) : voici la dernière.") % {"count": paginator.num_pages}
            number = paginator.num_pages
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["page_error"] = getattr(self, "page_error", "")
        page = context.get("page_obj")
        if page is not None:
            context["page_range"] = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        return context


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        from careers.models import Career

        context = super().get_context_data(**kwargs)
        context["careers"] = Career.objects.published().with_pay_range().best_paid()[:6]
        return context


def healthz(request):
    """Liveness for load balancers: 200 when the database answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def render_gone(request, message="", next_url="", next_label=""):
    """The French 410 page, for content withdrawn on purpose (an expired offer, say).

    ``message`` replaces the generic explanation; ``next_url`` points to what
    replaces the content. Neither should say more than the public page did.
    """
    context = {"message": message, "next_url": next_url, "next_label": next_label}
    return render(request, "410.html", context, status=410)


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a French page saying for how long."""
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "portal/lockout.html", context, status=429)


API_PREFIX = "/api/"


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
