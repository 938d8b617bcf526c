"""Loads the shipped employers from ``jobs/content/jobs.json``. Offers are never shipped: staff add them."""

from collections import Counter
from pathlib import Path

from core.content import field, read_json, save_new
from jobs.models import Employer

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "jobs.json"


def load(path: Path = CONTENT_FILE) -> Counter:
    """Create the employers the file names and the database lacks."""
    data = read_json(path)
    created = Counter()
    for item in data.get("employers", []):
        where = f"{path.name}, employeur {item.get('slug') if isinstance(item, dict) else item!r}"
        if not Employer.objects.filter(slug=field(item, "slug", where)).exists():
            optional = {key: item.get(key, "") for key in ("sector", "city", "website", "description")}
            save_new(Employer(slug=item["slug"], name=field(item, "name", where), **optional), where, created)
    return created
