"""Loads the shipped search synonyms from ``core/content/synonyms.json``, published: they are the portal's own."""

from collections import Counter
from pathlib import Path

from core.content import ContentError, field, read_json, save_new
from core.models import Synonym

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "synonyms.json"


def load(path: Path = CONTENT_FILE) -> Counter:
    """Create the synonyms the file names and the database lacks (by term); staff edits are never overwritten."""
    data = read_json(path)
    created = Counter()
    for item in data.get("synonyms", []):
        where = f"{path.name}, synonyme {item.get('term') if isinstance(item, dict) else item!r}"
        term = field(item, "term", where)
        equivalents = field(item, "equivalents", where)
        if not isinstance(equivalents, list) or not all(isinstance(e, str) for e in equivalents):
            raise ContentError(f"{where} : « equivalents » est une liste de textes.")
        if not Synonym.objects.filter(term__iexact=term).exists():
            synonym = Synonym(term=term, equivalents=", ".join(equivalents), status=Synonym.Status.PUBLISHED)
            save_new(synonym, where, created)
    return created
