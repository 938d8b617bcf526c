"""Careers and sectors in the site search (/recherche/) and the career list's ``?q=``.

A career is found by its title, other names, summary, skills, missions and
sectors: "sécurité" finds the careers of the Cybersécurité sector.
"""

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from careers.models import Career, Mission, Sector, Skill
from core import search


def matching(careers, query: search.Query):
    """The careers that meet every clause of ``query``, in ``careers``' order."""
    vendor = connection.vendor
    skills = search.fold_aliases(Skill.objects.all(), vendor, ("name",))
    missions = search.fold_aliases(Mission.objects.all(), vendor, ("title", "description"))
    sectors = search.plain_aliases(Sector.objects.all(), ("name",))

    def condition(word):
        own = search.word_matches(vendor, word, folded=("folded_title", "folded_other_names", "folded_summary"))
        skill = skills.filter(search.word_matches(vendor, word, folded=("folded_name",)), careers=OuterRef("pk"))
        mission = missions.filter(
            search.word_matches(vendor, word, folded=("folded_title", "folded_description")), career=OuterRef("pk")
        )
        sector = sectors.filter(search.name_matches("name", word), careers=OuterRef("pk"))
        return own | Q(Exists(skill)) | Q(Exists(mission)) | Q(Exists(sector))

    careers = search.fold_aliases(careers, vendor, ("title", "other_names", "summary"))
    return search.matching(careers, query, condition)


def find_careers(query: search.Query) -> search.Group:
    rows, count = search.ranked_page(matching(Career.objects.published(), query), connection.vendor, query)
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
