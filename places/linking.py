"""Give rows that name their city in free text ("Lyon", "Saint-Denis") the commune it names."""

from django.db import transaction

from core.signals import content_changed
from places.models import Commune


def link(queryset, city_field: str = "city", region_field: str | None = None) -> int:
    """Set ``commune`` on the rows of ``queryset`` that have none, from their city (and region, to choose
    between homonyms); one lookup and one update per distinct city. Return the number of rows placed."""
    fields = [city_field, *([region_field] if region_field else [])]
    pending = queryset.filter(commune__isnull=True).exclude(**{city_field: ""})
    placed = 0
    with transaction.atomic():
        for values in pending.order_by().values_list(*fields).distinct():
            city, region = values[0], values[1] if region_field else ""
            commune = Commune.objects.best_for(city, region)
            if commune is not None:
                placed += pending.filter(**dict(zip(fields, values, strict=True))).update(commune=commune)
    if placed:
        content_changed.send(sender=queryset.model)  # update() sends no per-row signal
    return placed
