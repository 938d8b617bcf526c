"""French communes with their coordinates: the places that offers and programmes point to."""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.geography import Region
from core.text import search_words

# "Lyon 3e", "Lyon 03", "Paris 1er arrondissement", "Marseille 13ème": the arrondissement's number.
ARRONDISSEMENT = re.compile(r"^(paris|lyon|marseille) 0?(\d{1,2})(?: ?(?:e|er|eme|ieme|em))?(?: arrondissement)?$")
POSTCODE = re.compile(r"^\d{5}$")
# Paris, Lyon, Marseille: the communes whose arrondissements are communes of their own in the file.
CITIES_WITH_ARRONDISSEMENTS = {"75056", "69123", "13055"}
MAX_HOMONYMS = 100  # read to count the others; no French name is shared by more (Saint-Martin: 20 or so)
# "Saint-Denis (93)", "Saint-Denis 974" once folded ("saint denis 93"): a name narrowed to a département.
WITH_DEPARTMENT = re.compile(r"^(?P<name>.+) (?P<department>\d[\dab]|\d{3})$")


def name_key(text: str) -> str:
    """What a commune's name is compared on: folded, punctuation as spaces, an arrondissement as "lyon 3".

    "Saint-Étienne", "saint etienne" and "SAINT ÉTIENNE" share one key.
    """
    key = " ".join(search_words(text))
    match = ARRONDISSEMENT.match(key)
    if match:
        return f"{match[1]} {int(match[2])}"
    return key


@dataclass(frozen=True)
class Place:
    """A commune chosen from what someone typed, and what they should be told about the choice."""

    commune: "Commune"
    typed: str
    others: int = 0  # communes that matched too: the most populous was chosen
    alternatives: tuple[str, ...] = ()  # the first of them, as "Saint-Denis (93)"

    def __str__(self):
        return self.commune.code

    @property
    def commune_ids(self) -> list[int]:
        """The commune and, for Paris, Lyon and Marseille, its arrondissements."""
        return [self.commune.pk, *self.commune.arrondissement_ids]


class CommuneQuerySet(models.QuerySet):
    def matching(self, text: str):
        """Communes matching a name, a postcode (69100), an arrondissement ("Lyon 3e") or "Name (dép.)",
        most populous first."""
        key = name_key(text)
        if POSTCODE.match(key):
            found = self.filter(postcodes__contains=f" {key} ")
            # 69003 is Lyon 3e, not Lyon, which holds every postcode of its arrondissements.
            found = found.exclude(pk__in=found.filter(parent__isnull=False).values("parent"))
            return found.order_by(models.F("population").desc(nulls_last=True), "code")
        found = self.filter(key=key)
        narrowed = WITH_DEPARTMENT.match(key)
        if narrowed and not found.exists():
            found = self.filter(key=narrowed["name"], department=narrowed["department"].upper())
        return found.order_by(models.F("population").desc(nulls_last=True), "code")

    def resolve(self, text: str) -> Place | None:
        """The commune someone meant by ``text`` (the most populous of several), or ``None``."""
        communes = list(self.matching(text)[:MAX_HOMONYMS])
        if not communes:
            return None
        commune = communes[0]
        if commune.code in CITIES_WITH_ARRONDISSEMENTS:
            commune.arrondissement_ids = list(self.filter(parent=commune).values_list("pk", flat=True))
        alternatives = tuple(str(other) for other in communes[1:4])
        return Place(commune=commune, typed=text, others=len(communes) - 1, alternatives=alternatives)

    def best_for(self, city: str, region: str = "") -> "Commune | None":
        """The commune a free-text city names, in ``region`` when given: how stored offers get a place."""
        communes = self.matching(city)
        if region:
            in_region = communes.filter(region=region)
            if in_region.exists():
                communes = in_region
        return communes.first()


class Commune(models.Model):
    """A commune of France (or an arrondissement of Paris, Lyon, Marseille) from the official geographic code,
    loaded by ``manage.py load_communes`` from ``places/data/communes.csv``; never edited by hand."""

    code = models.CharField(_("code INSEE"), max_length=5, unique=True)
    name = models.CharField(_("nom"), max_length=120)
    # name_key(name): what ?ville= is compared with.
    key = models.CharField(_("nom normalisé"), max_length=120, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("commune"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="arrondissements",
        help_text=_("Pour un arrondissement de Paris, Lyon ou Marseille."),
    )
    # " 69001 69002 ": spaced so that a postcode is found whole.
    postcodes = models.CharField(_("codes postaux"), max_length=400, blank=True)
    department = models.CharField(_("département"), max_length=3)
    region = models.CharField(_("région"), max_length=2, choices=Region.choices, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["key", "code"]
        indexes = [
            # ?rayon=: the bounding box around the chosen place (places.geo.near).
            models.Index(fields=["latitude", "longitude"], name="commune_position_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="commune_position_valid",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.department})"

    arrondissement_ids: list[int] = []

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None
