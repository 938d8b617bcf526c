"""Reads that other apps make of the careers."""

from careers.models import Career, PayFigure

__all__ = ["Career", "PayFigure", "best_paid", "published_count"]


def best_paid(count: int):
    """The ``count`` best-paid published careers, with their pay range."""
    return Career.objects.published().with_pay_range().best_paid()[:count]


def published_count() -> int:
    return Career.objects.published().count()
