"""Routes, programmes and providers in the site search (/recherche/), and the programme list's ``?q=``.

A programme is found by its title, summary, provider, path and cities: "alternance" finds the programmes of
the Alternance route.
"""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core import search
from training.models import PUBLISHED, City, Path, Programme, Provider


def matching(programmes, query: search.Query):
    """The programmes that meet every clause of ``query``, in ``programmes``' order."""
    providers, in_provider = search.in_fields(Provider.objects.all(), "name")
    paths, in_path = search.in_fields(Path.objects.published(), "title")
    cities, in_city = search.in_fields(City.objects.all(), "name")
    programmes, in_programme = search.in_fields(programmes, "title", "summary")

    def condition(word):
        provider = providers.filter(in_provider(word), pk=OuterRef("provider_id"))
        path = paths.filter(in_path(word), pk=OuterRef("path_id"))
        city = cities.filter(in_city(word), programmes=OuterRef("pk"))
        return in_programme(word) | Q(Exists(provider)) | Q(Exists(path)) | Q(Exists(city))

    return search.matching(programmes, query, condition)


def find_paths(query: search.Query) -> search.Group:
    paths, in_path = search.in_fields(Path.objects.published(), "title", "summary")
    rows, count = search.ranked_page(search.matching(paths, query, in_path), query)
    hits = [search.Hit(row.title, row.get_absolute_url(), row.summary) for row in rows]
    return search.Group("paths", _("Parcours"), hits, count, reverse("training:path_list"), _("Voir tous les parcours"))


def find_programmes(query: search.Query) -> search.Group:
    programmes = matching(Programme.objects.published().select_related("provider", "path"), query)
    rows, count = search.ranked_page(programmes, query)
    hits = [
        search.Hit(
            row.title,
            row.get_absolute_url(),
            row.summary,
            " · ".join([row.provider.name, *([row.path.title] if row.path.is_published else [])]),
        )
        for row in rows
    ]
    more_url = f"{reverse('training:programme_list')}?{urlencode({'q': query.text})}"
    return search.Group("programmes", _("Formations"), hits, count, more_url, _("Voir ces formations"))


def find_providers(query: search.Query) -> search.Group:
    """Providers with a published programme, by name; each links to the programmes its name finds."""
    providers, in_provider = search.in_fields(
        Provider.objects.filter(Exists(Programme.objects.published().filter(provider=OuterRef("pk")))), "name"
    )
    found = search.matching(providers, query, in_provider)
    rows, count = search.ranked_page(found, query, title="name")
    programmes = reverse("training:programme_list")
    hits = [
        search.Hit(row.name, f"{programmes}?{urlencode({'q': row.name})}", detail=row.get_kind_display())
        for row in rows
    ]
    # The programme list's ?q= reads the providers' names too: it lists their programmes.
    more_url = f"{programmes}?{urlencode({'q': query.text})}"
    return search.Group("providers", _("Organismes de formation"), hits, count, more_url, _("Voir leurs formations"))


def find(query: search.Query) -> list[search.Group]:
    return [find_paths(query), find_programmes(query), find_providers(query)]


def register(site) -> None:
    site.search_provider(find)
    site.search_term_source(Path.objects.published, "title")
    site.search_term_source(lambda: Provider.objects.filter(programmes__status=PUBLISHED).distinct(), "name")
