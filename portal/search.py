"""The site-wide search behind ``/recherche/``: each app's kinds of result, as the apps registered them.

How a query is read and a word matched is declared once, in ``core.search``;
each app's ``search.find`` says which of its rows and fields a query reads.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.http import urlencode

from core import search
from core.registry import site

MAX_QUERY_LENGTH = 100


@dataclass
class SearchResults:
    query: str
    groups: list[search.Group] = field(default_factory=list)
    # When nothing was found: the query with its misspelt words corrected ("cheff" -> "chef"), if any.
    spelling: search.Spelling = field(default_factory=search.Spelling)

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def spelling_url(self) -> str:
        return f"{reverse('search')}?{urlencode({'q': self.spelling.text})}" if self.spelling.text else ""

    @property
    def beyond(self) -> bool:
        """The total is a floor: some group found more than it counted."""
        return any(group.beyond for group in self.groups)


def find(text: str) -> SearchResults:
    """Search every kind; the text is assumed checked (``SearchForm``)."""
    query = search.parse(text)
    results = SearchResults(query=text)
    if query:
        for provider in site.search_providers:
            results.groups.extend(provider(query))
        if not results.total:
            results.spelling = search.suggest(query)
    return results
