"""Load the content shipped in the repository: each app's ``loaders.load()``."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.content import ContentError


class Command(BaseCommand):
    help = (
        "Charge le contenu livré avec le dépôt (métiers, sources, formations, employeurs). "
        "Crée seulement ce qui manque ; ne modifie jamais une fiche existante."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Montre ce qui serait créé sans rien écrire.")

    def handle(self, *args, dry_run=False, **options):
        created = {}
        try:
            with transaction.atomic():
                for app in apps.get_app_configs():
                    module_name = f"{app.name}.loaders"
                    if app.name.startswith("django") or find_spec(module_name) is None:
                        continue
                    for label, count in import_module(module_name).load().items():
                        created[label] = created.get(label, 0) + count
                if dry_run:
                    transaction.set_rollback(True)
        except ContentError as exc:
            raise CommandError(f"Contenu non chargé, rien n’a été écrit. {exc}") from None
        prefix = "Simulation : " if dry_run else ""
        if not created:
            self.stdout.write(f"{prefix}Contenu déjà à jour : rien à créer.")
            return
        summary = ", ".join(f"{count} {label}" for label, count in sorted(created.items()))
        self.stdout.write(self.style.SUCCESS(f"{prefix}Créé : {summary}."))
