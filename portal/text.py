"""Text folding shared by the stored search columns and the search filters."""

import sys
import unicodedata

# Every combining mark (accents once decomposed), deleted by str.translate: much faster than a loop per character.
COMBINING = dict.fromkeys(c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c)))


def fold(text: str) -> str:
    """Lower-case, without accents, whitespace collapsed: what a search column stores and a query is compared as.

    "Ingénieur·e  Données" becomes "ingenieur·e donnees", so a search for
    "donnees" or "Données" finds it on every database, with a plain index.
    """
    return " ".join(unicodedata.normalize("NFKD", text.casefold()).translate(COMBINING).split())
