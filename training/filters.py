"""The one definition of the programme list's filters, shared by page and API.

Parameter names are French because they are what people share in URLs.
"""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from careers.models import Career
from core import search
from core.forms import NumberInput
from core.geography import Region
from places.filters import DISTANCE_CHOICE, PlaceFilter, PlaceFilterMixin, RadiusFilter, RemoteFilter
from training import search as training_search
from training.models import DAYS_PER_MONTH, PUBLISHED, City, Path, Programme

MAX_PRICE = 1_000_000
MAX_MONTHS = 120
MAX_HOURS = 10_000
DEPARTMENT_CODE = RegexValidator(r"^(?:\d{2,3}|2[ABab])$", _("Un département s’écrit avec son code : 75, 2A, 974."))
YES, NO = "oui", "non"
YES_NO = [(YES, _("Oui")), (NO, _("Non"))]


class ProgrammeFilter(PlaceFilterMixin, django_filters.FilterSet):
    class Sort:
        PRICE = "prix"
        DURATION = "duree"
        NEXT_START = "rentree"
        CHOICES = [
            DISTANCE_CHOICE,
            (PRICE, _("Les moins chères d’abord")),
            (DURATION, _("Les plus courtes d’abord")),
            (NEXT_START, _("Prochaine rentrée d’abord")),
        ]

    q = search.QueryFilter(training_search.matching, placeholder=_("intitulé, école, parcours, ville…"))
    parcours = django_filters.ModelChoiceFilter(
        label=_("Parcours"),
        field_name="path",
        to_field_name="slug",
        queryset=Path.objects.published(),
        empty_label=_("Tous les parcours"),
    )
    metier = django_filters.ModelChoiceFilter(
        label=_("Métier visé"),
        field_name="careers",
        to_field_name="slug",
        queryset=Career.objects.published().filter(programmes__status=PUBLISHED).distinct().order_by("title"),
        empty_label=_("Tous les métiers"),
    )
    cpf = django_filters.ChoiceFilter(
        label=_("Éligible au CPF"),
        field_name="cpf_eligible",
        choices=YES_NO,
        method="filter_yes_no",
        empty_label=_("Indifférent"),
    )
    alternance = django_filters.ChoiceFilter(
        label=_("En alternance"),
        field_name="work_study",
        choices=YES_NO,
        method="filter_yes_no",
        empty_label=_("Indifférent"),
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=Programme.Format.choices, empty_label=_("Tous les formats")
    )
    rythme = django_filters.ChoiceFilter(
        label=_("Rythme"), field_name="rhythm", choices=Programme.Rhythm.choices, empty_label=_("Tous les rythmes")
    )
    ville = PlaceFilter()
    rayon = RadiusFilter()
    ou_a_distance = RemoteFilter(label=_("… ou à distance"))
    prix_max = django_filters.NumberFilter(
        label=_("Prix maximum (€)"),
        method="filter_max_price",
        min_value=0,
        max_value=MAX_PRICE,
        widget=NumberInput(attrs={"step": 500, "min": 0, "inputmode": "numeric"}),
    )
    sans_prix = django_filters.BooleanFilter(
        label=_("Inclure les formations sans prix communiqué"),
        method="filter_without_price",
        widget=forms.CheckboxInput,
    )
    duree_max = django_filters.NumberFilter(
        label=_("Durée maximum (mois)"),
        method="filter_max_duration",
        min_value=0,
        max_value=MAX_MONTHS,
        widget=NumberInput(attrs={"step": 1, "min": 0, "max": MAX_MONTHS, "inputmode": "numeric"}),
    )
    region = django_filters.ChoiceFilter(label=_("Région"), choices=Region.choices, empty_label=_("Toutes les régions"))
    departement = django_filters.CharFilter(
        label=_("Département (code)"),
        method="filter_department",
        max_length=3,
        validators=[DEPARTMENT_CODE],
        widget=forms.TextInput(attrs={"size": 4, "autocomplete": "off"}),
    )
    heures_max = django_filters.NumberFilter(
        label=_("Volume horaire maximum (heures)"),
        field_name="duration_hours",
        lookup_expr="lte",
        min_value=0,
        max_value=MAX_HOURS,
        widget=NumberInput(attrs={"step": 35, "min": 0, "inputmode": "numeric"}),
    )
    rncp = django_filters.ChoiceFilter(
        label=_("Niveau RNCP atteint, au moins"),
        choices=[(str(value), label) for value, label in Programme.RncpLevel.choices],
        method="filter_rncp_level",
        empty_label=_("Tous les niveaux RNCP"),
    )
    a_distance = django_filters.ChoiceFilter(
        label=_("Se suit à distance"),
        choices=[(YES, _("Oui"))],
        method="filter_remote",
        empty_label=_("Indifférent"),
    )
    niveau = django_filters.ChoiceFilter(
        label=_("Mon niveau d’études"),
        choices=Programme.EntryLevel.choices,
        method="filter_entry_level",
        empty_label=_("Tous les niveaux"),
    )
    tri = django_filters.ChoiceFilter(
        label=_("Trier"), choices=Sort.CHOICES, method="sort", empty_label=None, null_value=None
    )

    # places.filters: a programme is in each of its cities; "à distance" as a_distance reads it.
    place_through = (City, "programmes", "commune__")
    remote_condition = Q(remote_possible=True) | Q(format=Programme.Format.ONLINE)
    place_order = (F("price").asc(nulls_last=True), "title", "pk")

    class Meta:
        model = Programme
        fields = []

    def filter_yes_no(self, queryset, name, value):
        """ "non" keeps only programmes known not to offer it; unknown ones answer neither."""
        return queryset.filter(**{name: value == YES})

    def filter_max_price(self, queryset, name, value):
        """Programmes whose lowest known price fits; with ``sans_prix``, those without a price too."""
        fits = Q(price__lte=value)
        if self.form.cleaned_data.get("sans_prix"):
            fits |= Q(price__isnull=True)
        return queryset.filter(fits)

    def filter_without_price(self, queryset, name, value):
        """Read by ``filter_max_price``: alone, it changes nothing."""
        return queryset

    def unpriced_left_out(self) -> int | None:
        """How many programmes matching every other filter the maximum price left out for want of a price.

        ``None`` when no maximum price applies (or the visitor already includes them): nothing to say.
        """
        if not self.is_bound or not self.is_valid():
            return None
        data = self.form.cleaned_data
        if data.get("prix_max") is None or data.get("sans_prix"):
            return None
        others = self.data.copy()
        others.pop("prix_max", None)
        rest = type(self)(others, queryset=self.queryset, request=self.request)
        return rest.qs.filter(price__isnull=True).order_by().count()

    def filter_rncp_level(self, queryset, name, value):
        """Programmes leading at least to this RNCP level; those without a level drop out."""
        return queryset.filter(rncp_level__gte=int(value))

    def filter_department(self, queryset, name, value):
        return queryset.filter(department=value.upper())

    def filter_remote(self, queryset, name, value):
        """Programmes with at least one session at a distance, and those given only at a distance."""
        return queryset.filter(Q(remote_possible=True) | Q(format=Programme.Format.ONLINE))

    def filter_max_duration(self, queryset, name, value):
        """Programmes lasting at most this many months (weeks are converted); unknown durations drop out."""
        return queryset.filter(duration_days__lte=value * DAYS_PER_MONTH)

    def filter_entry_level(self, queryset, name, value):
        """Programmes open at this level of study: a bac+3 may enter a programme asking for the bac."""
        levels = Programme.EntryLevel.values
        return queryset.filter(entry_level__in=levels[: levels.index(value) + 1])

    def sort(self, queryset, name, value):
        if value == self.Sort.DURATION:
            return queryset.order_by(F("duration_days").asc(nulls_last=True), "title", "pk")
        if value == self.Sort.NEXT_START:
            return queryset.order_by(F("next_start").asc(nulls_last=True), "title", "pk")
        return queryset.order_by(F("price").asc(nulls_last=True), "title", "pk")
