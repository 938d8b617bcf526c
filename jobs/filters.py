"""The one definition of the offer board's filters, shared by the page, the feeds and the future API."""

import operator
from collections import Counter
from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Case, Count, Q, Value, When
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from careers.models import Career
from jobs.models import JobOffer
from portal.forms import NumberInput
from portal.geography import Region

# Long enough for any real search; a longer one is refused with a message before reaching the database.
MAX_QUERY_LENGTH = 200
MAX_SEARCH_WORDS = 8
MAX_SALARY = 10_000_000


class JobOfferFilter(django_filters.FilterSet):
    class Sort:
        NEWEST = "date"
        BEST_PAID = "salaire"
        CHOICES = [(NEWEST, _("Les plus récentes d’abord")), (BEST_PAID, _("Les mieux payées d’abord"))]

    class Period:
        CHOICES = [("1", _("Dernières 24 heures")), ("7", _("7 derniers jours")), ("30", _("30 derniers jours"))]

    q = django_filters.CharFilter(
        label=_("Mots-clés"),
        method="search",
        max_length=MAX_QUERY_LENGTH,
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
    ville = django_filters.CharFilter(label=_("Ville"), field_name="city", lookup_expr="iexact", max_length=120)
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

    class Meta:
        model = JobOffer
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One "now" for the date filter and the date facet, so their counts agree.
        self.now = timezone.now()

    def search(self, queryset, name, value):
        """Each word must appear in the title, the employer's name or the description (accents and case ignored)."""
        return queryset.matching(value, max_words=MAX_SEARCH_WORDS)

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

    def count_facets(self) -> int:
        """Label each option with the number of offers it would give; return the number of results.

        One grouped query for every facet at once: the rows that the other
        filters (words, city, pay) let through, grouped by contract, region,
        remote work, experience, career and publication window. Each facet's
        count respects every active facet filter but its own, so a row counts
        for facet F when it fails no active facet filter other than F. With two
        or more active facets, only rows failing at most one of them are read.
        Then one small query names the published careers.
        """
        active = self.active_values()
        facets = {name: value for name, value in active.items() if name in self.FACET_TESTS}
        queryset = self.queryset.all()
        for name, value in active.items():
            if name not in self.FACET_TESTS:
                queryset = self.filters[name].filter(queryset, value)
        if len(facets) > 1:
            conditions = [self.facet_condition(name, value) for name, value in facets.items()]
            hits = sum(Case(When(condition, then=1), default=0) for condition in conditions)
            queryset = queryset.alias(facet_hits=hits).filter(facet_hits__gte=len(facets) - 1)
        groups = (
            queryset.order_by()
            .annotate(window=self.publication_window())
            .values_list(*self.FACET_COLUMNS, "window")
            .annotate(total=Count("*"))
        )

        counts = {name: Counter() for name in self.FACET_TESTS}
        results = 0
        for *row, total in groups:
            values = dict(zip(self.FACET_TESTS, row, strict=True))
            failed = [name for name, value in facets.items() if not self.FACET_TESTS[name](values[name], value)]
            if len(failed) > 1:
                continue
            for name in failed or self.FACET_TESTS:
                if name == "publie":
                    for days in self.windows_containing(values[name]):
                        counts[name][days] += total
                else:
                    counts[name][values[name]] += total
            if not failed:
                results += total

        for name in ("contrat", "region", "teletravail", "experience"):
            choices = self.filters[name].extra["choices"]
            self.label_options(name, [(value, label, counts[name][value]) for value, label in choices])
        self.label_options("publie", [(days, label, counts["publie"][days]) for days, label in self.Period.CHOICES])
        careers = Career.objects.published().order_by("title").values_list("pk", "slug", "title")
        options = [(slug, title, counts["metier"][pk]) for pk, slug, title in careers if counts["metier"][pk]]
        chosen = facets.get("metier")
        if chosen is not None and not counts["metier"][chosen.pk]:
            options.append((chosen.slug, chosen.title, 0))
        self.label_options("metier", options)
        return results

    # The filters whose options are counted, each with how a grouped row's value passes the chosen value.
    FACET_TESTS = {
        "contrat": operator.eq,
        "region": operator.eq,
        "teletravail": operator.eq,
        "experience": operator.eq,
        "metier": lambda career_id, career: career_id == career.pk,
        "publie": lambda window, days: window != 0 and window <= int(days),
    }
    # The column each of them groups by, in the same order; "publie" groups by the window annotation.
    FACET_COLUMNS = ["contract", "region", "remote", "experience", "career"]

    def facet_condition(self, name: str, value) -> Q:
        """The active facet filter as a condition, to skip rows that fail two of them."""
        if name == "publie":
            return Q(published_at__gte=self.now - timedelta(days=int(value)))
        field = {"contrat": "contract", "region": "region", "teletravail": "remote", "experience": "experience"}
        return Q(career=value) if name == "metier" else Q(**{field[name]: value})

    def publication_window(self) -> Case:
        """The smallest "published within" window (1, 7 or 30 days) an offer falls in, 0 when older."""
        whens = [
            When(published_at__gte=self.now - timedelta(days=int(days)), then=Value(int(days)))
            for days, _label in self.Period.CHOICES
        ]
        return Case(*whens, default=Value(0))

    def windows_containing(self, window: int) -> list[str]:
        """The "published within" options an offer of this window counts for: within 1 day is within 7 and 30."""
        return [days for days, _label in self.Period.CHOICES if self.FACET_TESTS["publie"](window, days)]

    def label_options(self, name: str, options) -> None:
        """Show ``options`` (value, label, count) as "CDI (124)" in the field's select."""
        field = self.form.fields[name]
        field.widget.choices = [("", field.empty_label)] + [
            (value, f"{label} ({number_format(count, force_grouping=True)})") for value, label, count in options
        ]
