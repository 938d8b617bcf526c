"""Load a backup written by ``manage.py backup`` into an empty database."""

from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

from portal import backup


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde écrite par « manage.py backup » dans une base migrée et vide, "
        "en une seule transaction : tout est chargé, ou rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Fichier écrit par « manage.py backup ».")
        parser.add_argument("--dry-run", action="store_true", help="Charge et vérifie tout, puis annule.")

    def handle(self, *args, path, dry_run=False, **options):
        try:
            data = backup.read(path)
            backup.check_restorable(data)
            with transaction.atomic():
                counts = backup.load(data)
                if dry_run:
                    transaction.set_rollback(True)
        except backup.BackupError as exc:
            raise CommandError(f"Restauration refusée, rien n’a été écrit. {exc}") from None
        except (DeserializationError, DatabaseError, ObjectDoesNotExist, ValidationError) as exc:
            raise CommandError(f"Restauration annulée, rien n’a été écrit : {exc}") from None
        total = sum(counts.values())
        details = ", ".join(f"{count} {label}" for label, count in sorted(counts.items()))
        prefix = "Simulation : " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}Sauvegarde du {data.get('created_at', '?')} restaurée : {total} lignes ({details})."
            )
        )
