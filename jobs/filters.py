"""The one definition of the offer board's filters, shared by the page, the feeds and the API."""

import hashlib
import json
from datetime import timedelta

import django_filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from careers.models import Career
from core import search
from core.cache import version
from core.forms import NumberInput
from core.geography import Region
from core.text import search_words
from jobs.models import Employer, JobOffer
from places.filters import DISTANCE_CHOICE, PlaceFilter, PlaceFilterMixin, RadiusFilter, RemoteFilter

# Long enough for any real search; a longer one is refused with a message before reaching the database.
MAX_QUERY_LENGTH = 200
MAX_SALARY = 10_000_000
# Counts change with every write (the content version) and with time (windows, expiries): kept a minute.
FACET_SECONDS = 60


def has_words(value: str) -> None:
    if not search_words(value):
        raise ValidationError(_("Tapez des lettres ou des chiffres : la ponctuation seule ne se cherche pas."))


class JobOfferFilter(PlaceFilterMixin, django_filters.FilterSet):
    class Sort:
        NEWEST = "date"
        BEST_PAID = "salaire"
        CHOICES = [
            DISTANCE_CHOICE,
            (NEWEST, _("Les plus récentes d’abord")),
            (BEST_PAID, _("Les mieux payées d’abord")),
        ]

    class Period:
        CHOICES = [("1", _("Dernières 24 heures")), ("7", _("7 derniers jours")), ("30", _("30 derniers jours"))]

    # The facets counted per value, and the field each one groups by.
    COLUMN_FACETS = {
        "contrat": "contract",
        "region": "region",
        "teletravail": "remote",
        "experience": "experience",
        "metier": "career",
    }

    q = django_filters.CharFilter(
        label=_("Mots-clés"),
        method="search",
        max_length=MAX_QUERY_LENGTH,
        validators=[has_words],
        widget=forms.SearchInput(attrs={"placeholder": _("intitulé, employeur…")}),
    )
    metier = django_filters.ModelChoiceFilter(
        label=_("Métier"),
        field_name="career",
        to_field_name="slug",
        queryset=Career.objects.published(),
        empty_label=_("Tous les métiers"),
    )
    contrat = django_filters.ChoiceFilter(
        label=_("Contrat"), field_name="contract", choices=JobOffer.Contract.choices, empty_label=_("Tous les contrats")
    )
    region = django_filters.ChoiceFilter(
        label=_("Région"), field_name="region", choices=Region.choices, empty_label=_("Toutes les régions")
    )
    ville = PlaceFilter()
    rayon = RadiusFilter()
    ou_a_distance = RemoteFilter(label=_("… ou en télétravail complet"))
    teletravail = django_filters.ChoiceFilter(
        label=_("Télétravail"), field_name="remote", choices=JobOffer.Remote.choices, empty_label=_("Peu importe")
    )
    salaire_min = django_filters.NumberFilter(
        label=_("Salaire annuel brut minimum (€)"),
        field_name="salary_top",
        lookup_expr="gte",
        min_value=0,
        max_value=MAX_SALARY,
        widget=NumberInput(attrs={"step": 1000, "min": 0, "inputmode": "numeric"}),
    )
    experience = django_filters.ChoiceFilter(
        label=_("Expérience"),
        field_name="experience",
        choices=JobOffer.Experience.choices,
        empty_label=_("Peu importe"),
    )
    publie = django_filters.ChoiceFilter(
        label=_("Publiée depuis"),
        choices=Period.CHOICES,
        method="filter_published_within",
        empty_label=_("Peu importe"),
    )
    tri = django_filters.ChoiceFilter(
        label=_("Trier"), choices=Sort.CHOICES, method="sort", empty_label=None, null_value=None
    )

    # places.filters: where an offer is, and what "à distance" means for it.
    remote_condition = Q(remote=JobOffer.Remote.FULL)
    place_order = ("-published_at", "-pk")

    class Meta:
        model = JobOffer
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One "now" for the date filter and the date facet, so their counts agree.
        self.now = timezone.now()
        # Set by count_facets: a search found more than search.COUNT_LIMIT offers (then the list shows the
        # first ones), or one of its facets would have to count more (then the options go unnumbered).
        self.unnumbered = False
        self.more_results = False
        self.count_limit = search.COUNT_LIMIT
        self.employers = None  # for a search: the employers holding each word, looked up once

    def search(self, queryset, name, value):
        """Each word must appear in the title, city, description or employer's name (accents and case ignored)."""
        query = search.parse(value)
        if self.employers is None:
            self.employers, _names = Employer.objects.holding(query.words)
        return queryset.matching(query, employers=self.employers)

    def filter_published_within(self, queryset, name, value):
        return queryset.filter(published_at__gte=self.now - timedelta(days=int(value)))

    def sort(self, queryset, name, value):
        if value == self.Sort.BEST_PAID:
            return queryset.best_paid()
        return queryset.newest()

    def active_values(self) -> dict:
        """The valid, non-empty filter values; invalid ones were reported and are ignored."""
        if not self.is_bound:
            return {}
        self.form.is_valid()  # validates once; invalid fields stay out of cleaned_data
        return {name: value for name, value in self.form.cleaned_data.items() if value not in (None, "")}

    def filtered_but(self, excluded=()):
        """The rows every active filter but those named in ``excluded`` lets through: what their options count."""
        queryset = self.queryset.all()
        for name, value in self.active_values().items():
            if name not in excluded and name != "tri":
                queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    def count_facets(self) -> int:
        """Label each option with the number of offers choosing it would give (``counted``, cached per filters and
        content version); return the number of results."""
        active = self.active_values()
        key = self.cache_key(active)
        counted = cache.get(key)
        if counted is None:
            counted = self.counted(active)
            cache.set(key, counted, FACET_SECONDS)
        if counted["employers"] is not None:
            self.employers = [set(ids) for ids in counted["employers"]]
        self.unnumbered, self.more_results = counted["unnumbered"], counted["more_results"]
        facets = counted["facets"]
        for name in ("contrat", "region", "teletravail", "experience"):
            choices = self.filters[name].extra["choices"]
            self.label_options(name, [(value, label, self.shown(facets, name, value)) for value, label in choices])
        chosen = active.get("metier")
        careers = [
            (slug, title, self.shown(facets, "metier", pk))
            for pk, slug, title in counted["careers"]
            if facets is None or facets["metier"].get(pk) or (chosen is not None and chosen.pk == pk)
        ]
        self.label_options("metier", careers)
        self.label_options(
            "publie", [(days, label, self.shown(facets, "publie", days)) for days, label in self.Period.CHOICES]
        )
        return counted["results"]

    @staticmethod
    def shown(facets, name, value):
        return None if facets is None else facets[name].get(value, 0)

    def cache_key(self, active: dict) -> str:
        values = {name: getattr(value, "pk", value) for name, value in active.items() if name != "tri"}
        digest = hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:32]
        return f"offer-facets:{version('jobs', 'careers', 'core')}:{digest}"

    def counted(self, active: dict) -> dict:
        """The counts as plain data: one aggregate over the offers the other filters let through, each count by
        every chosen facet but its own. A search past ``search.COUNT_LIMIT`` leaves its options unnumbered."""
        searching = "q" in active
        careers = list(Career.objects.published().order_by("title").values_list("pk", "slug", "title"))
        windows = {days: self.now - timedelta(days=int(days)) for days, _label in self.Period.CHOICES}
        chosen = {
            name: Q(**{field: getattr(active[name], "pk", active[name])})
            for name, field in self.COLUMN_FACETS.items()
            if name in active
        }
        if "publie" in active:
            chosen["publie"] = Q(published_at__gte=windows[active["publie"]])

        def count(condition: Q, but: str | None = None):
            for name, other in chosen.items():
                if name != but:
                    condition &= other
            return Count("pk", filter=condition) if condition else Count("pk")

        values = {
            name: [value for value, _label in self.filters[name].extra["choices"]]
            for name in ("contrat", "region", "teletravail", "experience")
        }
        values["metier"] = [pk for pk, _slug, _title in careers]
        counters, keys = {"offers": Count("pk"), "results": count(Q())}, {}
        for name, field in self.COLUMN_FACETS.items():
            for value in values[name]:
                keys[f"n{len(keys)}"] = (name, value)
                counters[f"n{len(keys) - 1}"] = count(Q(**{field: value}), but=name)
        for days, start in windows.items():
            keys[f"n{len(keys)}"] = ("publie", days)
            counters[f"n{len(keys) - 1}"] = count(Q(published_at__gte=start), but="publie")
        others = self.filtered_but({*self.COLUMN_FACETS, "publie"})
        totals = self.capped(others, searching).aggregate(**counters)
        facets = {name: {} for name in (*self.COLUMN_FACETS, "publie")}
        for key, (name, value) in keys.items():
            facets[name][value] = totals[key]
        results, more = totals["results"], False
        unnumbered = searching and totals["offers"] > search.COUNT_LIMIT
        if unnumbered:  # the offers counted were cut short: the results are counted for themselves
            results, more = search.capped_count(self.filtered_but())
        return {
            "careers": careers,
            "employers": [sorted(ids) for ids in self.employers] if searching else None,
            "facets": None if unnumbered else facets,
            "unnumbered": unnumbered,
            "more_results": more,
            "results": results,
        }

    def capped(self, queryset, searching: bool):
        """A search's counts read at most ``search.COUNT_LIMIT`` offers and one more."""
        if not searching:
            return queryset
        return JobOffer.objects.filter(pk__in=queryset.values("pk")[: search.COUNT_LIMIT + 1]).order_by()

    def label_options(self, name: str, options) -> None:
        """Show ``options`` (value, label, count) as "CDI (124)" in the field's select; "CDI" when the count is
        ``None`` (not counted)."""
        field = self.form.fields[name]
        field.widget.choices = [("", field.empty_label)] + [
            (value, label if count is None else f"{label} ({number_format(count, force_grouping=True)})")
            for value, label, count in options
        ]
