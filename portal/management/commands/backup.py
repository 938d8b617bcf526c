"""Write a complete, versioned backup of the portal to a JSON file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal import backup


class Command(BaseCommand):
    help = (
        "Sauvegarde tout ce qui ne se recrée pas : contenus, sources, comptes, groupes et historique de l’admin, "
        "dans un fichier JSON versionné que « manage.py restore » recharge."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Fichier à écrire, par exemple sauvegardes/capia-2026-01-31.json.")
        parser.add_argument("--force", action="store_true", help="Remplace le fichier s’il existe déjà.")

    def handle(self, *args, path, force=False, **options):
        if path.exists() and not force:
            raise CommandError(f"{path} existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer.")
        if not path.parent.is_dir():
            raise CommandError(f"Le dossier {path.parent} n’existe pas.")
        data, counts = backup.dump()
        backup.write(path, data)
        total = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Sauvegarde écrite dans {path} (format {backup.FORMAT} version {backup.VERSION}) : "
                f"{total} lignes ({self.summary(counts)})."
            )
        )

    @staticmethod
    def summary(counts):
        return ", ".join(f"{count} {label}" for label, count in sorted(counts.items()) if count) or "aucune donnée"
