"""Sections that other apps add to a career's profile page, without careers importing them.

The offers app adds the live job market, the training app the programmes
that lead to the career. Each registers, in its ``AppConfig.ready()``, a
template, the place on the page where it goes, and a function of the career
that returns the variables the template reads.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    slot: str  # "market": after the market figures; "training": after the certifications
    template: str
    context: Callable[[object], dict]


SECTIONS: list[Section] = []


def register(slot: str, template: str, context: Callable[[object], dict]) -> None:
    SECTIONS.append(Section(slot, template, context))


def sections_for(career) -> tuple[dict, dict[str, list[str]]]:
    """The variables every section's template reads, and each slot's templates in registration order."""
    variables, templates = {}, {}
    for section in SECTIONS:
        variables.update(section.context(career))
        templates.setdefault(section.slot, []).append(section.template)
    return variables, templates
