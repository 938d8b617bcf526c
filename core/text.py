"""Accent- and case-insensitive text that both databases agree on.

One ``fold`` serves the searched words and SQLite's ``capia_fold`` and
``capia_words`` functions (``core.search``). PostgreSQL folds with its own
``capia_unaccent`` and the ``french_unaccent`` search configuration (core
migration 0003); SQLite has neither, so the same words are compared folded.
"""

import re
import sys
import unicodedata

from django.db.backends.signals import connection_created

# Every combining mark (accents once decomposed), deleted by str.translate: much faster than a loop per character.
COMBINING = dict.fromkeys(c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c)))


def fold(text) -> str:
    """Lower-case, without accents, whitespace collapsed: "Ingénieur  Données" -> "ingenieur donnees"."""
    if text is None:
        return ""
    return " ".join(unicodedata.normalize("NFKD", str(text).casefold()).translate(COMBINING).split())


WORD = re.compile(r"\w+")


def search_words(text) -> list[str]:
    """The folded words of ``text``: "L’IA (générative)" -> ["l", "ia", "generative"]; stored and searched text
    are cut alike, so a word can be matched whole (" ia ")."""
    return WORD.findall(fold(text))


def spaced_words(text) -> str:
    """The folded words of ``text`` between single spaces, one before and after: short words are then found
    whole (" ia "), longer ones anywhere ("cialis" in " specialiste ")."""
    return f" {' '.join(search_words(text))} "


class SQLiteMedian:
    """``capia_median(x)`` for SQLite (``core.aggregates.Median``): the values are kept, then sorted once."""

    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        values = sorted(self.values)
        if not values:
            return None
        middle = len(values) // 2
        return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        # Deterministic, so generated columns (``core.search.folded_words``) may use them.
        connection.connection.create_function("capia_fold", 1, fold, deterministic=True)
        connection.connection.create_function("capia_words", 1, spaced_words, deterministic=True)
        connection.connection.create_aggregate("capia_median", 1, SQLiteMedian)


def connect_signals():
    connection_created.connect(register_sqlite_functions, dispatch_uid="core.text.register_sqlite_functions")
