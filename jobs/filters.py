"""The one definition of the offer board's filters, shared by the page, the feeds and the future API."""

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Count, Q
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

    # Choice filters whose options show how many offers they would give, and the column they group by.
    FACETS = {"contrat": "contract", "region": "region", "teletravail": "remote", "experience": "experience"}

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

    def queryset_without(self, excluded: str):
        """The rows every active filter but ``excluded`` lets through: what that filter's options count."""
        queryset = self.queryset.all()
        for name, value in self.active_values().items():
            if name != excluded:
                queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    def count_facets(self) -> int:
        """Label each option with the number of offers it would give; return the number of results.

        One grouped query per facet, each respecting the other active filters.
        The date facet's query also counts the results, so the paginator
        need not count them again.
        """
        active = self.active_values()
        for name, column in self.FACETS.items():
            counts = dict(self.queryset_without(name).values_list(column).annotate(total=Count("*")))
            choices = self.filters[name].extra["choices"]
            self.label_options(name, [(value, label, counts.get(value, 0)) for value, label in choices])

        careers = (
            self.queryset_without("metier")
            .filter(career__status=Career.Status.PUBLISHED)
            .values_list("career__slug", "career__title")
            .annotate(total=Count("*"))
            .order_by("career__title")
        )
        options = list(careers)
        chosen = active.get("metier")
        if chosen is not None and chosen.slug not in {slug for slug, _title, _count in options}:
            options.append((chosen.slug, chosen.title, 0))
        self.label_options("metier", options)

        windows = {
            f"within_{days}": Count("published_at", filter=Q(published_at__gte=self.now - timedelta(days=int(days))))
            for days, _label in self.Period.CHOICES
        }
        dates = self.queryset_without("publie").aggregate(all=Count("*"), **windows)
        self.label_options("publie", [(days, label, dates[f"within_{days}"]) for days, label in self.Period.CHOICES])
        return dates[f"within_{active['publie']}"] if "publie" in active else dates["all"]

    def label_options(self, name: str, options) -> None:
        """Show ``options`` (value, label, count) as "CDI (124)" in the field's select."""
        field = self.form.fields[name]
        field.widget.choices = [("", field.empty_label)] + [
            (value, f"{label} ({number_format(count, force_grouping=True)})") for value, label, count in options
        ]
