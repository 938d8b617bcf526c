"""Loads the shipped career profiles from ``careers/content/careers.json``."""

from collections import Counter
from pathlib import Path

from careers.models import Career, Certification, FAQEntry, MarketFigure, Mission, PayFigure, Sector, Skill, Source
from core.content import ContentError, field, parse_date, read_json, save_new

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "careers.json"


def load(path: Path = CONTENT_FILE) -> Counter:
    """Create the sources, sectors, skills and careers the file names and the database lacks."""
    data = read_json(path)
    created = Counter()
    for item in data.get("sources", []):
        where = f"{path.name}, source {item.get('slug')!r}"
        if not Source.objects.filter(slug=field(item, "slug", where)).exists():
            save_new(
                Source(
                    slug=item["slug"],
                    title=field(item, "title", where),
                    publisher=field(item, "publisher", where),
                    url=item.get("url", ""),
                    published_on=parse_date(field(item, "published_on", where), where),
                    note=item.get("note", ""),
                ),
                where,
                created,
            )
    for model, key in ((Sector, "sectors"), (Skill, "skills")):
        for item in data.get(key, []):
            where = f"{path.name}, {key} {item.get('slug')!r}"
            if not model.objects.filter(slug=field(item, "slug", where)).exists():
                save_new(model(**item), where, created)
    for item in data.get("careers", []):
        slug = field(item, "slug", f"{path.name}, métier")
        if not Career.objects.filter(slug=slug).exists():
            create_career(item, f"{path.name}, métier {slug!r}", created)
    return created


def source(slug, where):
    try:
        return Source.objects.get(slug=slug)
    except Source.DoesNotExist:
        raise ContentError(f"{where} : source inconnue {slug!r}.") from None


def create_career(item: dict, where: str, created: Counter) -> Career:
    parent = None
    if item.get("parent"):
        parent = Career.objects.filter(slug=item["parent"]).first()
        if parent is None:
            raise ContentError(
                f"{where} : famille inconnue {item['parent']!r} (la déclarer plus haut dans le fichier)."
            )
    career = save_new(
        Career(
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
        ),
        where,
        created,
    )
    sectors = list(Sector.objects.filter(slug__in=item.get("sectors", [])))
    skills = list(Skill.objects.filter(slug__in=item.get("skills", [])))
    missing = set(item.get("sectors", [])) - {s.slug for s in sectors}
    missing |= set(item.get("skills", [])) - {s.slug for s in skills}
    if missing:
        raise ContentError(f"{where} : secteur ou compétence inconnu : {', '.join(sorted(missing))}.")
    career.sectors.set(sectors)
    career.skills.set(skills)
    for position, mission in enumerate(item.get("missions", []), start=1):
        save_new(Mission(career=career, position=position, **mission), f"{where}, mission {position}", created)
    for position, cert in enumerate(item.get("certifications", []), start=1):
        save_new(Certification(career=career, position=position, **cert), f"{where}, certification", created)
    for position, entry in enumerate(item.get("faq", []), start=1):
        save_new(FAQEntry(career=career, position=position, **entry), f"{where}, question {position}", created)
    for index, figure in enumerate(item.get("pay_figures", []), start=1):
        figure_where = f"{where}, rémunération {index}"
        figure = dict(figure, source=source(field(figure, "source", figure_where), figure_where))
        save_new(PayFigure(career=career, **figure), figure_where, created)
    for index, figure in enumerate(item.get("market_figures", []), start=1):
        figure_where = f"{where}, marché {index}"
        figure = dict(
            figure,
            source=source(field(figure, "source", figure_where), figure_where),
            observed_on=parse_date(field(figure, "observed_on", figure_where), figure_where),
        )
        save_new(MarketFigure(career=career, **figure), figure_where, created)
    return career
