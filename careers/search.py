"""Careers in the site search (/recherche/): by title, other names, summary, skills and missions."""

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from careers.models import Career, Mission, Skill
from core import search


def find(words: list[str]) -> search.Group:
    vendor = connection.vendor
    skills = search.fold_aliases(Skill.objects.all(), vendor, ("name",))
    missions = search.fold_aliases(Mission.objects.all(), vendor, ("title", "description"))

    def condition(word):
        own = search.word_matches(vendor, word, folded=("folded_title", "folded_other_names", "folded_summary"))
        skill = skills.filter(search.word_matches(vendor, word, folded=("folded_name",)), careers=OuterRef("pk"))
        mission = missions.filter(
            search.word_matches(vendor, word, folded=("folded_title", "folded_description")), career=OuterRef("pk")
        )
        return own | Q(Exists(skill)) | Q(Exists(mission))

    careers = search.fold_aliases(Career.objects.published(), vendor, ("title", "other_names", "summary"))
    rows, count = search.ranked_page(search.matching(careers, words, condition), vendor, words)
    return search.Group("careers", _("Métiers"), rows, count, reverse("careers:list"), _("Voir tous les métiers"))
