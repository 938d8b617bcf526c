"""Search, declared once for the whole site.

PostgreSQL: each searchable model declares a generated ``SearchVectorField``
(``document()``) under the ``french_unaccent`` configuration (accents
ignored, every word kept whole: the French stemmer files "data" and "date"
under one stem) with its GIN index (``SearchIndex``), queried
with ``SearchQuery``, every word read as a prefix, and ranked with
``SearchRank``. SQLite, the embedded default: a plain accent-folded
``contains``, on a generated column of folded words where a table is big
enough to need one (``folded_words()``).

``COUNT_LIMIT`` and ``capped_count`` bound what any search counts: a common
word matches most offers, and numbering them all would read them all.
"""

from dataclasses import dataclass

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db.backends.ddl_references import Statement
from django.db.models import Case, Count, F, Func, GeneratedField, Q, TextField, Value, When, Window
from django.db.models.functions import Concat

from core.text import search_words

CONFIG = "french_unaccent"
MAX_WORDS = 8
# Shorter words are matched whole: "IA" is not the "ia" of "spécialiste".
SHORT_WORD = 3
# A search counts this many results at most; past it, it says "plus de 1 000".
COUNT_LIMIT = 1000


def query_words(text) -> list[str]:
    """The folded words of a query (letters and digits only: nothing typed reaches the query syntax)."""
    return search_words(text)[:MAX_WORDS]


def capped_count(queryset, limit: int | None = None) -> tuple[int, bool]:
    """How many rows, counted up to ``limit`` (``COUNT_LIMIT`` by default; the database stops there), and
    whether there are more."""
    limit = COUNT_LIMIT if limit is None else limit
    found = queryset.order_by().values("pk")[: limit + 1].count()
    return min(found, limit), found > limit


class OnVendor(Func):
    """``expression`` on the ``vendor`` database, empty on any other: a generated column only one of them uses.

    Empty, not NULL: the column is then NOT NULL, which makes SQLite rebuild a
    table that gains one (it refuses to add a stored column to a table with rows)."""

    def __init__(self, expression, *, vendor: str, output_field):
        super().__init__(expression, output_field=output_field)
        self.vendor = vendor

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != self.vendor:
            return "''", []
        return compiler.compile(self.source_expressions[0])


class Folded(Func):
    """Lower case without accents, as ``core.text.fold`` gives it: ``capia_fold`` on SQLite (registered on
    every connection), the immutable ``capia_unaccent(lower())`` on PostgreSQL (core migration 0003), so an
    index can hold it."""

    function = "capia_fold"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="capia_unaccent(lower(%(expressions)s))")


class FoldedWords(Func):
    """``core.text.search_words`` joined by spaces, a space before and after: SQLite's ``capia_words``."""

    function = "capia_words"
    output_field = TextField()


def document(**weights: str) -> GeneratedField:
    """The row's search vector on PostgreSQL (empty on SQLite): ``document(title="A", summary="B")``."""
    vectors = [SearchVector(name, weight=weight, config=CONFIG) for name, weight in weights.items()]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return GeneratedField(
        expression=OnVendor(combined, vendor="postgresql", output_field=SearchVectorField()),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )


def folded_words(*names: str) -> GeneratedField:
    """The row's folded words on SQLite (empty on PostgreSQL), for a table too big to fold row by row."""
    parts = []
    for name in names:
        parts += [F(name), Value(" ")]
    return GeneratedField(
        expression=OnVendor(FoldedWords(Concat(*parts[:-1])), vendor="sqlite", output_field=TextField()),
        output_field=TextField(),
        db_persist=True,
        editable=False,
    )


class SearchIndex(GinIndex):
    """A GIN index, on PostgreSQL only: SQLite has no GIN and searches its own way (see the module)."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("SELECT 1")
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("SELECT 1")
        return super().remove_sql(model, schema_editor, **kwargs)


def word_query(word: str) -> SearchQuery:
    """One folded word as a ``tsquery``: a prefix from three letters, whole below."""
    return SearchQuery(f"{word}:*" if len(word) >= SHORT_WORD else word, search_type="raw", config=CONFIG)


def needle(word: str) -> str:
    """The text to find in folded words for one searched word: itself, or itself between spaces when short."""
    return f" {word} " if len(word) < SHORT_WORD else word


def rank(vector: str, words: list[str]) -> SearchRank:
    query = word_query(words[0])
    for word in words[1:]:
        query &= word_query(word)
    return SearchRank(F(vector), query)


def word_matches(vendor: str, word: str, *, vector: str = "search_vector", folded: tuple[str, ...] = ()) -> Q:
    """The condition for one word: the row's vector holds it (PostgreSQL), or one of its ``folded`` lookups
    (``"folded_title"`` from ``fold_aliases``, ``"search_words"``…) contains it (SQLite)."""
    if vendor == "postgresql":
        return Q(**{vector: word_query(word)})
    condition = Q()
    for name in folded:
        condition |= Q(**{f"{name}__contains": needle(word)})
    return condition


def fold_aliases(queryset, vendor: str, names: tuple[str, ...]):
    """SQLite: each field's folded words as an alias ``folded_<name>``, which ``word_matches`` reads."""
    if vendor == "postgresql":
        return queryset
    return queryset.alias(**{folded(name): FoldedWords(name) for name in names})


def folded(name: str) -> str:
    return "folded_" + name.replace("__", "_")


def matching(queryset, words: list[str], condition):
    """Keep the rows where ``condition(word)`` holds for every word."""
    for word in words:
        queryset = queryset.filter(condition(word))
    return queryset


@dataclass
class Group:
    """One kind of result of /recherche/: the first ``RESULTS_PER_KIND``, how many in all, where to see more."""

    kind: str
    label: str
    results: list
    count: int
    more_url: str
    more_label: str = ""
    # The count is a floor: there are more than ``count`` (past COUNT_LIMIT).
    beyond: bool = False


RESULTS_PER_KIND = 10


def ranked_page(queryset, vendor: str, words: list[str], title: str = "title") -> tuple[list, int]:
    """The ``RESULTS_PER_KIND`` best rows and how many matched, in one query (the kinds this serves are small).

    PostgreSQL ranks by ``SearchRank``; SQLite puts first the rows whose title holds every word."""
    if vendor == "postgresql":
        queryset = queryset.annotate(relevance=rank("search_vector", words))
    else:
        in_title = Q()
        for word in words:
            in_title &= Q(**{f"{folded(title)}__contains": needle(word)})
        queryset = queryset.annotate(relevance=Case(When(in_title, then=Value(1.0)), default=Value(0.0)))
    rows = list(queryset.annotate(total=Window(Count("pk"))).order_by("-relevance", title, "pk")[:RESULTS_PER_KIND])
    return rows, (rows[0].total if rows else 0)
