"""Loads the shipped paths, providers and programmes from ``training/content/training.json``.

Runs after the careers loader, so programmes may name its careers and sources.
"""

from collections import Counter
from pathlib import Path as FilePath

from careers.loaders import by_slug, by_slugs
from careers.models import Career, Source
from core.content import ContentError, field, parse_date, read_json, save_new
from training.models import City, Outcome, Path, Programme, Provider

CONTENT_FILE = FilePath(__file__).resolve().parent / "content" / "training.json"


def load(path: FilePath = CONTENT_FILE) -> Counter:
    """Create the paths, cities, providers and programmes the file names and the database lacks."""
    data = read_json(path)
    created = Counter()
    for model, key in ((Path, "paths"), (City, "cities"), (Provider, "providers")):
        for item in data.get(key, []):
            where = f"{path.name}, {key} {item.get('slug')!r}"
            if not model.objects.filter(slug=field(item, "slug", where)).exists():
                save_new(build(model, item, where), where, created)
    for item in data.get("programmes", []):
        slug = field(item, "slug", f"{path.name}, formation")
        if not Programme.objects.filter(slug=slug).exists():
            create_programme(item, f"{path.name}, formation {slug!r}", created)
    return created


def build(model, values: dict, where: str):
    """The unsaved row; a key the model does not know is a content error, not a crash."""
    try:
        return model(**values)
    except TypeError as exc:
        raise ContentError(f"{where} : champ inconnu ({exc}).") from None


def create_programme(item: dict, where: str, created: Counter) -> Programme:
    fields = {
        key: value for key, value in item.items() if key not in {"provider", "path", "careers", "cities", "outcomes"}
    }
    fields["next_start"] = parse_date(item.get("next_start"), where)
    fields["provider"] = by_slug(Provider.objects, item, "provider", where, "organisme inconnu(e)")
    fields["path"] = by_slug(Path.objects, item, "path", where, "parcours inconnu(e)")
    programme = save_new(build(Programme, fields, where), where, created)
    programme.careers.set(by_slugs(Career.objects, item.get("careers", []), where, "métier inconnu(e)s"))
    programme.cities.set(by_slugs(City.objects, item.get("cities", []), where, "ville inconnu(e)s"))
    for index, outcome in enumerate(item.get("outcomes", []), start=1):
        outcome_where = f"{where}, résultats {index}"
        outcome = dict(
            outcome,
            source=by_slug(Source.objects, outcome, "source", outcome_where, "source inconnu(e)"),
            observed_on=parse_date(field(outcome, "observed_on", outcome_where), outcome_where),
            cohort_start=parse_date(outcome.get("cohort_start"), outcome_where),
            cohort_end=parse_date(outcome.get("cohort_end"), outcome_where),
        )
        save_new(build(Outcome, dict(outcome, programme=programme), outcome_where), outcome_where, created)
    return programme
