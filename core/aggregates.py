"""Aggregates Django does not ship, declared once for both databases."""

from django.db.models import Aggregate, FloatField


class Median(Aggregate):
    """The median of the non-null values: PostgreSQL's ``percentile_cont(0.5)``, SQLite's ``capia_median``
    (registered on every connection, ``core.text``). Two middle values give their mean."""

    function = "capia_median"
    name = "Median"
    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
        )
