"""Give rows that name their city in free text ("Lyon", "Saint-Denis") the commune it names."""

from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery

from core.signals import content_changed
from places.models import Commune


def link(queryset, city_field: str = "city", region_field: str | None = None, code_field: str | None = None) -> int:
    """Set ``commune`` on the rows of ``queryset`` that have none: from their INSEE code (``code_field``) in one
    update, then from their city (and region, to choose between homonyms), one lookup and one update per
    distinct city. Return the number of rows placed."""
    fields = [city_field, *([region_field] if region_field else [])]
    placed = 0
    with transaction.atomic():
        if code_field:
            coded = queryset.filter(commune__isnull=True).exclude(**{code_field: ""})
            by_code = Commune.objects.filter(code=OuterRef(code_field)).values("pk")[:1]
            placed += coded.filter(Exists(by_code)).update(commune=Subquery(by_code))
        pending = queryset.filter(commune__isnull=True).exclude(**{city_field: ""})
        for values in pending.order_by().values_list(*fields).distinct():
            city, region = values[0], values[1] if region_field else ""
            commune = Commune.objects.best_for(city, region)
            if commune is not None:
                placed += pending.filter(**dict(zip(fields, values, strict=True))).update(commune=commune)
    if placed:
        content_changed.send(sender=queryset.model)  # update() sends no per-row signal
    return placed
