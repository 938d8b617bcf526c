"""What the API says of places."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field({"type": "number", "format": "float", "nullable": True})
class DistanceField(serializers.Field):
    """The distance (km, one decimal) from the place chosen with ``ville``; ``null`` without one."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault(
            "help_text", "Distance en km (à vol d’oiseau) depuis la commune choisie avec ville ; null sans elle."
        )
        super().__init__(**kwargs)

    def to_representation(self, row):
        km = getattr(row, "distance", None)
        return None if km is None else round(km, 1)
