"""Open offers in the site search (/recherche/): exactly what "Voir ces offres" (``/offres/?q=``) lists."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core import search
from jobs.models import JobOffer


def find(words: list[str]) -> search.Group:
    """The newest matching offers, and their number counted up to ``search.COUNT_LIMIT``, as the board counts."""
    query = " ".join(words)
    offers = JobOffer.objects.open().matching(query)
    rows = list(offers.for_list().newest()[: search.RESULTS_PER_KIND])
    count, beyond = search.capped_count(offers)
    more_url = f"{reverse('jobs:offer_list')}?{urlencode({'q': query})}"
    return search.Group(
        "offers", _("Offres d’emploi ouvertes"), rows, count, more_url, _("Voir ces offres"), beyond=beyond
    )
