"""Open offers and employers in the site search (/recherche/): the offers are exactly what "Voir ces offres"
(``/offres/?q=``) lists."""

from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core import search
from jobs.models import Employer, JobOffer


def employers_holding(words: list[str]) -> tuple[list[set[int]], dict[int, tuple[str, str]]]:
    """For each word, the employers whose name holds it, and each such employer's name and slug, in one query:
    what the offer search adds to the offers' own text, and the employers found by name."""
    vendor = connection.vendor
    conditions = [search.word_matches(vendor, word, folded=("folded_name",)) for word in words]
    flags = {f"word_{n}": ExpressionWrapper(c, output_field=BooleanField()) for n, c in enumerate(conditions)}
    rows = (
        search.fold_aliases(Employer.objects.all(), vendor, ("name",))
        .filter(reduce(or_, conditions))
        .annotate(**flags)
        .values_list("pk", "name", "slug", *flags)
    )
    found, names = [set() for _ in words], {}
    for pk, name, slug, *matched in rows:
        names[pk] = (name, slug)
        for index, hit in enumerate(matched):
            if hit:
                found[index].add(pk)
    return found, names


def meeting(query: search.Query, by_word: dict[str, set[int]]) -> set[int]:
    """The employers whose name meets every clause, from the employers holding each word."""
    clauses = [
        reduce(or_, [reduce(and_, [by_word[word] for word in phrase]) for phrase in clause]) for clause in query.clauses
    ]
    return reduce(and_, clauses)


def find(query: search.Query) -> list[search.Group]:
    """The newest matching offers, and their number counted up to ``search.COUNT_LIMIT`` as the board counts;
    the employers found by name."""
    holding, names = employers_holding(query.words)
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
