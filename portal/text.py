"""Accent- and case-insensitive text matching that both databases agree on.

PostgreSQL searches through a French full-text configuration with unaccent
(created by ``portal/migrations/0001``); SQLite has neither, so it gets a
deterministic ``capia_fold`` function that strips accents and case, and the
same words are compared in folded form on both sides.
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import CharField, Func

FOLD_FUNCTION = "capia_fold"


def fold(text) -> str:
    """ "Sécurité" -> "securite": accents removed, case folded (ligatures expanded by NFKD)."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


class Fold(Func):
    """``capia_fold(column)``: SQLite only, registered on every new connection."""

    function = FOLD_FUNCTION
    output_field = CharField()


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)


def connect_signals():
    connection_created.connect(register_sqlite_functions, dispatch_uid="portal.text.register_sqlite_functions")
