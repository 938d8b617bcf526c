"""Places shared by every section: French regions and the countries we quote."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """The 18 French regions (13 in mainland France, 5 overseas), by INSEE code."""

    AUVERGNE_RHONE_ALPES = "84", "Auvergne-Rhône-Alpes"
    BOURGOGNE_FRANCHE_COMTE = "27", "Bourgogne-Franche-Comté"
    BRETAGNE = "53", "Bretagne"
    CENTRE_VAL_DE_LOIRE = "24", "Centre-Val de Loire"
    CORSE = "94", "Corse"
    GRAND_EST = "44", "Grand Est"
    HAUTS_DE_FRANCE = "32", "Hauts-de-France"
    ILE_DE_FRANCE = "11", "Île-de-France"
    NORMANDIE = "28", "Normandie"
    NOUVELLE_AQUITAINE = "75", "Nouvelle-Aquitaine"
    OCCITANIE = "76", "Occitanie"
    PAYS_DE_LA_LOIRE = "52", "Pays de la Loire"
    PROVENCE_ALPES_COTE_D_AZUR = "93", "Provence-Alpes-Côte d’Azur"
    GUADELOUPE = "01", "Guadeloupe"
    MARTINIQUE = "02", "Martinique"
    GUYANE = "03", "Guyane"
    LA_REUNION = "04", "La Réunion"
    MAYOTTE = "06", "Mayotte"


class Country(models.TextChoices):
    """Countries whose pay figures the portal quotes, by ISO 3166 code."""

    FRANCE = "FR", _("France")
    UNITED_STATES = "US", _("États-Unis")
    UNITED_KINGDOM = "GB", _("Royaume-Uni")
    GERMANY = "DE", _("Allemagne")
    SWITZERLAND = "CH", _("Suisse")
    BELGIUM = "BE", _("Belgique")
    LUXEMBOURG = "LU", _("Luxembourg")
    CANADA = "CA", _("Canada")
    NETHERLANDS = "NL", _("Pays-Bas")
    SPAIN = "ES", _("Espagne")


class Currency(models.TextChoices):
    EUR = "EUR", _("Euro (€)")
    USD = "USD", _("Dollar américain ($ US)")
    GBP = "GBP", _("Livre sterling (£)")
    CHF = "CHF", _("Franc suisse (CHF)")
    CAD = "CAD", _("Dollar canadien ($ CA)")
