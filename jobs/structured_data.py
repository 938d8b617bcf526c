"""schema.org ``JobPosting`` for an offer page, following Google's job posting guidelines."""

from django.conf import settings
from django.utils import timezone

from core.markdown import render_markdown
from jobs.models import JobOffer

# Google's employmentType vocabulary. A French "alternance" is a work-study contract: no exact match.
EMPLOYMENT_TYPES = {
    JobOffer.Contract.CDI: "FULL_TIME",
    JobOffer.Contract.CDD: "TEMPORARY",
    JobOffer.Contract.FREELANCE: "CONTRACTOR",
    JobOffer.Contract.ALTERNANCE: "OTHER",
    JobOffer.Contract.STAGE: "INTERN",
    JobOffer.Contract.INTERIM: "TEMPORARY",
}


def absolute_url(path: str) -> str:
    """The public address of a path, from ``DJANGO_SITE_URL`` rather than the request's host."""
    return f"{settings.SITE_URL}{path}"


def quantity(low, high, unit: str) -> dict:
    value = {"@type": "QuantitativeValue", "unitText": unit}
    if low is not None and high is not None and low != high:
        value.update(minValue=low, maxValue=high)
    else:
        value["value"] = low if low is not None else high
    return value


def employment_type(offer: JobOffer):
    """Google's value for the contract, with PART_TIME when the source says the job is part-time."""
    value = EMPLOYMENT_TYPES[JobOffer.Contract(offer.contract)]
    if not offer.working_time.casefold().startswith("temps partiel"):
        return value
    return "PART_TIME" if value == "FULL_TIME" else [value, "PART_TIME"]


def job_posting(offer: JobOffer) -> dict:
    """The JSON-LD dict for an open offer (needs ``employer`` loaded)."""
    employer = offer.employer
    organization = {"@type": "Organization", "name": employer.name}
    if employer.website:
        organization["sameAs"] = employer.website
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": offer.title,
        "description": str(render_markdown(offer.description)),
        "identifier": {"@type": "PropertyValue", "name": employer.name, "value": offer.slug},
        "url": absolute_url(offer.get_absolute_url()),
        # An imported offer was posted when its source created it, not when it reached our board.
        "datePosted": timezone.localtime(min(offer.source_created_at or offer.published_at, offer.published_at))
        .date()
        .isoformat(),
        "validThrough": timezone.localtime(offer.expires_at).isoformat(),
        "employmentType": employment_type(offer),
        "hiringOrganization": organization,
    }
    if offer.city or offer.region:
        address = {"@type": "PostalAddress", "addressCountry": "FR"}
        if offer.city:
            address["addressLocality"] = offer.city
        if offer.postcode:
            address["postalCode"] = offer.postcode
        if offer.region:
            address["addressRegion"] = offer.get_region_display()
        data["jobLocation"] = {"@type": "Place", "address": address}
    if offer.remote == JobOffer.Remote.FULL:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "FR"}
    if offer.has_salary:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": quantity(offer.salary_low, offer.salary_high, "YEAR"),
        }
    elif offer.has_day_rate:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": quantity(offer.day_rate_low, offer.day_rate_high, "DAY"),
        }
    return data
