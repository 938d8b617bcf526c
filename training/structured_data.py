"""schema.org ``EducationalOccupationalProgram`` for a programme page, and breadcrumbs for paths."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.structured_data import absolute_url, breadcrumb_list
from training.models import Path, Programme

PROGRAM_MODES = {
    Programme.Rhythm.FULL_TIME: "full-time",
    Programme.Rhythm.PART_TIME: "part-time",
    Programme.Format.ONLINE: "online",
    Programme.Format.ON_SITE: "onsite",
    Programme.Format.HYBRID: "blended",
}


def time_to_complete(programme: Programme) -> str | None:
    """ISO 8601: "P12W", "P18M"."""
    if programme.duration_weeks is not None:
        return f"P{programme.duration_weeks}W"
    if programme.duration_months is not None:
        return f"P{programme.duration_months}M"
    return None


def educational_program(programme: Programme) -> dict:
    """Needs ``provider`` loaded. Unknown facts are left out, never guessed."""
    provider = {"@type": "EducationalOrganization", "name": programme.provider.name}
    if programme.provider.website:
        provider["sameAs"] = programme.provider.website
    data = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": programme.title,
        "description": programme.summary,
        "url": absolute_url(programme.get_absolute_url()),
        "provider": provider,
    }
    duration = time_to_complete(programme)
    if duration:
        data["timeToComplete"] = duration
    modes = [PROGRAM_MODES[member] for member in (programme.rhythm, programme.format) if member]
    if modes:
        data["educationalProgramMode"] = modes
    if programme.price is not None and programme.price_high is not None and programme.price_high != programme.price:
        # The range the catalogue gives, as it gives it: no single price is claimed.
        data["offers"] = {
            "@type": "AggregateOffer",
            "category": "Paid",
            "lowPrice": programme.price,
            "highPrice": programme.price_high,
            "priceCurrency": "EUR",
        }
    elif programme.price is not None:
        data["offers"] = {
            "@type": "Offer",
            "category": "Paid" if programme.price else "Free",
            "price": programme.price,
            "priceCurrency": "EUR",
        }
    if programme.award_title:
        data["educationalCredentialAwarded"] = programme.award_title
    if programme.cpf_eligible:
        data["financialAidEligible"] = "CPF"
    if programme.next_start:
        data["startDate"] = programme.next_start.isoformat()
    return data


def programme_breadcrumbs(programme: Programme) -> dict:
    crumbs = [(_("Formations"), reverse("training:programme_list"))]
    if programme.public_path:
        crumbs.append((programme.public_path.title, programme.public_path.get_absolute_url()))
    crumbs.append((programme.title, programme.get_absolute_url()))
    return breadcrumb_list(*crumbs)


def path_breadcrumbs(path: Path) -> dict:
    return breadcrumb_list((_("Parcours"), reverse("training:path_list")), (path.title, path.get_absolute_url()))
