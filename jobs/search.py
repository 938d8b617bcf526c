"""Open offers and employers in the site search (/recherche/): the offers are exactly what "Voir ces offres"
(``/offres/?q=``) lists."""

from functools import reduce
from operator import and_, or_

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core import search
from jobs.models import Employer, JobOffer


def meeting(query: search.Query, by_word: dict[str, set[int]]) -> set[int]:
    """The employers whose name meets every clause, from the employers holding each word."""
    clauses = [
        reduce(or_, [reduce(and_, [by_word[word] for word in phrase]) for phrase in clause]) for clause in query.clauses
    ]
    return reduce(and_, clauses)


def find(query: search.Query) -> list[search.Group]:
    """The newest matching offers, and their number counted up to ``search.COUNT_LIMIT`` as the board counts;
    the employers found by name."""
    holding, names = Employer.objects.holding(query.words)
    offers = JobOffer.objects.open().matching(query, employers=holding)
    rows = list(offers.for_list().newest()[: search.RESULTS_PER_KIND])
    count, beyond = search.capped_count(offers)
    more_url = f"{reverse('jobs:offer_list')}?{urlencode({'q': query.text})}"
    found = sorted(meeting(query, dict(zip(query.words, holding, strict=True))), key=lambda pk: (names[pk][0], pk))
    employers = [
        search.Hit(names[pk][0], reverse("jobs:employer_detail", kwargs={"slug": names[pk][1]}))
        for pk in found[: search.RESULTS_PER_KIND]
    ]
    return [
        search.Group(
            "offers", _("Offres d’emploi ouvertes"), rows, count, more_url, _("Voir ces offres"), beyond=beyond
        ),
        search.Group("employers", _("Employeurs"), employers, len(found), more_url, _("Voir leurs offres")),
    ]


def register(site) -> None:
    site.search_provider(find)
    site.search_term_source(Employer.objects.all, "name")
