"""Loads the shipped career profiles from ``careers/content/careers.json``.

A career names its skills by name (created when new, technical unless the file says ``"kind": "soft"``),
its sectors by slug (``new_sectors`` declares those it brings), and its related careers by slug, anywhere
in the file or already in the database.
"""

from collections import Counter
from pathlib import Path

from django.utils.text import slugify

from careers.models import (
    Career,
    Certification,
    DatePrecision,
    FAQEntry,
    MarketFigure,
    Mission,
    PayFigure,
    Sector,
    Skill,
    Source,
)
from core.content import ContentError, field, parse_date, read_json, save_new

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "careers.json"


def load(path: Path = CONTENT_FILE) -> Counter:
    """Create the sources, sectors, skills and careers the file names and the database lacks."""
    data = read_json(path)
    created = Counter()
    for item in data.get("sources", []):
        where = f"{path.name}, source {item.get('slug')!r}"
        if not Source.objects.filter(slug=field(item, "slug", where)).exists():
            source = Source(
                slug=item["slug"],
                title=field(item, "title", where),
                publisher=field(item, "publisher", where),
                url=item.get("url", ""),
                published_on=parse_date(field(item, "published_on", where), where),
                date_precision=item.get("date_precision", DatePrecision.MONTH),
                read_on=parse_date(item.get("read_on"), where),
                note=item.get("note", ""),
            )
            save_new(source, where, created)
    for model, key in ((Sector, "sectors"), (Skill, "skills")):
        for item in data.get(key, []):
            where = f"{path.name}, {key} {item.get('slug')!r}"
            if not model.objects.filter(slug=field(item, "slug", where)).exists():
                save_new(model(**item), where, created)
    new_careers = []
    for item in data.get("careers", []):
        slug = field(item, "slug", f"{path.name}, métier")
        if not Career.objects.filter(slug=slug).exists():
            where = f"{path.name}, métier {slug!r}"
            new_careers.append((create_career(item, where, created), item.get("related", []), where))
    # Related careers may be declared further down the file: linked once every career exists.
    for career, related, where in new_careers:
        career.related.add(*by_slugs(Career.objects.exclude(pk=career.pk), related, where, "métier proche inconnu"))
    return created


def by_slug(rows, item: dict, key: str, where: str, unknown: str):
    """The row whose slug ``item[key]`` is; one the database lacks is a ``ContentError`` ("…, source inconnue 'x'.")."""
    slug = field(item, key, where)
    try:
        return rows.get(slug=slug)
    except rows.model.DoesNotExist:
        raise ContentError(f"{where} : {unknown} {slug!r}.") from None


def by_slugs(rows, slugs, where: str, unknown: str) -> list:
    """The rows of ``slugs``; those the database lacks are a ``ContentError`` ("…, secteur inconnu : x, y.")."""
    found = list(rows.filter(slug__in=slugs))
    missing = set(slugs) - {row.slug for row in found}
    if missing:
        raise ContentError(f"{where} : {unknown} : {', '.join(sorted(missing))}.")
    return found


def sector(item, where: str, created: Counter) -> Sector:
    """A sector the career declares (``{"slug", "name"}`` or a name), created when the database lacks it."""
    if isinstance(item, str):
        item = {"name": item, "slug": slugify(item)}
    slug = field(item, "slug", where)
    return Sector.objects.filter(slug=slug).first() or save_new(
        Sector(slug=slug, name=field(item, "name", where)), where, created
    )


def skill(item, where: str, created: Counter) -> Skill:
    """A skill named by slug or name (``"Python"`` or ``{"name": "Écoute", "kind": "soft"}``), created when new."""
    if isinstance(item, str):
        item = {"name": item}
    if not isinstance(item, dict):
        raise ContentError(f"{where} : une compétence est un nom ou un objet, pas {item!r}.")
    name = str(field(item, "name", where)).strip()
    found = (
        Skill.objects.filter(slug=item.get("slug") or name).first() or Skill.objects.filter(name__iexact=name).first()
    )
    if found:
        return found
    slug = item.get("slug") or slugify(name)[:120]
    if not slug or Skill.objects.filter(slug=slug).exists():
        raise ContentError(f"{where} : impossible de créer la compétence {name!r} (identifiant {slug!r} pris ou vide).")
    return save_new(Skill(name=name, slug=slug, kind=item.get("kind", Skill.Kind.TECHNICAL)), where, created)


def create_career(item: dict, where: str, created: Counter) -> Career:
    parent = None
    if item.get("parent"):
        parent = Career.objects.filter(slug=item["parent"]).first()
        if parent is None:
            raise ContentError(
                f"{where} : famille inconnue {item['parent']!r} (la déclarer plus haut dans le fichier)."
            )
    career = Career(
        slug=item["slug"],
        title=field(item, "title", where),
        status=item.get("status", Career.Status.DRAFT),
        other_names=item.get("other_names", ""),
        summary=field(item, "summary", where),
        body=item.get("body", ""),
        parent=parent,
        open_to_career_changers=item.get("open_to_career_changers", False),
        suited_to_freelance=item.get("suited_to_freelance", False),
        reviewed_on=parse_date(item.get("reviewed_on"), where),
        studies=item.get("studies", ""),
        rome_codes=", ".join(codes(item, "rome_codes", where)),
        formacodes=", ".join(codes(item, "formacodes", where)),
        search_keywords=", ".join(codes(item, "search_keywords", where)),
    )
    save_new(career, where, created)
    declared = [sector(entry, f"{where}, nouveau secteur", created) for entry in item.get("new_sectors", [])]
    sectors = by_slugs(Sector.objects, item.get("sectors", []), where, "secteur inconnu")
    career.sectors.set({s.pk: s for s in sectors + declared}.values())
    career.skills.set(
        {s.pk: s for s in (skill(e, f"{where}, compétence", created) for e in item.get("skills", []))}.values()
    )
    for position, mission in enumerate(item.get("missions", []), start=1):
        save_new(Mission(career=career, position=position, **mission), f"{where}, mission {position}", created)
    for position, cert in enumerate(item.get("certifications", []), start=1):
        save_new(Certification(career=career, position=position, **cert), f"{where}, certification", created)
    for position, entry in enumerate(item.get("faq", []), start=1):
        save_new(FAQEntry(career=career, position=position, **entry), f"{where}, question {position}", created)
    for index, figure in enumerate(item.get("pay_figures", []), start=1):
        figure_where = f"{where}, rémunération {index}"
        figure = dict(figure, source=by_slug(Source.objects, figure, "source", figure_where, "source inconnue"))
        save_new(PayFigure(career=career, **figure), figure_where, created)
    for index, figure in enumerate(item.get("market_figures", []), start=1):
        figure_where = f"{where}, marché {index}"
        figure = dict(
            figure,
            source=by_slug(Source.objects, figure, "source", figure_where, "source inconnue"),
            observed_on=parse_date(field(figure, "observed_on", figure_where), figure_where),
        )
        save_new(MarketFigure(career=career, **figure), figure_where, created)
    return career


def codes(item: dict, key: str, where: str) -> list[str]:
    """A list of codes or keywords, given as a JSON list or as one comma-separated string."""
    value = item.get(key, [])
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ContentError(f"{where} : « {key} » doit être une liste de textes.")
    return [v.strip() for v in value if v.strip()]
