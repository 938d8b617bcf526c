"""Check constraints the apps declare on their figures."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def low_lte_high(prefix: str, name: str, message, low: str = "", high: str = ""):
    """A check that ``<prefix>_low`` (or ``low``) is at most ``<prefix>_high`` (or ``high``) when both are set."""
    low, high = low or f"{prefix}_low", high or f"{prefix}_high"
    return models.CheckConstraint(
        condition=Q(**{f"{low}__isnull": True}) | Q(**{f"{high}__isnull": True}) | Q(**{f"{low}__lte": F(high)}),
        name=name,
        violation_error_message=message,
    )


def not_negative(fields: list[str], name: str, message):
    condition = Q()
    for field_name in fields:
        condition &= Q(**{f"{field_name}__isnull": True}) | Q(**{f"{field_name}__gte": 0})
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)


def rate_0_100(field_name: str, name: str):
    return models.CheckConstraint(
        condition=Q(**{f"{field_name}__isnull": True}) | Q(**{f"{field_name}__gte": 0, f"{field_name}__lte": 100}),
        name=name,
        violation_error_message=_("Un taux est compris entre 0 et 100 %%."),
    )
