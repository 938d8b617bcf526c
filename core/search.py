"""Search, declared once for the whole site.

PostgreSQL: each searchable model declares a generated ``SearchVectorField``
(``document()``) under the ``french_unaccent`` configuration (accents
ignored, every word kept whole: the French stemmer files "data" and "date"
under one stem) with its GIN index (``SearchIndex``), queried
with ``SearchQuery``, every word read as a prefix, and ranked with
``SearchRank``. SQLite, the embedded default: a plain accent-folded
``contains``, on a generated column of folded words where a table is big
enough to need one (``folded_words()``).

A query is read by ``parse``: its words, each phrase staff declared a
synonym of others (``core.models.Synonym``) standing for all of them, so
"IA" also finds "intelligence artificielle" on both databases. A query that
finds nothing gets a spelling suggestion (``suggest``): the names the apps
register (``search_terms``) close to a typed word by trigram word similarity
on PostgreSQL (``TrigramIndex`` on the big ones), all of them on SQLite, then
the closest word of theirs by ``difflib``.

``COUNT_LIMIT`` and ``capped_count`` bound what any search counts: a common
word matches most offers, and numbering them all would read them all.
"""

import difflib
import re
from dataclasses import dataclass
from functools import partial, reduce
from operator import or_

import django_filters
from django import forms
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.backends.ddl_references import Statement
from django.db.models import Case, Count, F, Func, GeneratedField, Q, TextField, Value, When, Window
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from core.cache import content_labels, version
from core.models import Synonym
from core.registry import site
from core.text import fold, search_words
from core.validators import single_line_text

CONFIG = "french_unaccent"
MAX_WORDS = 8
# Long enough for any real search; a longer one is refused with a message before reaching the database.
MAX_QUERY_LENGTH = 200
# Shorter words are matched whole: "IA" is not the "ia" of "spécialiste".
SHORT_WORD = 3
# A search counts this many results at most; past it, it says "plus de 1 000".
COUNT_LIMIT = 1000
# What a query grows to with its synonyms: each phrase stands for this many at most, and all of them
# together hold this many words at most, so a query's conditions stay few.
MAX_ALTERNATIVES = 4
MAX_EXPANDED_WORDS = 24
# Synonyms and names are read again at each content version, or after this long (another process's edit).
CACHE_SECONDS = 300
# How close a typed word must be to a known one to be suggested (difflib's ratio). On PostgreSQL, the names
# to compare with are those within pg_trgm's word similarity threshold (settings.py).
CLOSE_ENOUGH = 0.75
SUGGESTIONS = 8


def query_words(text) -> list[str]:
    """The folded words of a query (letters and digits only: nothing typed reaches the query syntax)."""
    return search_words(text)[:MAX_WORDS]


@dataclass(frozen=True)
class Query:
    """A query as searched: clauses that must all match, each a choice of phrases (tuples of folded words),
    every word of a phrase matching. "IA Lyon" -> ``((("ia",), ("intelligence", "artificielle")), (("lyon",),))``.
    """

    typed: tuple[str, ...]
    clauses: tuple[tuple[tuple[str, ...], ...], ...]

    def __bool__(self):
        return bool(self.clauses)

    @property
    def text(self) -> str:
        """The words typed, folded, as a list's ``?q=`` takes them."""
        return " ".join(self.typed)

    @property
    def words(self) -> list[str]:
        """Every word any clause reads, once each, in order."""
        return list(dict.fromkeys(word for clause in self.clauses for phrase in clause for word in phrase))


def synonym_groups() -> list[list[tuple[str, ...]]]:
    """The published synonyms' phrases, group by group, read once per content version of ``core``."""
    key = f"search-synonyms:{version('core')}"
    groups = cache.get(key)
    if groups is None:
        groups = Synonym.objects.phrase_groups()
        cache.set(key, groups, CACHE_SECONDS)
    return groups


def parse(text) -> Query:
    """The query ``text`` asks: its words (``query_words``), each run of them that a synonym names standing
    for every phrase of its group (the longest run first: "apprentissage automatique" before
    "apprentissage")."""
    words = query_words(text)
    if not words:
        return Query((), ())
    equivalents: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for group in synonym_groups():
        for phrase in group:
            equivalents.setdefault(phrase, [phrase]).extend(other for other in group if other != phrase)
    longest = max((len(phrase) for phrase in equivalents), default=1)
    clauses, budget, start = [], MAX_EXPANDED_WORDS - len(words), 0
    while start < len(words):
        for size in range(min(longest, len(words) - start), 0, -1):
            phrase = tuple(words[start : start + size])
            if phrase in equivalents:
                break
        choices = [phrase]
        for other in dict.fromkeys(equivalents.get(phrase, ())):
            if other != phrase and len(choices) < MAX_ALTERNATIVES and len(other) <= budget:
                choices.append(other)
                budget -= len(other)
        clauses.append(tuple(choices))
        start += len(phrase)
    return Query(tuple(words), tuple(clauses))


def every_clause(query: Query, condition) -> list[Q]:
    """One condition per clause: one of its phrases has every word meeting ``condition(word)``."""
    return [
        reduce(or_, [reduce(lambda both, word: both & condition(word), phrase, Q()) for phrase in clause])
        for clause in query.clauses
    ]


def has_words(value: str) -> None:
    if not search_words(value):
        raise ValidationError(_("Tapez des lettres ou des chiffres : la ponctuation seule ne se cherche pas."))


class QueryFilter(django_filters.CharFilter):
    """A list's ``?q=``, read as the site search reads it (``parse``) and matched by ``find(queryset, query)``,
    the app's own ``search.matching``: /recherche/'s "Voir ces …" link lists what it counted."""

    def __init__(self, find, placeholder="", **kwargs):
        kwargs.setdefault("label", _("Mots-clés"))
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault("validators", [single_line_text, has_words])
        kwargs.setdefault("widget", forms.SearchInput(attrs={"placeholder": placeholder} if placeholder else {}))
        super().__init__(**kwargs)
        self.find = find

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return self.find(qs, parse(value))


def capped_count(queryset, limit: int | None = None) -> tuple[int, bool]:
    """How many rows, counted up to ``limit`` (``COUNT_LIMIT`` by default; the database stops there), and
    whether there are more."""
    limit = COUNT_LIMIT if limit is None else limit
    found = queryset.order_by().values("pk")[: limit + 1].count()
    return min(found, limit), found > limit


class OnVendor(Func):
    """``expression`` on the ``vendor`` database, empty (so NOT NULL: SQLite then rebuilds a table that gains the
    column, where it refuses to add a stored one to a table with rows) on any other."""

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


def TrigramIndex(name: str, *, index_name: str) -> SearchIndex:  # noqa: N802 - reads as the index it declares
    """A trigram GIN index on the folded ``name``, on PostgreSQL only: what ``term_texts`` reads a misspelt
    word's close names with (``capia_unaccent(lower(name)) %> 'word'``)."""
    return SearchIndex(OpClass(Folded(name), name="gin_trgm_ops"), name=index_name)


def word_query(word: str) -> SearchQuery:
    """One folded word as a ``tsquery``: a prefix from three letters, whole below."""
    return SearchQuery(f"{word}:*" if len(word) >= SHORT_WORD else word, search_type="raw", config=CONFIG)


def needle(word: str) -> str:
    """The text to find in folded words for one searched word: itself, or itself between spaces when short."""
    return f" {word} " if len(word) < SHORT_WORD else word


def rank(vector: str, words: list[str]) -> SearchRank:
    """Rows holding more of the words first (any of them: a synonym's phrase counts as much as the word typed)."""
    query = word_query(words[0])
    for word in words[1:]:
        query |= word_query(word)
    return SearchRank(F(vector), query)


def word_matches(vendor: str, word: str, *, vector: str = "search_vector", folded: tuple[str, ...] = ()) -> Q:
    """The condition for one word: the row's vector holds it (PostgreSQL), or one of its ``folded`` lookups
    (``"folded_title"`` from ``in_fields``, ``"search_words"``…) contains it (SQLite)."""
    if vendor == "postgresql":
        return Q(**{vector: word_query(word)})
    condition = Q()
    for name in folded:
        condition |= Q(**{f"{name}__contains": needle(word)})
    return condition


def folded(name: str) -> str:
    return "folded_" + name.replace("__", "_")


def in_fields(queryset, *names: str):
    """``queryset`` ready to search ``names`` (on SQLite, each one's folded words as an alias ``folded_<name>``),
    and the condition for one word in any of them (``word_matches``)."""
    vendor = connections[queryset.db].vendor
    if vendor != "postgresql":
        queryset = queryset.alias(**{folded(name): FoldedWords(name) for name in names})
    return queryset, partial(word_matches, vendor, folded=tuple(map(folded, names)))


def matching(queryset, query: Query, condition):
    """Keep the rows that meet every clause of ``query``, a word meeting it where ``condition(word)`` holds."""
    for clause in every_clause(query, condition):
        queryset = queryset.filter(clause)
    return queryset


def plain_aliases(queryset, names: tuple[str, ...]):
    """Each field folded whole, as an alias ``plain_<name>`` that ``name_matches`` reads, on either database."""
    return queryset.alias(**{plain(name): Folded(name) for name in names})


def plain(name: str) -> str:
    return "plain_" + name.replace("__", "_")


def name_matches(name: str, word: str) -> Q:
    """The folded field ``name`` (``plain_aliases``) holds ``word``, anywhere from three letters, whole below: for
    small tables without a vector (sectors), "securite" found in "Cybersécurité", which prefixes would miss."""
    if len(word) >= SHORT_WORD:
        return Q(**{f"{plain(name)}__contains": word})
    return Q(**{f"{plain(name)}__regex": rf"(^|\W){word}(\W|$)"})


@dataclass(frozen=True)
class Hit:
    """One result of /recherche/ but an offer: what it is called, where it is, a line to say more."""

    title: str
    url: str
    summary: str = ""
    detail: str = ""


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


def ranked_page(queryset, query: Query, title: str = "title") -> tuple[list, int]:
    """The ``RESULTS_PER_KIND`` best rows and how many matched, in one query: by ``SearchRank`` on PostgreSQL,
    on SQLite the rows whose title meets every clause first."""
    if connections[queryset.db].vendor == "postgresql":
        queryset = queryset.annotate(relevance=rank("search_vector", query.words))
    else:
        in_title = Q()
        for clause in every_clause(query, lambda word: Q(**{f"{folded(title)}__contains": needle(word)})):
            in_title &= clause
        queryset = queryset.annotate(relevance=Case(When(in_title, then=Value(1.0)), default=Value(0.0)))
    return first_page(queryset.order_by("-relevance", title, "pk"))


def first_page(queryset) -> tuple[list, int]:
    """The first ``RESULTS_PER_KIND`` rows in the queryset's order, and how many there are, in one query."""
    rows = list(queryset.annotate(total=Window(Count("pk")))[:RESULTS_PER_KIND])
    return rows, (rows[0].total if rows else 0)


# Spelling: the names people search for.

SPACES = re.compile(r"\s+")


def vocabulary() -> list[tuple[str, tuple[str, ...]]]:
    """Every name the apps register (``site.search_terms``) and every synonym, with its folded words, read
    once per content version: what suggestions as one types offer, and what SQLite corrects a word against."""
    key = f"search-vocabulary:{version(*content_labels())}"
    names = cache.get(key)
    if names is None:
        names = {}
        for text in term_texts():
            for name in text.split(","):
                name = SPACES.sub(" ", name).strip()
                words = tuple(search_words(name))
                if words and words not in names:
                    names[words] = name
        names = sorted(((name, words) for words, name in names.items()), key=lambda item: (len(item[0]), item[0]))
        cache.set(key, names, CACHE_SECONDS)
    return names


def term_sources():
    """(queryset, field) for every registered name, and the synonyms' own."""
    yield from ((source(), name) for source, names in site.search_terms for name in names)
    yield from ((Synonym.objects.published(), name) for name in ("term", "equivalents"))


def term_texts(words: list[str] | None = None) -> list[str]:
    """The registered names, in one query: all of them, or (PostgreSQL) those holding a word close to one of
    ``words``, closest first: ``capia_unaccent(lower(name)) %> word``, which a big table's ``TrigramIndex``
    serves, at the word similarity ``settings.py`` sets for each connection (0.45)."""
    parts = []
    for queryset, name in term_sources():
        queryset = queryset.order_by().annotate(text=F(name))
        if words is not None:
            close = reduce(or_, [Q(TrigramWordSimilar(Folded(name), Value(word))) for word in words])
            queryset = queryset.filter(close).annotate(similarity=max_similarity(name, words))
            queryset = queryset.values_list("text", "similarity")
        else:
            queryset = queryset.values_list("text")
        parts.append(queryset)
    texts = parts[0].union(*parts[1:], all=True)
    if words is not None:
        return [text for text, _similarity in texts.order_by("-similarity")[:200]]
    return [text for (text,) in texts]


def max_similarity(name: str, words: list[str]):
    similarities = [TrigramWordSimilarity(Value(word), Folded(name)) for word in words]
    if len(similarities) == 1:
        return similarities[0]
    return Func(*similarities, function="GREATEST", output_field=similarities[0].output_field)


def spelled(texts) -> dict[str, str]:
    """Folded word -> the word as written in ``texts`` (lower case, accents kept): "securite" -> "sécurité"."""
    forms = {}
    for text in texts:
        for word in re.findall(r"\w+", text.lower()):
            forms.setdefault(fold(word), word)
    return forms


@dataclass(frozen=True)
class Spelling:
    """What ``suggest`` found: the query respelt ("" when no word could be), and the names it was read from."""

    text: str = ""
    names: tuple[str, ...] = ()


def suggest(query: Query) -> Spelling:
    """``query`` with each word no name holds replaced by the closest one a name holds ("cheff de projet" ->
    "chef de projet"), and the names close to what was typed; in one query at most."""
    typed = list(query.typed)
    candidates = [word for word in typed if len(word) >= SHORT_WORD and not word.isdigit()]
    if not candidates:
        return Spelling()
    on_postgresql = connection.vendor == "postgresql"
    texts = term_texts(candidates) if on_postgresql else [name for name, _words in vocabulary()]
    forms = spelled(texts)
    known = list(forms)
    corrected = []
    for word in typed:
        if word not in forms and word in candidates:
            close = difflib.get_close_matches(word, known, n=1, cutoff=CLOSE_ENOUGH)
            word = close[0] if close else word
        corrected.append(word)
    if corrected == typed:
        return Spelling()
    wanted = set(corrected) - set(typed)
    names = [name for name in texts if wanted & set(search_words(name))]
    return Spelling(" ".join(forms.get(word, word) for word in corrected), tuple(dict.fromkeys(names))[:SUGGESTIONS])


def popular_terms(limit: int = 400) -> list[str]:
    """The names a search box offers before anything is typed: the shortest ones (careers, sectors, routes)."""
    return [name for name, _words in vocabulary()[:limit]]


def suggestions(text, limit: int = SUGGESTIONS) -> list[str]:
    """Names that begin the way ``text`` is typed, each of its words the start of one of theirs: what the
    search box offers as one types ("chef pro" -> "Chef de projet IA"). Shortest first."""
    words = query_words(text)
    if not words:
        return []
    found = []
    for name, name_words in vocabulary():
        if all(any(have.startswith(word) for have in name_words) for word in words):
            found.append(name)
            if len(found) == limit:
                break
    return found
