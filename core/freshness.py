"""The "À revoir" queues: what staff must check again, listed by each app for the staff tools.

"Now" is read on every call, never at import time.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet


def twelve_months_before(day: date) -> date:
    """The same day a year earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Queue:
    """One list of the "À revoir" page: what it holds, who may see it, and the template of one of its rows."""

    key: str
    title: str
    permission: str
    queryset: QuerySet
    row_template: str
