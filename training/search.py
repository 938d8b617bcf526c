"""Programmes in the site search (/recherche/): by title, summary, provider, path and city."""

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import search
from training.models import City, Path, Programme, Provider


def find(words: list[str]) -> search.Group:
    vendor = connection.vendor
    providers = search.fold_aliases(Provider.objects.all(), vendor, ("name",))
    paths = search.fold_aliases(Path.objects.all(), vendor, ("title",))
    cities = search.fold_aliases(City.objects.all(), vendor, ("name",))

    def condition(word):
        own = search.word_matches(vendor, word, folded=("folded_title", "folded_summary"))
        by_name = search.word_matches(vendor, word, folded=("folded_name",))
        provider = providers.filter(by_name, pk=OuterRef("provider_id"))
        path = paths.filter(search.word_matches(vendor, word, folded=("folded_title",)), pk=OuterRef("path_id"))
        city = cities.filter(by_name, programmes=OuterRef("pk"))
        return own | Q(Exists(provider)) | Q(Exists(path)) | Q(Exists(city))

    programmes = search.fold_aliases(
        Programme.objects.published().select_related("provider", "path"), vendor, ("title", "summary")
    )
    rows, count = search.ranked_page(search.matching(programmes, words, condition), vendor, words)
    return search.Group(
        "programmes", _("Formations"), rows, count, reverse("training:programme_list"), _("Voir toutes les formations")
    )
