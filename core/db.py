"""Small related lists fetched inside their parent's query, as JSON, instead of one query each.

A career profile shows six short lists (sectors, skills, missions,
certifications, FAQ, sub-careers). Prefetched, they cost six queries; as
correlated subqueries that aggregate each list into one JSON array, they ride
in the career's own row. Each list is then turned back into model instances
and put where ``prefetch_related`` would have put it, so ``career.missions.all()``
and templates work unchanged. Fit for short lists of simple rows only.
"""

import json
from dataclasses import dataclass

from django.db import models
from django.db.models import Aggregate, OuterRef, Subquery
from django.db.models.functions import JSONObject


class JSONRows(Aggregate):
    """Aggregate rows into one JSON array (SQLite ``json_group_array``, PostgreSQL ``jsonb_agg``)."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


@dataclass(frozen=True)
class JSONPrefetch:
    """``name``: the relation (or ``to_attr``) to fill; ``link``: the lookup from ``queryset``'s rows to the parent."""

    name: str
    queryset: models.QuerySet
    link: str
    to_attr: str = ""

    @property
    def annotation(self) -> str:
        return f"_json_{self.to_attr or self.name}"

    def fields(self):
        return list(self.queryset.model._meta.concrete_fields)

    def subquery(self) -> Subquery:
        row = JSONObject(**{field.attname: field.attname for field in self.fields()})
        rows = (
            self.queryset.filter(**{self.link: OuterRef("pk")})
            .order_by()
            .values(self.link)
            .annotate(rows=JSONRows(row))
            .values("rows")
        )
        return Subquery(rows, output_field=models.JSONField())

    def attach(self, obj) -> None:
        raw = getattr(obj, self.annotation) or []
        rows = json.loads(raw) if isinstance(raw, str) else raw
        model = self.queryset.model
        fields = self.fields()
        instances = [model(**{f.attname: f.to_python(row.get(f.attname)) for f in fields}) for row in rows]
        ordering = [name.lstrip("-") for name in (self.queryset.query.order_by or model._meta.ordering)]
        descending = bool(ordering) and (self.queryset.query.order_by or model._meta.ordering)[0].startswith("-")
        instances.sort(key=lambda item: tuple(getattr(item, name) for name in ordering), reverse=descending)
        if self.to_attr:
            setattr(obj, self.to_attr, instances)
        else:
            if not hasattr(obj, "_prefetched_objects_cache"):
                obj._prefetched_objects_cache = {}
            obj._prefetched_objects_cache[self.name] = instances


class JSONPrefetchQuerySet(models.QuerySet):
    """A queryset that can fetch short related lists in its own query (``prefetch_json``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._json_prefetches = ()

    def _clone(self):
        clone = super()._clone()
        clone._json_prefetches = self._json_prefetches
        return clone

    def prefetch_json(self, *prefetches: JSONPrefetch):
        clone = self.annotate(**{prefetch.annotation: prefetch.subquery() for prefetch in prefetches})
        clone._json_prefetches = (*self._json_prefetches, *prefetches)
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is not None
        super()._fetch_all()
        if not fetched and self._json_prefetches and self._iterable_class is models.query.ModelIterable:
            for obj in self._result_cache:
                for prefetch in self._json_prefetches:
                    prefetch.attach(obj)


def probe_json_support(sender, connection, **kwargs):
    """Ask SQLite about JSON support when a connection opens.

    Django probes it lazily, with queries, the first time a JSONField is used;
    done here, the probe never lands inside a page's query budget (and the
    query-count tests do not depend on which test ran first).
    """
    if connection.vendor == "sqlite":
        connection.features.supports_json_field  # noqa: B018 - evaluated for its cached probe
