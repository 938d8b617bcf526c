"""Synthetic data for measuring the portal at scale: ``generate_demo_data``, into the database that
``DATABASE_URL`` names (``make bench`` gives it one of its own).

Every row made here has a slug starting with ``demo-``, and a new generation
first deletes the rows so named: nothing in the product schema marks them.
Generation is deterministic for a seed (one ``random.Random``, a fixed "now"
per day), and inserts in bulk (bench/README.md has the times).
"""

import random
from collections import Counter
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from functools import lru_cache

from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify

from careers.models import Career
from core.geography import Region
from core.signals import content_changed
from jobs.models import Employer, JobOffer
from places.models import Commune
from training.models import City, Path, Programme, Provider

BATCH = 2_000
PREFIX = "demo-"
# The models with demo rows, children before parents: the order they are deleted in.
DEMO_MODELS = (JobOffer, Employer, Programme, Provider, Career)
GENERATED_CAREERS = ["Ingénieur MLOps", "Analyste en IA générative", "Spécialiste en vision par ordinateur"]
EMPLOYER_WORDS = ["Atelier", "Nova", "Cognit", "Horizon", "Datalis", "Lumen", "Quantis", "Azur", "Vecteur", "Orion"]
EMPLOYER_KINDS = ["Conseil", "Industrie", "Santé", "Assurances", "Logiciels", "Énergie", "Transports", "Banque"]
CITIES = {
    Region.ILE_DE_FRANCE: ["Paris", "Saclay", "Boulogne-Billancourt"],
    Region.AUVERGNE_RHONE_ALPES: ["Lyon", "Villeurbanne", "Grenoble"],
    Region.OCCITANIE: ["Toulouse", "Montpellier"],
    Region.NOUVELLE_AQUITAINE: ["Bordeaux"],
    Region.HAUTS_DE_FRANCE: ["Lille"],
    Region.PROVENCE_ALPES_COTE_D_AZUR: ["Marseille", "Nice"],
    Region.PAYS_DE_LA_LOIRE: ["Nantes"],
    Region.BRETAGNE: ["Rennes"],
    Region.GRAND_EST: ["Strasbourg"],
}
TITLE_PREFIXES = ["", "", "Senior ", "Junior ", "Lead "]
TITLE_SUFFIXES = ["", "", " (H/F)", " – produit", " – données clients"]
PARAGRAPHS = [
    "Vous rejoignez une équipe qui conçoit des modèles d’apprentissage automatique pour nos métiers.",
    "Vous travaillez avec les équipes data, produit et sécurité, de l’idée à la mise en production.",
    "Vous préparez les données, évaluez les modèles et suivez leur qualité une fois en service.",
    "Vous documentez vos choix et partagez vos pratiques avec la communauté interne.",
    "Vous accompagnez les métiers dans l’usage de l’IA générative, avec un regard sur les risques.",
    "Vous industrialisez des pipelines et automatisez les déploiements.",
]
SKILLS = ["Python", "SQL", "PyTorch", "scikit-learn", "Kubernetes", "Spark", "LLM", "RAG", "MLflow", "Airflow"]
PROVIDER_WORDS = ["Institut", "École", "Campus", "Académie", "Université"]


@contextmanager
def history_off():
    """Demo rows come and go without history records: they are not content anyone edited (bulk inserts never
    write history anyway)."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        yield


def delete_demo_rows() -> Counter:
    deleted = Counter()
    for model in DEMO_MODELS:
        demo = model.objects.filter(slug__startswith=PREFIX)
        count = delete_offers(demo) if model is JobOffer else demo.delete()[1].get(model._meta.label, 0)
        if hasattr(model, "history"):  # what staff did to demo rows goes with them
            model.history.filter(slug__startswith=PREFIX).delete()
        if count:
            deleted[str(model._meta.verbose_name_plural)] = count
    return deleted


def delete_offers(offers) -> int:
    """One DELETE for offers, which nothing references: ``QuerySet.delete()`` would load every offer to send
    signals ``history_off`` silences anyway. ``_raw_delete`` is what Django runs for a model without dependants."""
    if JobOffer._meta.related_objects:  # a model now points at offers: let the collector handle it
        return offers.delete()[1].get(JobOffer._meta.label, 0)
    return offers._raw_delete(offers.db)


def generate(*, offers: int, programmes: int, seed: int) -> Counter:
    """Replace the demo data set by a new one; the same seed gives the same rows."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
    created = Counter()
    # Dates relative to today (not to the second), so a rerun on the same day gives the same rows.
    today = timezone.make_aware(datetime.combine(timezone.localdate(), time(9)))
    with transaction.atomic(), history_off():
        delete_demo_rows()
        careers = list(Career.objects.published().order_by("pk"))
        demo_careers = Career.objects.bulk_create(
            Career(
                title=title,
                slug=f"{PREFIX}{slugify(title)}",
                summary="Métier fictif, créé pour mesurer le portail à grande échelle.",
                status=Career.Status.PUBLISHED,
            )
            for title in GENERATED_CAREERS
        )
        careers += demo_careers
        created["métiers"] = len(demo_careers)
        employers = make_employers(rng, max(5, min(2_000, offers // 50)))
        created["employeurs"] = len(employers)
        created["offres"] = make_offers(rng, offers, employers, careers, today)
        if programmes:
            created.update(make_programmes(rng, programmes, careers))
        for model in DEMO_MODELS:  # raw inserts send no signal
            content_changed.send(sender=model)
    return created


def refresh_statistics() -> None:
    """Tell the planner what a bulk insert or delete changed: PostgreSQL otherwise plans for the empty tables it
    last saw, and reads no index alone until a vacuum. Inside a transaction (a test) only ANALYZE can run."""
    tables = [connection.ops.quote_name(model._meta.db_table) for model in DEMO_MODELS]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(("ANALYZE " if connection.in_atomic_block else "VACUUM ANALYZE ") + ", ".join(tables))
        else:
            for table in tables:
                cursor.execute(f"ANALYZE {table}")


def make_employers(rng, count: int) -> list[Employer]:
    rows = []
    for index in range(count):
        name = f"{rng.choice(EMPLOYER_WORDS)} {rng.choice(EMPLOYER_KINDS)} {index + 1}"
        region = rng.choice(list(CITIES))
        rows.append(
            Employer(
                name=name,
                slug=f"{PREFIX}{slugify(name)}",
                sector=rng.choice(EMPLOYER_KINDS),
                city=rng.choice(CITIES[region]),
            )
        )
    return Employer.objects.bulk_create(rows, batch_size=BATCH)


def make_offers(rng, count: int, employers, careers, today) -> int:
    contracts, experiences, remotes = list(JobOffer.Contract), list(JobOffer.Experience), list(JobOffer.Remote)
    sources, regions = list(JobOffer.Source), list(Region)
    adapt = connection.ops.adapt_datetimefield_value
    now = adapt(timezone.now())
    insert = offer_inserter()
    communes = demo_communes()
    batch = []
    for index in range(count):
        employer = rng.choice(employers)
        career = rng.choice(careers) if careers and rng.random() < 0.9 else None
        base_title = career.title if career else rng.choice(GENERATED_CAREERS)
        title = f"{rng.choice(TITLE_PREFIXES)}{base_title}{rng.choice(TITLE_SUFFIXES)}"
        contract = rng.choice(contracts)
        region = rng.choice(regions) if rng.random() < 0.95 else ""
        city = rng.choice(CITIES.get(region, [""])) if region else ""
        salary_low = salary_high = day_low = day_high = None
        if contract == JobOffer.Contract.FREELANCE:
            if rng.random() < 0.7:
                day_low = rng.randrange(350, 800, 10)
                day_high = day_low + rng.randrange(0, 300, 10)
        elif rng.random() < 0.75:
            base = {JobOffer.Contract.STAGE: 14_000, JobOffer.Contract.ALTERNANCE: 18_000}.get(contract, 35_000)
            salary_low = base + rng.randrange(0, 40_000, 1_000)
            salary_high = salary_low + rng.randrange(0, 20_000, 1_000) if rng.random() < 0.8 else None
            if rng.random() < 0.1:  # "up to": a high alone
                salary_low, salary_high = None, salary_low
        roll = rng.random()
        published_at = today - timedelta(days=rng.randrange(0, 90), minutes=rng.randrange(0, 1440))
        expires_at = published_at + timedelta(days=60)
        status = JobOffer.Status.PUBLISHED
        if roll < 0.05:
            status, published_at, expires_at = JobOffer.Status.DRAFT, None, None
        elif roll < 0.10 or expires_at <= today - timedelta(days=1):
            # As the nightly expire_offers leaves a board: offers expired before yesterday are archived;
            # those expired since then are still published, and open() alone keeps them off the pages.
            status = JobOffer.Status.ARCHIVED
        pieces = ["## Vos missions", *rng.sample(PARAGRAPHS, 3), "## Compétences", ", ".join(rng.sample(SKILLS, 4))]
        description = "\n\n".join(pieces)
        batch.append(
            (
                title,
                f"{PREFIX}{slug_of(title)}-{index + 1}"[:200],
                employer.pk,
                career.pk if career else None,
                contract.value,
                rng.choice(experiences).value,
                city,
                communes.get((city, region.value if region else "")),
                region.value if region else "",
                rng.choice(remotes).value,
                salary_low,
                salary_high,
                day_low,
                day_high,
                description,
                f"https://example.org/offres/{index + 1}",
                "",
                rng.choice(sources).value,
                "",
                adapt(published_at) if published_at else None,
                adapt(expires_at) if expires_at else None,
                status.value,
                now,
                now,
            )
        )
        if len(batch) == BATCH:
            insert(batch)
            batch = []
    insert(batch)
    return count


def demo_communes() -> dict[tuple[str, str], int]:
    """The commune of each demo city, when ``load_communes`` has run: (city, region) -> commune id."""
    return {
        (city, region.value): commune.pk
        for region, cities in CITIES.items()
        for city in cities
        if (commune := Commune.objects.best_for(city, region.value)) is not None
    }


def offer_inserter():
    """One prepared INSERT run with executemany: 100 000 model instances through bulk_create cost
    several times more, in field preparation alone, than the database needs to store them."""
    fields = [
        "title", "slug", "employer_id", "career_id", "contract", "experience", "city", "commune_id", "region",
        "remote",
        "salary_low", "salary_high", "day_rate_low", "day_rate_high", "description", "apply_url", "apply_email",
        "source", "source_url", "published_at", "expires_at", "status",
        "created_at", "updated_at",
    ]  # fmt: skip
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(JobOffer._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608

    def insert(rows):
        if rows:
            with connection.cursor() as cursor:
                cursor.executemany(sql, rows)

    return insert


@lru_cache(maxsize=1024)
def slug_of(title: str) -> str:
    return slugify(title)


def make_programmes(rng, count: int, careers) -> Counter:
    paths = list(Path.objects.order_by("position", "pk"))
    if not paths:
        return Counter()
    providers = Provider.objects.bulk_create(
        Provider(
            name=f"{rng.choice(PROVIDER_WORDS)} de démonstration {index + 1}",
            slug=f"{PREFIX}organisme-{index + 1}",
            kind=rng.choice(list(Provider.Kind)),
            city=rng.choice([city for cities in CITIES.values() for city in cities]),
        )
        for index in range(max(3, count // 20))
    )
    rows = []
    for index in range(count):
        path = paths[index % len(paths)]  # every path gets its share
        months = rng.choice([None, 3, 6, 12, 24, 36])
        rows.append(
            Programme(
                provider=rng.choice(providers),
                path=path,
                title=f"Formation {rng.choice(SKILLS)} {index + 1}",
                slug=f"{PREFIX}formation-{index + 1}",
                summary="Formation fictive, créée pour mesurer le portail à grande échelle.",
                entry_level=rng.choice(list(Programme.EntryLevel)),
                duration_months=months,
                duration_weeks=None if months else rng.choice([None, 8, 12, 16]),
                price=rng.choice([None, 0, rng.randrange(1_000, 15_000, 100)]),
                cpf_eligible=rng.random() < 0.4,
                work_study=rng.random() < 0.3,
                format=rng.choice(list(Programme.Format)),
                rhythm=rng.choice(list(Programme.Rhythm)),
                status=Programme.Status.PUBLISHED if rng.random() < 0.95 else Programme.Status.DRAFT,
            )
        )
    programmes = Programme.objects.bulk_create(rows, batch_size=BATCH)
    cities = list(City.objects.order_by("pk"))
    Links = Programme.careers.through
    CityLinks = Programme.cities.through
    links, city_links = [], []
    for programme in programmes:
        for career in rng.sample(careers, min(len(careers), rng.randint(1, 3))):
            links.append(Links(programme_id=programme.pk, career_id=career.pk))
        for city in rng.sample(cities, min(len(cities), rng.randint(0, 2))):
            city_links.append(CityLinks(programme_id=programme.pk, city_id=city.pk))
    Links.objects.bulk_create(links, batch_size=BATCH)
    CityLinks.objects.bulk_create(city_links, batch_size=BATCH)
    return Counter({"organismes": len(providers), "formations": len(programmes)})
