"""Accent- and case-insensitive text matching that both databases agree on.

One ``fold`` serves the stored search columns (jobs' ``search_text``), the
search filters and SQLite's ``capia_fold`` function. PostgreSQL's full-text
search uses a French configuration with unaccent (``portal/migrations/0001``);
SQLite has neither, so the same words are compared in folded form there.
"""

import re
import sys
import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import CharField, Func

FOLD_FUNCTION = "capia_fold"

# Every combining mark (accents once decomposed), deleted by str.translate: much faster than a loop per character.
COMBINING = dict.fromkeys(c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c)))


def fold(text) -> str:
    """Lower-case, without accents, whitespace collapsed: "Ingénieur  Données" -> "ingenieur donnees"."""
    if text is None:
        return ""
    return " ".join(unicodedata.normalize("NFKD", str(text).casefold()).translate(COMBINING).split())


WORD = re.compile(r"\w+")


def search_words(text) -> list[str]:
    """The folded words of ``text``, punctuation dropped: "L’IA (générative)" -> ["l", "ia", "generative"].

    Stored search text and searched words are both cut this way, so a word
    can be matched whole: " ia " sits between spaces whatever surrounded it.
    """
    return WORD.findall(fold(text))


class Fold(Func):
    """``capia_fold(column)``: SQLite only, registered on every new connection."""

    function = FOLD_FUNCTION
    output_field = CharField()


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)


def connect_signals():
    connection_created.connect(register_sqlite_functions, dispatch_uid="core.text.register_sqlite_functions")
