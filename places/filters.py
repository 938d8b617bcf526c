"""The place filters every list shares: ``ville``, ``rayon`` and "ou à distance", one definition for page and API.

A list's FilterSet takes ``PlaceFilterMixin`` first among its bases and
declares the three filters (``PlaceFilter``, ``RadiusFilter``,
``RemoteFilter``) where its form shows them; it says where its rows' commune
is (``place_prefix``, or ``place_through`` for rows placed through a
to-many relation) and what "à distance" means for them (``remote_condition``).
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.pagination import ids_first
from places.geo import bounding_box, distance_km
from places.models import Commune, Place

RADII = [10, 20, 50, 100]
RADIUS_CHOICES = [(str(km), _("%(km)s km") % {"km": km}) for km in RADII]
DISTANCE = "distance"
# Prepended to a list's sort choices: the list's own order stands when no place is chosen.
DISTANCE_CHOICE = (DISTANCE, _("Les plus proches d’abord (avec une ville)"))
YES = "oui"


class PlaceField(forms.CharField):
    """A commune as people type it: "Villeurbanne", "69100", "Lyon 3e", "Saint-Denis (93)"; cleaned to a
    ``Place``."""

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        place = Commune.objects.resolve(text)
        if place is None:
            raise ValidationError(
                _(
                    "Commune inconnue : « %(text)s ». Tapez le nom d’une commune (Villeurbanne), "
                    "un code postal (69100) ou un arrondissement (Lyon 3e)."
                ),
                code="unknown_place",
                params={"text": text[:120]},
            )
        return place


class PlaceFilter(django_filters.CharFilter):
    field_class = PlaceField

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Ville ou code postal"))
        kwargs.setdefault("method", "filter_place")
        kwargs.setdefault("max_length", 120)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"placeholder": _("Lyon, 69100, Lyon 3e…"), "autocomplete": "off"})
        )
        super().__init__(**kwargs)


class RadiusFilter(django_filters.ChoiceFilter):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Dans un rayon de"))
        kwargs.setdefault("choices", RADIUS_CHOICES)
        kwargs.setdefault("empty_label", _("La commune seule"))
        kwargs.setdefault("method", "filter_with_place")
        super().__init__(**kwargs)


class YesBox(forms.CheckboxInput):
    """A checkbox sending "oui": its value reaches the field as sent, so "non" is refused rather than read
    as ticked."""

    def __init__(self):
        super().__init__(check_test=lambda value: value == YES)

    def format_value(self, value):
        return YES  # ticked or not, the box sends "oui"

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


class RemoteFilter(django_filters.ChoiceFilter):
    """With a place, rows worked or followed from anywhere are kept too."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", [(YES, _("Oui"))])
        kwargs.setdefault("method", "filter_with_place")
        kwargs.setdefault("widget", YesBox())
        super().__init__(**kwargs)


class PlaceFormMixin:
    """A radius needs a place with a position: said next to the radius, never a 500."""

    def clean(self):
        data = super().clean()
        place, radius = data.get("ville"), data.get("rayon")
        if radius and "ville" not in self.errors:
            if place is None:
                self.add_error("rayon", _("Choisissez une ville pour chercher dans un rayon."))
            elif not place.commune.has_position:
                self.add_error(
                    "rayon",
                    _(
                        "La position de %(commune)s n’est pas connue : cherchez sans rayon, "
                        "ou depuis une commune voisine plus grande."
                    )
                    % {"commune": place.commune},
                )
        return data


class PlaceFilterMixin:
    place_prefix = "commune__"  # from a row to its commune's fields
    place_through = None  # or (model, lookup to the row, path to its commune): places reached through a to-many
    remote_condition = Q(pk__in=[])
    place_order = ("-pk",)  # after the distance

    def get_form_class(self):
        form_class = super().get_form_class()
        return type(form_class.__name__, (PlaceFormMixin, form_class), {})

    @property
    def place(self) -> Place | None:
        """The commune chosen from ``ville``, when valid."""
        if not self.is_bound:
            return None
        self.form.is_valid()  # validates once; an invalid ville stays out of cleaned_data
        return self.form.cleaned_data.get("ville")

    @property
    def place_note(self) -> str:
        return place_note(self.place)

    def filter_with_place(self, queryset, name, value):
        """``rayon`` and "ou à distance" act through ``filter_place``, alone they filter nothing."""
        return queryset

    def filter_place(self, queryset, name, place):
        """Rows in the commune (and its arrondissements), or within ``rayon`` km of it; with "ou à distance",
        the remote ones too. Annotates ``place_distance`` (km) when the commune has a position."""
        commune = place.commune
        radius = self.form.cleaned_data.get("rayon")
        radius = int(radius) if radius and commune.has_position else None
        if self.place_through is None:
            prefix = self.place_prefix
            if commune.has_position:
                queryset = queryset.alias(
                    place_distance=distance_km(f"{prefix}latitude", f"{prefix}longitude", commune)
                )
            if radius:
                near = bounding_box(prefix, commune, radius) & Q(place_distance__lte=radius)
            else:
                near = Q(**{f"{prefix}in": place.commune_ids})
        else:
            model, to_row, prefix = self.place_through
            places = model.objects.filter(**{to_row: OuterRef("pk")})
            if radius:
                places = places.filter(bounding_box(prefix, commune, radius))
            else:
                places = places.filter(**{f"{prefix}in": place.commune_ids})
            if commune.has_position:
                places = places.annotate(km=distance_km(f"{prefix}latitude", f"{prefix}longitude", commune))
                if radius:
                    places = places.filter(km__lte=radius)
                queryset = queryset.alias(place_distance=Subquery(places.order_by("km").values("km")[:1]))
                near = Q(place_distance__isnull=False)
            else:
                near = Q(Exists(places))
        if self.form.cleaned_data.get("ou_a_distance") == YES:
            near |= self.remote_condition
        return queryset.filter(near)

    def filter_queryset(self, queryset):
        """With a place that has a position: each row's distance (``distance``, km, ``None`` for a remote row
        elsewhere), nearest first unless another sort is asked for."""
        queryset = super().filter_queryset(queryset)
        place = self.place
        if place is None or not place.commune.has_position:
            return queryset
        queryset = queryset.annotate(distance=F("place_distance"))
        if self.form.cleaned_data.get("tri") in (None, "", DISTANCE):
            # Every row in the circle is sorted: the page reads their ids from the index, then its own rows.
            queryset = ids_first(queryset.order_by(F("distance").asc(nulls_last=True), *self.place_order))
        return queryset


def place_note(place: Place | None) -> str:
    """What to tell someone whose words named several communes."""
    if place is None or not place.others:
        return ""
    return ngettext(
        "« %(typed)s » désigne aussi une autre commune, %(alternatives)s : voici %(commune)s, la plus peuplée. "
        "Pour l’autre, tapez « %(example)s ».",
        "« %(typed)s » désigne aussi %(others)s autres communes (%(alternatives)s…) : voici %(commune)s, la plus "
        "peuplée. Pour une autre, tapez son nom et son département, comme « %(example)s ».",
        place.others,
    ) % {
        "typed": place.typed[:120],
        "others": place.others,
        "commune": place.commune,
        "alternatives": ", ".join(place.alternatives),
        "example": place.alternatives[0],
    }
