"""Careers and sectors in the site search (/recherche/) and the career list's ``?q=``.

A career is found by its title, other names, summary, skills, missions and
sectors: "sécurité" finds the careers of the Cybersécurité sector.
"""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from careers.models import Career, Mission, Sector, Skill
from core import search


def matching(careers, query: search.Query):
    """The careers that meet every clause of ``query``, in ``careers``' order."""
    skills, in_skill = search.in_fields(Skill.objects.all(), "name")
    missions, in_mission = search.in_fields(Mission.objects.all(), "title", "description")
    sectors = search.plain_aliases(Sector.objects.all(), ("name",))
    careers, in_career = search.in_fields(careers, "title", "other_names", "summary")

    def condition(word):
        skill = skills.filter(in_skill(word), careers=OuterRef("pk"))
        mission = missions.filter(in_mission(word), career=OuterRef("pk"))
        sector = sectors.filter(search.name_matches("name", word), careers=OuterRef("pk"))
        return in_career(word) | Q(Exists(skill)) | Q(Exists(mission)) | Q(Exists(sector))

    return search.matching(careers, query, condition)


def find_careers(query: search.Query) -> search.Group:
    rows, count = search.ranked_page(matching(Career.objects.published(), query), query)
    hits = [search.Hit(row.title, row.get_absolute_url(), row.summary) for row in rows]
    more_url = f"{reverse('careers:list')}?{urlencode({'q': query.text})}"
    return search.Group("careers", _("Métiers"), hits, count, more_url, _("Voir ces métiers"))


def find_sectors(query: search.Query) -> search.Group:
    """Sectors that some published career works in, by name; each links to its careers."""
    sectors = search.plain_aliases(
        Sector.objects.filter(Exists(Career.objects.published().filter(sectors=OuterRef("pk")))), ("name",)
    )
    rows, count = search.first_page(
        search.matching(sectors, query, lambda word: search.name_matches("name", word)).order_by("name", "pk")
    )
    careers = reverse("careers:list")
    hits = [search.Hit(row.name, f"{careers}?{urlencode({'secteur': row.slug})}") for row in rows]
    # The careers list's ?q= reads the sectors too: it lists their careers.
    more_url = f"{careers}?{urlencode({'q': query.text})}"
    return search.Group("sectors", _("Secteurs"), hits, count, more_url, _("Voir les métiers de ces secteurs"))


def find(query: search.Query) -> list[search.Group]:
    return [find_careers(query), find_sectors(query)]


def register(site) -> None:
    site.search_provider(find)
    site.search_term_source(Career.objects.published, "title", "other_names")
    site.search_term_source(Sector.objects.all, "name")
    site.search_term_source(Skill.objects.all, "name")
