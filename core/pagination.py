"""The paginator of every list, page and API alike."""

from django.core.paginator import Paginator
from django.db.models import QuerySet, Value
from django.utils.functional import cached_property

from core.search import capped_count

# The mark of a list sorted on something its index cannot hold (a distance): every page, the first too,
# reads its ids alone first, so that the rows passed over are never read whole nor joined.
IDS_FIRST = "read_ids_first"


def ids_first(rows: QuerySet) -> QuerySet:
    """Mark ``rows`` to be paged ids first (an alias, which adds nothing to the SQL)."""
    return rows.alias(**{IDS_FIRST: Value(True)})


class FromEitherEndPaginator(Paginator):
    """Deep pages cost about what the first does: past page 1 the page's ids are read alone from the list's
    index (OFFSET would join and read every skipped row), from the nearer end of an ordering the primary key
    makes total, then their rows. Past a capped count (``more_rows``) every page is read from the top."""

    more_rows = False

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if not isinstance(rows, QuerySet) or not rows.ordered:
            return self._get_page(rows[bottom:top], number, self)
        rows = totally_ordered(rows)
        if bottom == 0 and IDS_FIRST not in rows.query.annotations:
            return self._get_page(rows[bottom:top], number, self)
        if bottom > self.count // 2 and not self.more_rows:
            ids = list(rows.reverse().values_list("pk", flat=True)[self.count - top : self.count - bottom])
            ids.reverse()
        else:
            ids = list(rows.values_list("pk", flat=True)[bottom:top])
        by_id = {row.pk: row for row in rows.filter(pk__in=ids).order_by()}  # by primary key, not by the sort
        return self._get_page([by_id[pk] for pk in ids if pk in by_id], number, self)


def totally_ordered(rows: QuerySet) -> QuerySet:
    """``rows`` in their ordering, then by primary key: ties no longer depend on how the database reads."""
    ordering = list(rows.query.order_by) or list(rows.query.get_meta().ordering)
    return rows.order_by(*ordering, "pk")


class CappedCountPaginator(FromEitherEndPaginator):
    """Counts ``limit`` rows at most (``core.search.capped_count``, as the board and /recherche/ do); past it,
    the first ``limit`` rows are the pages and ``more_rows`` says there are more."""

    def __init__(self, object_list, per_page, *, limit: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit

    @cached_property
    def counted(self) -> tuple[int, bool]:
        return capped_count(self.object_list, self.limit)

    @property
    def count(self) -> int:
        return self.counted[0]

    @property
    def more_rows(self) -> bool:
        return self.counted[1]
