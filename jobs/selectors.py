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
    """Open offers of a career: the five newest, then count, pay range and median over all of them: two
    queries, the second only when there is an offer."""
    offers = JobOffer.objects.open().for_career(career)
    newest = list(offers.for_list().newest()[:NEWEST_ON_PROFILE])
    if not newest:
        return CareerJobMarket(pay=PaySummary(total=0))
    return CareerJobMarket(pay=offers.pay_summary(), newest=newest)


def open_offer_count() -> int:
    return JobOffer.objects.open().count()


def newest_open(count: int) -> list[JobOffer]:
    return list(JobOffer.objects.open().for_list().newest()[:count])
