"""Reads that other apps make of the training catalogue."""

from training.models import DAYS_PER_MONTH, Path, Programme, group_by_path

__all__ = ["DAYS_PER_MONTH", "Path", "Programme", "programmes_by_path", "published_count"]

PROGRAMMES_PER_PATH = 5  # the cheapest of each path; a link leads to the rest


def programmes_by_path(career):
    """The published programmes leading to ``career``, the cheapest few of each path, grouped by path."""
    return group_by_path(Programme.objects.published().leading_to(career, per_path=PROGRAMMES_PER_PATH))


def published_count() -> int:
    return Programme.objects.published().count()
