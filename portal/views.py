"""Pages that belong to no section: home, search, robots, health, and the answers to errors."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from careers import selectors as careers
from core import search
from core.models import DataSource
from core.validators import single_line_text
from jobs import selectors as jobs
from portal.search import MAX_QUERY_LENGTH, find
from training import selectors as training

HOME_CAREERS = 6
HOME_OFFERS = 5


class HomeView(TemplateView):
    """Two doors (students, career changers), then what the portal holds, live from the database."""

    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The ranking page's rule, not the list's "highest salary" sort: the block bears the same title.
        context["ranked"] = careers.ranking()[0][:HOME_CAREERS]
        context["offers"] = jobs.newest_open(HOME_OFFERS)
        context["figures"] = {
            "careers": careers.published_count(),
            "programmes": training.published_count(),
            "offers": jobs.open_offer_count(),
        }
        return context


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_lazy("Rechercher un métier, une formation, une offre"),
        max_length=MAX_QUERY_LENGTH,
        validators=[single_line_text, search.has_words],
        error_messages={
            "required": _lazy("Tapez au moins un mot : un métier, une école, une ville…"),
            "max_length": _lazy("Votre recherche est trop longue : %(limit_value)s caractères au plus."),
        },
        # The browser offers the names of ``search-terms`` as one types; search-suggest.js narrows them.
        widget=forms.SearchInput(
            attrs={
                "placeholder": _lazy("ingénieur, Lyon, alternance…"),
                "list": "search-terms",
                "autocomplete": "off",
                "data-suggest": reverse_lazy("search_suggestions"),
            }
        ),
    )


class SearchView(TemplateView):
    """``/recherche/?q=``: every kind of result (careers, sectors, paths, programmes, providers, offers,
    employers), grouped, each with its count and a link to its list; a spelling to try when nothing matches."""

    template_name = "portal/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        results = find(form.cleaned_data["q"]) if form.is_valid() else None
        if results is None:
            terms = search.popular_terms()
        elif not results.total:
            terms = list(results.spelling.names)  # the names close to what was typed, read by ``suggest``
        else:
            terms = search.suggestions(results.query) or search.popular_terms()
        context.update(form=form, results=results, terms=terms)
        return context


def search_suggestions(request):
    """``/recherche/suggestions?q=``: the names that begin as typed, in JSON, for the search box; a query the
    search page would refuse answers 400 with its message."""
    if not request.GET.get("q", "").strip():
        return JsonResponse({"q": "", "suggestions": []})
    form = SearchForm(request.GET)
    if not form.is_valid():
        errors = {name: [str(error) for error in errors] for name, errors in form.errors.items()}
        return JsonResponse({"detail": _("Recherche invalide."), "errors": errors}, status=400)
    query = form.cleaned_data["q"]
    return JsonResponse({"q": query, "suggestions": search.suggestions(query)})


def robots_txt(request):
    """Everything may be crawled but the search results; the sitemap lists the pages."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('search')}",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache  # also keeps it out of the page cache: every check reaches the database
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
    """The French 410 page, for content withdrawn on purpose: ``message`` replaces the generic explanation,
    ``next_url`` points to what replaces the content; neither says more than the public page did."""
    context = {"message": message, "next_url": next_url, "next_label": next_label}
    return render(request, "410.html", context, status=410)


# The trust pages: how the figures are chosen, who publishes the site, what it stores, under which licence.


class AboutView(TemplateView):
    """ "À propos et méthode": how figures are chosen and dated, the sources behind them, the data licence."""

    template_name = "portal/about.html"
    content_labels = ("careers", "core")  # the sources it lists (portal.cache)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            sources=careers.cited_sources(),
            imported=DataSource.objects.order_by("name"),
            ranking_rule=careers.RANKING_RULE,
            licence=settings.DATA_LICENCE,
        )
        return context


@dataclass(frozen=True)
class LegalItem:
    label: str
    value: str
    setting: str  # the environment variable the operator sets
    required: bool = True


class LegalNoticeView(TemplateView):
    """ "Mentions légales": editor, director of publication and host, from the settings the operator fills in."""

    template_name = "portal/legal.html"
    content_labels = ()  # settings only

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        publisher = [
            LegalItem(_lazy("Nom ou raison sociale"), settings.LEGAL_PUBLISHER, "DJANGO_LEGAL_PUBLISHER"),
            LegalItem(_lazy("Adresse"), settings.LEGAL_PUBLISHER_ADDRESS, "DJANGO_LEGAL_PUBLISHER_ADDRESS"),
            LegalItem(_lazy("Téléphone"), settings.LEGAL_PUBLISHER_PHONE, "DJANGO_LEGAL_PUBLISHER_PHONE"),
            LegalItem(
                _lazy("Immatriculation (RCS, SIREN ou RNA)"),
                settings.LEGAL_PUBLISHER_REGISTRATION,
                "DJANGO_LEGAL_PUBLISHER_REGISTRATION",
                required=False,
            ),
        ]
        director = [LegalItem(_lazy("Nom"), settings.LEGAL_DIRECTOR, "DJANGO_LEGAL_DIRECTOR")]
        host = [
            LegalItem(_lazy("Nom ou raison sociale"), settings.LEGAL_HOST, "DJANGO_LEGAL_HOST"),
            LegalItem(_lazy("Adresse"), settings.LEGAL_HOST_ADDRESS, "DJANGO_LEGAL_HOST_ADDRESS"),
            LegalItem(_lazy("Téléphone"), settings.LEGAL_HOST_PHONE, "DJANGO_LEGAL_HOST_PHONE"),
        ]
        contact = [LegalItem(_lazy("Adresse électronique"), settings.CONTACT_EMAIL, "DJANGO_CONTACT_EMAIL")]
        sections = [
            ("editor", _lazy("Éditeur du site"), publisher),
            ("director", _lazy("Directeur ou directrice de la publication"), director),
            ("host", _lazy("Hébergeur"), host),
            ("contact", _lazy("Contact"), contact),
        ]
        missing = [(title, item) for _, title, items in sections for item in items if item.required and not item.value]
        context.update(
            sections=sections,
            missing=missing,
            contact_email=settings.CONTACT_EMAIL,
        )
        return context


class PrivacyView(TemplateView):
    """ "Confidentialité": what the portal stores about visitors and staff; no tracking."""

    template_name = "portal/privacy.html"
    content_labels = ()  # settings only

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            session_cookie=settings.SESSION_COOKIE_NAME,
            csrf_cookie=settings.CSRF_COOKIE_NAME,
            session_days=settings.SESSION_COOKIE_AGE // 86400,
            axes_minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            throttle=settings.API_THROTTLE_ANON,
            contact_email=settings.CONTACT_EMAIL,
        )
        return context
