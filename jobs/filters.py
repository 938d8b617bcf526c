"""The one definition of the offer board's filters, shared by the page, the feeds and the future API."""

from collections import Counter
from datetime import timedelta
from functools import reduce
from math import ceil
from operator import or_

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Case, Count, Q, Value, When
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from careers.models import Career
from core.forms import NumberInput
from core.geography import Region
from core.text import search_words
from jobs import facet_tally
from jobs.models import JobOffer

# Long enough for any real search; a longer one is refused with a message before reaching the database.
MAX_QUERY_LENGTH = 200
MAX_SEARCH_WORDS = 8
MAX_SALARY = 10_000_000
# A search for a common word finds most of the board ("data": 62 % of the demo offers), and numbering its
# options would read every offer it finds: 0.6 s at 1 000 000 offers. Past this many offers to read, a
# search's options go unnumbered, its total reads "plus de 1 000" and its list stops there: the cost of a
# search stays bounded whatever its words find.
SEARCH_COUNT_LIMIT = 1000


def plain_rows(queryset) -> list[tuple]:
    """The rows of a ``values_list`` queryset as the database driver returns them.

    For thousands of grouped rows of plain strings and integers, Django's
    per-value converters cost more than the tally that reads them.
    """
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def has_words(value: str) -> None:
    if not search_words(value):
        raise ValidationError(_("Tapez des lettres ou des chiffres : la ponctuation seule ne se cherche pas."))


class JobOfferFilter(django_filters.FilterSet):
    class Sort:
        NEWEST = "date"
        BEST_PAID = "salaire"
        CHOICES = [(NEWEST, _("Les plus récentes d’abord")), (BEST_PAID, _("Les mieux payées d’abord"))]

    class Period:
        CHOICES = [("1", _("Dernières 24 heures")), ("7", _("7 derniers jours")), ("30", _("30 derniers jours"))]

    # The facets counted in the grouped query (or read from jobs.facet_tally), and the field each one groups by,
    # in the tally's order.
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
    ville = django_filters.CharFilter(label=_("Ville"), method="filter_city", max_length=120)
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
        # Set by count_facets: a search found too many offers to number its options (SEARCH_COUNT_LIMIT), and
        # whether its results themselves are more than the limit (then the list shows the first ones).
        self.unnumbered = False
        self.more_results = False
        self.count_limit = SEARCH_COUNT_LIMIT
        # The ids of a search's offers, when count_facets found at most SEARCH_COUNT_LIMIT of them.
        self.found_ids = None

    def search(self, queryset, name, value, among=None):
        """Each word must appear in the title, the employer's name or the description (accents and case ignored).

        ``among`` as in ``JobOfferQuerySet.matching``."""
        return queryset.matching(value, max_words=MAX_SEARCH_WORDS, among=among)

    def filter_city(self, queryset, name, value):
        """The city in any case, as ``UPPER(city) = UPPER(value)`` on every database: the expression that
        leads ``job_offer_city_idx``. (``iexact`` is a LIKE on SQLite, which no index serves: every open
        offer was read.)"""
        return queryset.alias(city_key=Upper("city")).filter(city_key=Upper(Value(value)))

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

    def listed(self):
        """The offers the list shows: those every filter lets through, in the chosen order.

        After ``count_facets`` has found a search's offers (at most
        ``SEARCH_COUNT_LIMIT``), they are read by id rather than by matching
        the words again.
        """
        if self.found_ids is None:
            return self.qs
        return self.sort(self.queryset.filter(pk__in=self.found_ids), "tri", self.active_values().get("tri"))

    def filtered_but(self, excluded, among=None):
        """The rows every active filter but those named in ``excluded`` lets through: what their options count.

        ``among`` is passed on to the search (``JobOfferQuerySet.matching``)."""
        queryset = self.queryset.all()
        for name, value in self.active_values().items():
            if name in excluded:
                continue
            if name == "q":
                queryset = self.search(queryset, name, value, among=among)
            else:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def count_facets(self) -> int:
        """Label each option with the number of offers it would give; return the number of results.

        Each facet's counts respect every active filter but its own, over the
        open offers (this filter set's queryset on the board). At most three
        queries whatever the filters: the column facets (contract, region,
        remote work, experience, career); the date facet; the names of the
        published careers.

        With no filter but column facets, the column facets come from the
        tallies the database keeps (``jobs.facet_tally``), and with none at
        all the date facet too, in the same query. Otherwise the column facets
        are counted in one grouped query, where a group counts for facet F
        when it fails no active column filter but F's (with two or more of
        them active, only rows failing at most one are read), and the date
        facet over the last 30 days only (an index range). A search reads
        its offers one by one, at most ``SEARCH_COUNT_LIMIT`` of them: past
        that, ``count_broad_search`` leaves the options unnumbered.
        """
        active = self.active_values()
        chosen = {name: value for name, value in active.items() if name in self.COLUMN_FACETS}
        # The same choices as the tallies key them: by offer field, a career by its pk.
        chosen_fields = {self.COLUMN_FACETS[name]: getattr(value, "pk", value) for name, value in chosen.items()}
        names = list(self.COLUMN_FACETS)
        dates = None
        if set(active) <= {*self.COLUMN_FACETS, "tri"}:
            # Nothing chosen but column facets: the counts kept ahead of time say it all, the date facet's too
            # when nothing is chosen at all.
            tallied = facet_tally.counts(chosen_fields, since=None if chosen else self.date_windows())
            by_position, results, dates = tallied.by_field, tallied.results, tallied.since or None
        else:
            windows = {} if "publie" in active else self.date_windows()
            if "q" in active:
                # A search reads at most the limit and one more offers, first those it finds, then those
                # its options count (one row each): past the limit, its options go unnumbered. Under it, the
                # list shows the offers found by id: their words are not matched a third time. On SQLite,
                # the tally says how many offers the other filters let through, so that few are read by
                # their text rather than through the words' index.
                passing, near = (
                    facet_tally.reach(chosen_fields)
                    if connections[self.queryset.db].vendor == "sqlite"
                    else (None, None)
                )
                found = list(
                    self.filtered_but((), among=passing)
                    .order_by()
                    .values_list("pk", flat=True)[: SEARCH_COUNT_LIMIT + 1]
                )
                if len(found) > SEARCH_COUNT_LIMIT:
                    return self.count_broad_search(len(found))
                self.found_ids = found
                # The date facet in the same pass: a search reads its words once, not twice.
                flags = self.window_flags(windows)
                columns = self.near_misses(chosen, among=self.text_reads(len(found), passing, near))
                groups = plain_rows(columns.annotate(total=Value(1), **flags)[: SEARCH_COUNT_LIMIT + 1])
                if len(groups) > SEARCH_COUNT_LIMIT:
                    return self.count_broad_search(len(found))
                if "publie" in active:  # the date facet's offers, read the same way
                    dates = self.count_search_dates(among=passing)
                    if dates is None:
                        return self.count_broad_search(len(found))
            else:
                counted = {
                    f"within_{days}": Count("published_at", filter=Q(published_at__gte=start))
                    for days, start in windows.items()
                }
                groups = plain_rows(self.near_misses(chosen).annotate(total=Count("*"), **counted))
            wanted = [(names.index(name), getattr(value, "pk", value)) for name, value in chosen.items()]
            by_position, results, in_windows = self.tally(groups, wanted, len(names), len(windows))
            dates = dict(zip(windows, in_windows, strict=True)) or dates
        counts = dict(zip(names, by_position, strict=True))

        for name in ("contrat", "region", "teletravail", "experience"):
            choices = self.filters[name].extra["choices"]
            self.label_options(name, [(value, label, counts[name][value]) for value, label in choices])
        careers = Career.objects.published().order_by("title").values_list("pk", "slug", "title")
        options = [(slug, title, counts["metier"][pk]) for pk, slug, title in careers if counts["metier"][pk]]
        career = chosen.get("metier")
        if career is not None and not counts["metier"][career.pk]:
            options.append((career.slug, career.title, 0))
        self.label_options("metier", options)
        self.count_dates(dates)
        return results

    def near_misses(self, chosen: dict, among=None):
        """The offers the column facets' options count, as rows of their five columns: those every filter
        lets through but the column facets', failing at most one of the ``chosen`` column facets.

        ``among`` as for the search."""
        others = self.filtered_but(self.COLUMN_FACETS, among=among)
        if len(chosen) > 1:
            # Failing at most one: passing all but the first, or all but the second… Each term reads an
            # index (contract, region…), where a sum of matches read every open offer.
            conditions = [Q(**{self.COLUMN_FACETS[name]: value}) for name, value in chosen.items()]
            all_but_one = [Q(*conditions[:index], *conditions[index + 1 :]) for index in range(len(conditions))]
            others = others.filter(reduce(or_, all_but_one))
        return others.order_by().values_list(*self.COLUMN_FACETS.values())

    @staticmethod
    def text_reads(found: int, passing: int | None, near: int | None) -> int | None:
        """How many offers a search's options query would read by their text before it has the limit and one
        more: the ``near`` ones it may count at most, fewer when the words are common, judging by the share
        of the ``passing`` ones (every filter but the words') that hold them, ``found``."""
        if near is None or not found:
            return near
        return min(near, ceil((SEARCH_COUNT_LIMIT + 1) * max(passing, found) / found))

    def count_broad_search(self, found: int) -> int:
        """A search with more offers to read than ``SEARCH_COUNT_LIMIT``: its options unnumbered, its results
        ``found`` up to the limit, one more saying there are more."""
        self.unnumbered = True
        self.more_results = found > SEARCH_COUNT_LIMIT
        for name in ("contrat", "region", "teletravail", "experience"):
            self.label_options(name, [(value, label, None) for value, label in self.filters[name].extra["choices"]])
        careers = Career.objects.published().order_by("title").values_list("slug", "title")
        self.label_options("metier", [(slug, title, None) for slug, title in careers])
        self.label_options("publie", [(days, label, None) for days, label in self.Period.CHOICES])
        return min(found, SEARCH_COUNT_LIMIT)

    @staticmethod
    def tally(groups, wanted, width: int, windows: int = 0) -> tuple[list[Counter], int, list[int]]:
        """Per column, the offers each value would give; the offers every filter lets through; and of those,
        the offers in each publication window.

        ``groups`` are ``(value per column…, offers, offers per window…)``;
        ``wanted`` the ``(column, chosen value)`` of each active column
        filter. A group passing them all counts in every column, in the
        results and in the windows; a group failing exactly one counts only in
        that column; any other, nowhere. A plain loop: at 100 000 offers it
        runs over some 8 000 groups.
        """
        counts = [Counter() for _ in range(width)]
        results = 0
        in_windows = [0] * windows
        for row in groups:
            total = row[width]
            failed = None
            for position, value in wanted:
                if row[position] != value:
                    if failed is not None:
                        break
                    failed = position
            else:
                if failed is None:
                    results += total
                    for position in range(width):
                        counts[position][row[position]] += total
                    for window in range(windows):
                        in_windows[window] += row[width + 1 + window]
                else:
                    counts[failed][row[failed]] += total
        return counts, results, in_windows

    def date_windows(self) -> dict[str, object]:
        """Each "published within" option's start."""
        return {days: self.now - timedelta(days=int(days)) for days, _label in self.Period.CHOICES}

    def count_dates(self, dates: dict[str, int] | None = None) -> None:
        """Label the "published within" options with the offers every other filter lets through.

        ``dates`` when the tallies have counted them already. Otherwise the
        widest window bounds the query, so it reads an index range, not every
        open offer.
        """
        if dates is None:
            since = self.date_windows()
            # The publication date counted, not the id: every row in a window has one, and the facets' index
            # holds it, where it lacks the id. PostgreSQL then reads the index alone instead of each offer's
            # row (contrat=cdi at 1 000 000 offers: 305 → 38 ms).
            windows = {days: Count("published_at", filter=Q(published_at__gte=start)) for days, start in since.items()}
            dates = (
                self.filtered_but({"publie"})
                .order_by()
                .filter(published_at__gte=min(since.values()))
                .aggregate(**windows)
            )
        self.label_options("publie", [(days, label, dates[days]) for days, label in self.Period.CHOICES])

    @staticmethod
    def window_flags(windows: dict[str, object]) -> dict:
        """Per publication window, 1 for an offer published within it: what a search's rows carry, one per offer."""
        return {
            f"within_{days}": Case(When(published_at__gte=start, then=1), default=0) for days, start in windows.items()
        }

    def count_search_dates(self, among=None) -> dict[str, int] | None:
        """A search's date facet with a date chosen: the offers of the widest window every other filter lets
        through, one row each, at most ``SEARCH_COUNT_LIMIT``; ``None`` past it. ``among`` as for the search."""
        since = self.date_windows()
        flags = self.window_flags(since)
        rows = plain_rows(
            self.filtered_but({"publie"}, among=among)
            .order_by()
            .filter(published_at__gte=min(since.values()))
            .annotate(**flags)
            .values_list(*flags)[: SEARCH_COUNT_LIMIT + 1]
        )
        if len(rows) > SEARCH_COUNT_LIMIT:
            return None
        return {days: sum(row[position] for row in rows) for position, days in enumerate(since)}

    def label_options(self, name: str, options) -> None:
        """Show ``options`` (value, label, count) as "CDI (124)" in the field's select; "CDI" when the count is
        ``None`` (not counted)."""
        field = self.form.fields[name]
        field.widget.choices = [("", field.empty_label)] + [
            (value, label if count is None else f"{label} ({number_format(count, force_grouping=True)})")
            for value, label, count in options
        ]
