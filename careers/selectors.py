"""Reads that other apps make of the careers."""

from django.db.models import Count, Q

from careers.models import Career, PayFigure, Source
from careers.ranking import RULE as RANKING_RULE
from careers.ranking import ranking

__all__ = ["RANKING_RULE", "Career", "PayFigure", "best_paid", "cited_sources", "published_count", "ranking"]


def best_paid(count: int):
    """The ``count`` best-paid published careers, with their pay range."""
    return Career.objects.published().with_pay_range().best_paid()[:count]


def published_count() -> int:
    return Career.objects.published().count()


def cited_sources():
    """Sources that a published career's pay figure cites, with ``figure_count`` and ``career_count``, newest first."""
    published = Q(pay_figures__career__status=Career.Status.PUBLISHED)
    return (
        Source.objects.annotate(
            figure_count=Count("pay_figures", filter=published, distinct=True),
            career_count=Count("pay_figures__career", filter=published, distinct=True),
        )
        .filter(figure_count__gt=0)
        .order_by("-published_on", "publisher", "title")
    )
