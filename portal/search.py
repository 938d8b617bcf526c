"""The site-wide search behind ``/recherche/``: each app's kind of result, as the apps registered them.

How a word is matched is declared once, in ``core.search``; each app's
``search.find`` says which of its rows and fields a query reads.
"""

from dataclasses import dataclass, field

from core import search
from core.registry import site

MAX_QUERY_LENGTH = 100


@dataclass
class SearchResults:
    query: str
    groups: list[search.Group] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def beyond(self) -> bool:
        """The total is a floor: some group found more than it counted."""
        return any(group.beyond for group in self.groups)


def find(query: str) -> SearchResults:
    """Search every kind; the query is assumed checked (``SearchForm``)."""
    words = search.query_words(query)
    results = SearchResults(query=query)
    if words:
        results.groups = [provider(words) for provider in site.search_providers]
    return results
