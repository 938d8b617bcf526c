"""Pages that belong to no section, and the list view every section shares."""

import math

from django import forms
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import ListView, TemplateView

from portal.orientation import FinderForm, SimulatorForm, career_pay_figures, find, simulate
from portal.pagination import FromEitherEndPaginator
from portal.search import MAX_QUERY_LENGTH, search


class FilteredListView(ListView):
    """A list driven by one django-filter ``FilterSet``, its state in the URL.

    Invalid filter values are reported next to their field and ignored; the
    valid ones still apply. A page number that is not a number, or out of
    range, shows the nearest real page with a message instead of a 404.
    """

    filterset_class = None
    paginate_by = 20
    paginator_class = FromEitherEndPaginator

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


HOME_CAREERS = 6
HOME_OFFERS = 5


class HomeView(TemplateView):
    """Two doors (students, career changers), then what the portal holds, live from the database."""

    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        from careers.models import Career
        from jobs.models import JobOffer
        from jobs.selectors import open_offer_count
        from training.models import Programme

        context = super().get_context_data(**kwargs)
        context["careers"] = Career.objects.published().with_pay_range().best_paid()[:HOME_CAREERS]
        context["offers"] = JobOffer.objects.open().for_list().newest()[:HOME_OFFERS]
        context["figures"] = {
            "careers": Career.objects.published().count(),
            "programmes": Programme.objects.published().count(),
            "offers": open_offer_count(),
        }
        return context


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_lazy("Rechercher un métier, une formation, une offre"),
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": _lazy("Tapez au moins un mot : un métier, une école, une ville…"),
            "max_length": _lazy("Votre recherche est trop longue : %(limit_value)s caractères au plus."),
        },
        widget=forms.SearchInput(attrs={"placeholder": _lazy("ingénieur, Lyon, alternance…")}),
    )


class SearchView(TemplateView):
    """``/recherche/?q=``: careers, programmes and open offers, grouped by kind."""

    template_name = "portal/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        results = None
        if form.is_valid():
            results = search(form.cleaned_data["q"])
            if not results.groups:
                form.add_error("q", _("Tapez des lettres ou des chiffres : la ponctuation seule ne se cherche pas."))
                results = None
        context.update(form=form, results=results)
        return context


class FinderView(TemplateView):
    """``/orientation/``: the paths and programmes that fit a situation, ranked, with reasons."""

    template_name = "portal/finder.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = FinderForm(self.request.GET or None)
        context["form"] = form
        if form.is_valid():
            paths, programmes, weighed = find(form.cleaned_data)
            context.update(paths=paths, programmes=programmes, weighed=weighed, answered=True)
        return context


class SimulatorView(TemplateView):
    """``/orientation/cout/``: what a reconversion costs and when it pays for itself."""

    template_name = "portal/simulator.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SimulatorForm(self.request.GET or None)
        context["form"] = form
        if form.is_valid():
            data = form.cleaned_data
            context["simulation"] = simulate(
                data["formation"],
                data["metier"],
                career_pay_figures(data["metier"]),
                cpf=data["cpf"],
                current_net_monthly=data["salaire"],
                rhythm=data["rythme"],
                billable_days=data["jours"],
                net_share=data["net"],
            )
        return context


def robots_txt(request):
    """Everything may be crawled but the search results; the sitemap lists the pages."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('search')}",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


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
