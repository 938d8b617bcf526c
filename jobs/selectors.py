"""Reads that other sections make of the offer board."""

from dataclasses import dataclass, field

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
    """Open offers of a career: count and pay, then the five newest. At most three queries."""
    offers = JobOffer.objects.open().for_career(career)
    pay = offers.pay_summary()
    if not pay.total:
        return CareerJobMarket(pay=pay)
    return CareerJobMarket(pay=pay, newest=list(offers.for_list().newest()[:NEWEST_ON_PROFILE]))
