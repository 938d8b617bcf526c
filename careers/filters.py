"""The one definition of the career list's filters, shared by page and API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from careers import search as career_search
from careers.models import Career, Sector
from core import search
from core.forms import NumberInput

MAX_SALARY = 10_000_000


class CareerFilter(django_filters.FilterSet):
    class Sort:
        BEST_PAID = "salaire"
        TITLE = "nom"
        CHOICES = [(BEST_PAID, _("Les mieux payés d’abord")), (TITLE, _("Par ordre alphabétique"))]

    q = search.QueryFilter(career_search.matching, placeholder=_("intitulé, compétence, secteur…"))
    secteur = django_filters.ModelChoiceFilter(
        label=_("Secteur"),
        field_name="sectors",
        to_field_name="slug",
        queryset=Sector.objects.all(),
        empty_label=_("Tous les secteurs"),
    )
    famille = django_filters.ModelChoiceFilter(
        label=_("Famille de métiers"),
        method="filter_family",
        to_field_name="slug",
        queryset=Career.objects.published().families(),
        empty_label=_("Toutes les familles"),
    )
    salaire_min = django_filters.NumberFilter(
        label=_("Salaire annuel brut minimum (€)"),
        method="filter_min_salary",
        min_value=0,
        max_value=MAX_SALARY,
        widget=NumberInput(attrs={"step": 1000, "min": 0, "inputmode": "numeric"}),
    )
    tri = django_filters.ChoiceFilter(
        label=_("Trier"), choices=Sort.CHOICES, method="sort", empty_label=None, null_value=None
    )

    class Meta:
        model = Career
        fields = []

    def filter_family(self, queryset, name, value):
        """Careers anywhere below the family, up to three levels down."""
        return queryset.filter(Q(parent=value) | Q(parent__parent=value) | Q(parent__parent__parent=value))

    def filter_min_salary(self, queryset, name, value):
        """Careers whose best French salary reaches the amount (needs ``with_pay_range``)."""
        return queryset.filter(pay_high__gte=value)

    def sort(self, queryset, name, value):
        if value == self.Sort.TITLE:
            return queryset.order_by("title", "pk")
        return queryset.best_paid()
