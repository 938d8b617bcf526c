"""Load the communes of France and their positions from the file shipped in places/data/."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core.models import DataSource, ImportRun
from core.signals import content_changed
from places import dataset
from places.models import Commune, name_key
from places.signals import communes_loaded

SOURCE_KEY = "communes"
PROGRESS_EVERY = 10_000
FIELDS = ["name", "key", "parent_id", "postcodes", "department", "region", "population", "latitude", "longitude"]


def communes_source() -> DataSource:
    source, _created = DataSource.objects.get_or_create(
        key=SOURCE_KEY,
        defaults={
            "name": "Communes de France et leurs coordonnées",
            "publisher": "INSEE (Code officiel géographique, via Etalab) ; GeoNames",
            "url": "https://www.insee.fr/fr/information/2560452",
            "licence": "Licence Ouverte 2.0 ; CC BY 4.0",
            "licence_url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
        },
    )
    return source


class Command(BaseCommand):
    help = (
        "Charge les communes (code INSEE, nom, codes postaux, coordonnées) depuis places/data/communes.csv, "
        "puis place les offres et les villes des formations qui n’ont pas encore de commune. Sans effet si le "
        "fichier n’a pas changé depuis le dernier chargement. Tout ou rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=dataset.COMMUNES_FILE, help="Un autre fichier de communes.")
        parser.add_argument(
            "--refresh",
            type=Path,
            metavar="NODE_MODULES",
            help="Reconstruit d’abord places/data/ depuis les paquets npm installés dans ce dossier.",
        )
        parser.add_argument("--force", action="store_true", help="Recharge même si le fichier n’a pas changé.")
        parser.add_argument("--dry-run", action="store_true", help="Montre ce qui changerait sans rien écrire.")

    def handle(self, *args, file, refresh=None, force=False, dry_run=False, **options):
        try:
            if refresh is not None:
                built = dataset.build(refresh, dataset.COMMUNES_FILE, dataset.SOURCE_FILE)
                self.stdout.write(f"Fichier reconstruit : {built} communes dans {dataset.COMMUNES_FILE.name}.")
                file = dataset.COMMUNES_FILE
            fingerprint = f"sha256:{dataset.digest(file)}" if file.is_file() else ""
            source = communes_source()
            # What `make run` meets every time: the file it loaded last, read no further.
            latest = source.runs.filter(status=ImportRun.Status.COMPLETE, dry_run=False).first()
            if not force and fingerprint and latest is not None and latest.message == fingerprint:
                self.stdout.write("Communes déjà à jour : rien à charger.")
                if not dry_run:
                    self.place_rows()  # rows added since (an import, a form) that found no commune then
                return
            rows = dataset.read_rows(file)
        except dataset.DatasetError as exc:
            raise CommandError(f"Communes non chargées, rien n’a été écrit. {exc}") from None
        run = ImportRun.start(source, dry_run=dry_run)
        try:
            with transaction.atomic():
                self.write(rows, run)
                if dry_run:
                    transaction.set_rollback(True)
        except Exception as exc:
            run.finish(ImportRun.Status.FAILED, str(exc)[:500])
            raise
        run.finish(ImportRun.Status.COMPLETE, "" if dry_run else fingerprint)
        prefix = "Simulation : " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{run.created} communes créées, {run.updated} mises à jour, {run.unchanged} inchangées, "
                f"{run.closed} retirées."
            )
        )

    def write(self, rows: list[dataset.Row], run: ImportRun) -> None:
        existing = {commune.code: commune for commune in Commune.objects.all()}
        ids = {code: commune.pk for code, commune in existing.items()}
        total = len(rows)
        # Cities before arrondissements, so that a parent has its id when its arrondissements are written.
        for wave in (
            [row for row in rows if not row.parent],
            [row for row in rows if row.parent],
        ):
            new, changed = [], []
            for row in wave:
                values = {
                    "name": row.name,
                    "key": name_key(row.name),
                    "parent_id": ids[row.parent] if row.parent else None,
                    "postcodes": f" {' '.join(row.postcodes)} " if row.postcodes else "",
                    "department": row.department,
                    "region": row.region,
                    "population": row.population,
                    "latitude": row.latitude,
                    "longitude": row.longitude,
                }
                commune = existing.get(row.code)
                if commune is None:
                    new.append(Commune(code=row.code, **values))
                elif any(getattr(commune, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(commune, name, value)
                    changed.append(commune)
                else:
                    run.unchanged += 1
                done = run.created + len(new) + run.updated + len(changed) + run.unchanged
                if done % PROGRESS_EVERY == 0:
                    self.stdout.write(f"… {done} / {total}")
            for commune in Commune.objects.bulk_create(new, batch_size=2_000):
                ids[commune.code] = commune.pk
            Commune.objects.bulk_update(changed, FIELDS, batch_size=2_000)
            run.created += len(new)
            run.updated += len(changed)
        gone = set(existing) - {row.code for row in rows}
        if gone:
            run.closed = Commune.objects.filter(code__in=gone).delete()[1].get(Commune._meta.label, 0)
        if run.created or run.updated or run.closed:
            content_changed.send(sender=Commune)  # bulk writes send no per-row signal
            # The planner's statistics of the fresh table: without them PostgreSQL guessed 3 communes in a
            # 50 km box (there were 332) and scanned the box once per programme.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(Commune._meta.db_table)}")
        self.place_rows()

    def place_rows(self) -> None:
        with transaction.atomic():
            for _receiver, placed in communes_loaded.send(sender=Commune):
                for label, count in (placed or {}).items():
                    if count:
                        self.stdout.write(f"{count} {label} placées sur une commune.")
