"""Distances between communes in the ORM: the same expressions on PostgreSQL and SQLite, no PostGIS.

A radius query first keeps the communes inside a box around the place (an
index range on latitude, ``commune_position_idx``), then measures the
great-circle distance of those only.
"""

import math

from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt
from django.db.models.lookups import GreaterThan

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180


def distance_km(latitude: str, longitude: str, origin) -> Sin:
    """Haversine distance in km from ``origin`` (a commune with a position) to the position in the fields
    ``latitude`` and ``longitude`` (``"commune__latitude"``…)."""
    lat0, lon0 = Value(float(origin.latitude)), Value(float(origin.longitude))
    half_dlat = Radians(F(latitude) - lat0) / 2
    half_dlon = Radians(F(longitude) - lon0) / 2
    a = Power(Sin(half_dlat), 2) + Cos(Radians(lat0)) * Cos(Radians(F(latitude))) * Power(Sin(half_dlon), 2)
    # Rounding can push a past 1 for antipodes, which ASIN refuses on PostgreSQL. Not LEAST(a, 1): PostgreSQL's
    # skips a NULL, and a row without a position would be placed at the antipode instead of nowhere.
    one = Value(1.0, output_field=FloatField())
    clamped = Case(When(GreaterThan(a, one), then=one), default=a, output_field=FloatField())
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(clamped))


def bounding_box(prefix: str, origin, radius_km: float) -> Q:
    """Positions within ``radius_km`` of ``origin`` lie in this box (wider than the circle, never narrower)."""
    dlat = radius_km / KM_PER_DEGREE
    edge = min(89.0, abs(origin.latitude) + dlat)  # the edge nearer a pole, where a degree of longitude is shortest
    dlon = min(180.0, radius_km / (KM_PER_DEGREE * math.cos(math.radians(edge))))
    return Q(
        **{
            f"{prefix}latitude__gte": origin.latitude - dlat,
            f"{prefix}latitude__lte": origin.latitude + dlat,
            f"{prefix}longitude__gte": origin.longitude - dlon,
            f"{prefix}longitude__lte": origin.longitude + dlon,
        }
    )
