"""Reads that other sections make of the offer board."""

from dataclasses import dataclass, field

from django.db.models import Count, Window

from jobs.models import JobOffer, PaySummary, pay_aggregates

NEWEST_ON_PROFILE = 5


@dataclass(frozen=True)
class CareerJobMarket:
    """The live market for one career, from its open offers."""

    pay: PaySummary
    newest: list[JobOffer] = field(default_factory=list)

    @property
    def open_count(self) -> int:
        return self.pay.total


def career_job_market(career) -> CareerJobMarket:
    """Open offers of a career: the five newest, with count and pay over all of them, then the median. Two queries.

    Count, lowest and highest pay are window aggregates over every open offer
    of the career, computed before LIMIT, so they ride on the five rows the
    page shows; only the median needs a query of its own.
    """
    offers = JobOffer.objects.open().for_career(career)
    market = {name: Window(aggregate) for name, aggregate in {"total": Count("*"), **pay_aggregates()}.items()}
    newest = list(offers.for_list().newest().annotate(**market)[:NEWEST_ON_PROFILE])
    if not newest:
        return CareerJobMarket(pay=PaySummary(total=0))
    stats = {name: getattr(newest[0], name) for name in market}
    return CareerJobMarket(pay=offers.pay_summary_from(stats), newest=newest)
