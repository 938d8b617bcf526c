"""schema.org ``Occupation`` for a career profile: lean, and only sourced figures."""

from django.urls import reverse
from django.utils.translation import gettext as _

from careers.models import Career, PayFigure
from core.structured_data import absolute_url, breadcrumb_list

# schema.org's occupational experience vocabulary has no fixed list; these read plainly.
EXPERIENCE_NAMES = {
    PayFigure.Experience.JUNIOR: "junior",
    PayFigure.Experience.CONFIRMED: "confirmed",
    PayFigure.Experience.SENIOR: "senior",
    PayFigure.Experience.ALL: "all levels",
}


def estimated_salary(figure: PayFigure) -> dict:
    """One French annual gross figure as a ``MonetaryAmountDistribution``."""
    value = {
        "@type": "MonetaryAmountDistribution",
        "name": EXPERIENCE_NAMES[PayFigure.Experience(figure.experience)],
        "currency": "EUR",
        "duration": "P1Y",
    }
    if figure.amount_low is not None and figure.amount_high is not None and figure.amount_low != figure.amount_high:
        value.update(minValue=figure.amount_low, maxValue=figure.amount_high)
    else:
        value["median"] = figure.amount_low if figure.amount_low is not None else figure.amount_high
    return value


def occupation(career: Career, french_salaries: list[PayFigure]) -> dict:
    """Needs ``for_profile`` (skills prefetched); ``french_salaries`` from the view."""
    data = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": career.title,
        "description": career.summary,
        "url": absolute_url(career.get_absolute_url()),
        "occupationLocation": [{"@type": "Country", "name": "France"}],
    }
    if career.other_names_list:
        data["alternateName"] = career.other_names_list
    skills = [skill.name for skill in career.skills.all()]
    if skills:
        data["skills"] = skills
    missions = [mission.title for mission in career.lists.missions]
    if missions:
        data["responsibilities"] = missions
    if french_salaries:
        data["estimatedSalary"] = [estimated_salary(figure) for figure in french_salaries]
    return data


def career_breadcrumbs(career: Career, ancestors: list[Career]) -> dict:
    """``ancestors`` from ``Career.ancestors()``: published ones only."""
    crumbs = [(_("Métiers"), reverse("careers:list"))]
    crumbs += [(a.title, a.get_absolute_url()) for a in ancestors]
    crumbs.append((career.title, career.get_absolute_url()))
    return breadcrumb_list(*crumbs)
