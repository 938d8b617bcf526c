"""The site-wide search behind ``/recherche/``: careers, programmes and open offers.

PostgreSQL matches through full-text search with the ``french_unaccent``
configuration (French stemming, accents ignored), title words weighted above
the rest and each word read as a prefix; every document below has a GIN
expression index (``portal/migrations``) built on the very same SQL, so the
planner can use it. SQLite folds accents and case on both sides with
``capia_fold`` and asks every word to appear somewhere. Either way each kind
costs one query, whatever the number of rows. Offers are the exception: they
are found as ``/offres/?q=`` finds them (their trigram-indexed search column),
so the count shown here is the one the offer board gives.
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Case, Count, Exists, F, FloatField, Func, OuterRef, Q, Value, When, Window
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from careers.models import Career, Mission, Skill
from core.text import Fold, fold
from jobs import filters as offer_filters
from jobs.models import JobOffer
from training.models import City, Path, Programme, Provider

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
RESULTS_PER_KIND = 10
CONFIG = "french_unaccent"

# One text-search document per table: (index name, SQL template, columns it reads).
# The GIN indexes of portal/migrations are built on these templates filled with the bare
# column names; queries fill them with the columns Django resolves (aliases included), so
# the planner sees the same expression. Changing one needs a migration that rebuilds its index.
TSV = "to_tsvector('french_unaccent'::regconfig, coalesce({%s}, ''))"
DOCUMENTS = {
    "careers_career": (
        "career_search_idx",
        "(setweight(to_tsvector('french_unaccent'::regconfig, coalesce({title}, '') || ' ' || "
        "coalesce({other_names}, '')), 'A') || "
        "setweight(to_tsvector('french_unaccent'::regconfig, coalesce({summary}, '')), 'B'))",
        ("title", "other_names", "summary"),
    ),
    "careers_skill": ("skill_search_idx", TSV % "name", ("name",)),
    "careers_mission": (
        "mission_search_idx",
        "to_tsvector('french_unaccent'::regconfig, coalesce({title}, '') || ' ' || coalesce({description}, ''))",
        ("title", "description"),
    ),
    "training_programme": (
        "programme_search_idx",
        "(setweight(to_tsvector('french_unaccent'::regconfig, coalesce({title}, '')), 'A') || "
        "setweight(to_tsvector('french_unaccent'::regconfig, coalesce({summary}, '')), 'B'))",
        ("title", "summary"),
    ),
    "training_provider": ("provider_search_idx", TSV % "name", ("name",)),
    "training_path": ("path_search_idx", TSV % "title", ("title",)),
    "training_city": ("city_search_idx", TSV % "name", ("name",)),
    "jobs_joboffer": (
        "job_offer_search_idx",
        "(setweight(to_tsvector('french_unaccent'::regconfig, coalesce({title}, '')), 'A') || "
        "setweight(to_tsvector('french_unaccent'::regconfig, coalesce({city}, '')), 'B'))",
        ("title", "city"),
    ),
    "jobs_employer": ("employer_search_idx", TSV % "name", ("name",)),
}


def index_expression(table: str) -> str:
    """The document over bare column names, as the GIN index stores it."""
    _index, template, columns = DOCUMENTS[table]
    return template.format(**{column: f'"{column}"' for column in columns})


class DocumentSQL(Func):
    """``<document> @@ tsquery`` or ``ts_rank(<document>, tsquery)`` over a table's resolved columns."""

    def __init__(self, table: str, tsquery: str, rank: bool = False):
        self.table, self.tsquery, self.rank = table, tsquery, rank
        super().__init__(*[F(column) for column in DOCUMENTS[table][2]])
        self.output_field = FloatField() if rank else BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        _index, template, columns = DOCUMENTS[self.table]
        compiled, params = {}, []
        for column, expression in zip(columns, self.get_source_expressions(), strict=True):
            sql, column_params = compiler.compile(expression)
            compiled[column] = sql
            params.extend(column_params)
        query = f"to_tsquery('{CONFIG}'::regconfig, %s)"
        document = template.format(**compiled)
        sql = f"ts_rank({document}, {query})" if self.rank else f"{document} @@ {query}"
        return sql, [*params, self.tsquery]


def query_words(text: str) -> list[str]:
    """Letters and digits only: nothing a visitor types can reach the tsquery syntax."""
    return re.findall(r"[^\W_]+", text)[:MAX_WORDS]


def to_tsquery_text(words: list[str]) -> str:
    """ "ingenieur securite" -> "ingenieur:* & securite:*": every word, each as a prefix."""
    return " & ".join(f"{word}:*" for word in words)


@dataclass
class Group:
    """One kind of result: what matched (at most ``RESULTS_PER_KIND``), how many in all, where to see more."""

    kind: str
    label: str
    results: list
    count: int
    more_url: str
    more_label: str = ""
    # The count is a floor: there are more than ``count`` (offers past jobs.filters.SEARCH_COUNT_LIMIT).
    beyond: bool = False


@dataclass
class SearchResults:
    query: str
    groups: list[Group] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def beyond(self) -> bool:
        """The total is a floor: some group found more than it counted."""
        return any(group.beyond for group in self.groups)


class Matcher:
    """Builds the filters and ranking of one query for the database in use.

    Every word must match, each anywhere in what a kind is searched by: "chef
    python" finds a career titled "Chef de projet" that lists the Python skill.
    """

    def __init__(self, words: list[str]):
        self.words = words
        self.postgres = connection.vendor == "postgresql"
        self.folded = [fold(word) for word in words]

    def matches(self, table: str, word: str):
        """PostgreSQL: the row's document matches ``word`` as a prefix."""
        return DocumentSQL(table, to_tsquery_text([word]))

    def rank(self, table: str):
        return DocumentSQL(table, to_tsquery_text(self.words), rank=True)

    def contains(self, fields: list[str], word: str) -> Q:
        """SQLite: the folded word is in one of the folded ``fields`` (aliased by ``fold_fields``)."""
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{alias(name)}__contains": word})
        return condition

    def fold_fields(self, queryset, fields: list[str]):
        return queryset.alias(**{alias(name): Fold(name) for name in fields})

    def title_first(self, queryset, title_field: str = "title"):
        """SQLite's ranking: rows whose title holds every word come first."""
        condition = Q()
        for word in self.folded:
            condition &= Q(**{f"{alias(title_field)}__contains": word})
        return queryset.annotate(rank=Case(When(condition, then=Value(1.0)), default=Value(0.0)))

    def each_word(self, queryset, condition_for):
        """Keep the rows where ``condition_for(index)`` holds for every word."""
        for index in range(len(self.words)):
            queryset = queryset.filter(condition_for(index))
        return queryset


def alias(name: str) -> str:
    return "folded_" + name.replace("__", "_")


def with_total(queryset):
    """Count every match in the same query as the first page of them."""
    return queryset.annotate(total=Window(expression=Count("pk")))


def first_page(queryset) -> tuple[list, int]:
    rows = list(queryset[:RESULTS_PER_KIND])
    return rows, (rows[0].total if rows else 0)


def search_careers(matcher: Matcher) -> Group:
    queryset = Career.objects.published()
    if matcher.postgres:

        def condition(index):
            word = matcher.words[index]
            skills = Skill.objects.filter(careers=OuterRef("pk")).filter(matcher.matches("careers_skill", word))
            missions = Mission.objects.filter(career=OuterRef("pk")).filter(matcher.matches("careers_mission", word))
            return Q(matcher.matches("careers_career", word)) | Q(Exists(skills)) | Q(Exists(missions))

        queryset = matcher.each_word(queryset, condition).annotate(rank=matcher.rank("careers_career"))
    else:

        def condition(index):
            word = matcher.folded[index]
            skills = matcher.fold_fields(Skill.objects.filter(careers=OuterRef("pk")), ["name"])
            missions = matcher.fold_fields(Mission.objects.filter(career=OuterRef("pk")), ["title", "description"])
            return (
                matcher.contains(["title", "other_names", "summary"], word)
                | Q(Exists(skills.filter(matcher.contains(["name"], word))))
                | Q(Exists(missions.filter(matcher.contains(["title", "description"], word))))
            )

        queryset = matcher.fold_fields(queryset, ["title", "other_names", "summary"])
        queryset = matcher.title_first(matcher.each_word(queryset, condition))
    rows, count = first_page(with_total(queryset).order_by("-rank", "title"))
    return Group("careers", _("Métiers"), rows, count, reverse("careers:list"), _("Voir tous les métiers"))


def search_programmes(matcher: Matcher) -> Group:
    queryset = Programme.objects.published().select_related("provider", "path")
    if matcher.postgres:

        def condition(index):
            word = matcher.words[index]
            provider = Provider.objects.filter(pk=OuterRef("provider_id")).filter(
                matcher.matches("training_provider", word)
            )
            path = Path.objects.filter(pk=OuterRef("path_id")).filter(matcher.matches("training_path", word))
            city = City.objects.filter(programmes=OuterRef("pk")).filter(matcher.matches("training_city", word))
            return (
                Q(matcher.matches("training_programme", word)) | Q(Exists(provider)) | Q(Exists(path)) | Q(Exists(city))
            )

        queryset = matcher.each_word(queryset, condition).annotate(rank=matcher.rank("training_programme"))
    else:
        fields = ["title", "summary", "provider__name", "path__title"]

        def condition(index):
            word = matcher.folded[index]
            cities = matcher.fold_fields(City.objects.filter(programmes=OuterRef("pk")), ["name"])
            return matcher.contains(fields, word) | Q(Exists(cities.filter(matcher.contains(["name"], word))))

        queryset = matcher.fold_fields(queryset, fields)
        queryset = matcher.title_first(matcher.each_word(queryset, condition))
    rows, count = first_page(with_total(queryset).order_by("-rank", "title"))
    return Group(
        "programmes", _("Formations"), rows, count, reverse("training:programme_list"), _("Voir toutes les formations")
    )


def search_offers(query: str) -> Group:
    """Open offers holding every word, newest first: exactly what "Voir ces offres" (``/offres/?q=``) lists.

    Reads the offers' own search column and its trigram index
    (``JobOffer.objects.matching``): title, employer, city and description.
    Two queries, the first ten rows and the count, which stops, as the
    board's does, past ``SEARCH_COUNT_LIMIT`` offers.
    """
    queryset = JobOffer.objects.open().matching(query, max_words=MAX_WORDS)
    rows = list(queryset.for_list().newest()[:RESULTS_PER_KIND])
    limit = offer_filters.SEARCH_COUNT_LIMIT
    count = queryset.order_by().values("pk")[: limit + 1].count()
    more_url = f"{reverse('jobs:offer_list')}?{urlencode({'q': query})}"
    return Group(
        "offers",
        _("Offres d’emploi ouvertes"),
        rows,
        min(count, limit),
        more_url,
        _("Voir ces offres"),
        beyond=count > limit,
    )


def search(query: str) -> SearchResults:
    """Search every kind; the query is assumed checked (``SearchForm``)."""
    words = query_words(query)
    results = SearchResults(query=query)
    if not words:
        return results
    matcher = Matcher(words)
    results.groups = [search_careers(matcher), search_programmes(matcher), search_offers(query)]
    return results
