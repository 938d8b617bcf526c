"""Reads that other sections make of the offer board."""

from dataclasses import dataclass, field

from jobs import facet_tally
from jobs.models import JobOffer, PaySummary

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
    """Open offers of a career: the five newest, then count and pay over all of them, and the median. Three queries.

    Each reads ``job_offer_career_idx`` alone: the five newest in index order,
    the aggregates and the median from the pay columns the index carries.
    (Window aggregates riding on the five rows saved a query but made the
    database build every open offer of the career first: 140 ms at 100 000
    offers, against a few milliseconds for the three.)
    """
    offers = JobOffer.objects.open().for_career(career)
    newest = list(offers.for_list().newest()[:NEWEST_ON_PROFILE])
    if not newest:
        return CareerJobMarket(pay=PaySummary(total=0))
    return CareerJobMarket(pay=offers.pay_summary(), newest=newest)


def open_offer_count() -> int:
    """How many offers are open, from the tallies the database keeps (``facet_tally.open_count``)."""
    return facet_tally.open_count()


def newest_open(count: int) -> list[JobOffer]:
    return list(JobOffer.objects.open().for_list().newest()[:count])
