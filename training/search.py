"""Routes, programmes and providers in the site search (/recherche/), and the programme list's ``?q=``.

A programme is found by its title, summary, provider, path and cities: "alternance" finds the programmes of
the Alternance route.
"""

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core import search
from training.models import PUBLISHED, City, Path, Programme, Provider


def matching(programmes, query: search.Query):
    """The programmes that meet every clause of ``query``, in ``programmes``' order."""
    vendor = connection.vendor
    providers = search.fold_aliases(Provider.objects.all(), vendor, ("name",))
    paths = search.fold_aliases(Path.objects.published(), vendor, ("title",))
    cities = search.fold_aliases(City.objects.all(), vendor, ("name",))

    def condition(word):
        own = search.word_matches(vendor, word, folded=("folded_title", "folded_summary"))
        by_name = search.word_matches(vendor, word, folded=("folded_name",))
        provider = providers.filter(by_name, pk=OuterRef("provider_id"))
        path = paths.filter(search.word_matches(vendor, word, folded=("folded_title",)), pk=OuterRef("path_id"))
        city = cities.filter(by_name, programmes=OuterRef("pk"))
        return own | Q(Exists(provider)) | Q(Exists(path)) | Q(Exists(city))

    return search.matching(search.fold_aliases(programmes, vendor, ("title", "summary")), query, condition)


def find_paths(query: search.Query) -> search.Group:
    vendor = connection.vendor
    paths = search.fold_aliases(Path.objects.published(), vendor, ("title", "summary"))
    found = search.matching(
        paths, query, lambda word: search.word_matches(vendor, word, folded=("folded_title", "folded_summary"))
    )
    rows, count = search.ranked_page(found, vendor, query)
    hits = [search.Hit(row.title, row.get_absolute_url(), row.summary) for row in rows]
    return search.Group("paths", _("Parcours"), hits, count, reverse("training:path_list"), _("Voir tous les parcours"))


def find_programmes(query: search.Query) -> search.Group:
    vendor = connection.vendor
    programmes = matching(Programme.objects.published().select_related("provider", "path"), query)
    rows, count = search.ranked_page(programmes, vendor, query)
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
    vendor = connection.vendor
    providers = search.fold_aliases(
        Provider.objects.filter(Exists(Programme.objects.published().filter(provider=OuterRef("pk")))),
        vendor,
        ("name",),
    )
    found = search.matching(providers, query, lambda word: search.word_matches(vendor, word, folded=("folded_name",)))
    rows, count = search.ranked_page(found, vendor, query, title="name")
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
