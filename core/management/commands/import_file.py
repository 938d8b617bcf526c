"""Import a CSV or XLSX file of any size, with the admin import's checks: ``manage.py import_file programmes f.csv``."""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.formats import FORMATS
from core.imports import grouped, import_in_batches, unreadable_file_message
from core.registry import site

SHOWN_PROBLEMS = 50


class Command(BaseCommand):
    help = (
        "Importe un fichier CSV (UTF-8) ou XLSX de formations ou d’offres, de toute taille : mêmes colonnes, "
        "mêmes vérifications et même tout-ou-rien que l’import de l’admin. Une seule ligne refusée et rien "
        "n’est écrit ; les erreurs sont listées avec leur ligne et leur colonne."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", choices=sorted(site.file_imports), help="Ce que le fichier contient.")
        parser.add_argument("path", help="Le fichier, .csv ou .xlsx.")
        parser.add_argument(
            "--format", choices=[fmt().get_extension() for fmt in FORMATS], help="Si l’extension ne le dit pas."
        )
        parser.add_argument("--dry-run", action="store_true", help="Vérifie tout le fichier sans rien écrire.")
        parser.add_argument(
            "--user",
            help="Identifiant de la personne qui importe : l’historique la nomme. Il lui faut le droit d’ajout.",
        )
        parser.add_argument("--batch-size", type=int, default=500, help="Lignes lues à la fois (500).")

    def handle(self, *args, name, path, format=None, dry_run=False, user=None, batch_size=500, **options):
        resource_class = site.file_imports[name]
        model = resource_class._meta.model
        file_format = self.file_format(path, format)
        importer = self.user(user, model) if user else None
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"{path} : fichier illisible ({exc.strerror}).") from None
        try:
            total = file_format.count_rows(data, limit=10**9)
        except Exception as exc:  # whatever the reader raises, the reason in one line
            raise CommandError(f"{path} : {unreadable_file_message(exc)}") from None

        # No HTML diff: only the admin's preview shows one, and it is the slowest part of each row.
        resource = type(
            resource_class.__name__, (resource_class,), {"Meta": type("Meta", (), {"skip_html_diff": True})}
        )()
        step = max(batch_size, total // 20)
        started = time.monotonic()

        def progress(done):
            if done % step == 0 or done == total:
                rate = done / max(time.monotonic() - started, 1e-6)
                self.stdout.write(
                    f"  {grouped(done)} / {grouped(total)} lignes ({100 * done // max(total, 1)} %, "
                    f"{grouped(round(rate))} lignes/s)"
                )

        self.stdout.write(f"{path} : {grouped(total)} ligne(s) de {model._meta.verbose_name_plural}.")
        try:
            outcome = import_in_batches(
                resource, file_format, data, dry_run=dry_run, user=importer, batch_size=batch_size, progress=progress
            )
        except Exception as exc:
            raise CommandError(f"{path} : {unreadable_file_message(exc)} Rien n’a été écrit.") from None
        if len(outcome.problems) == 1 and outcome.problems[0].line is None:  # the file as a whole: one line says it
            raise CommandError(f"{path} : {outcome.problems[0]} Rien n’a été écrit.")
        if outcome.problems:
            for problem in outcome.problems[:SHOWN_PROBLEMS]:
                self.stderr.write(f"{path}, {problem}")
            hidden = len(outcome.problems) - SHOWN_PROBLEMS
            if hidden > 0:
                self.stderr.write(f"… et {grouped(hidden)} autre(s).")
            raise CommandError(
                f"{path} : {grouped(len(outcome.problems))} erreur(s), rien n’a été écrit. Corrigez le fichier."
            )
        seconds = time.monotonic() - started
        summary = (
            f"{grouped(outcome.new)} nouvelle(s), {grouped(outcome.updated)} mise(s) à jour, "
            f"{grouped(outcome.skipped)} inchangée(s) ({grouped(outcome.rows)} lignes en {seconds:.1f} s)"
        )
        if outcome.pending:
            summary += (
                f" ; {grouped(outcome.pending)} de ces mises à jour touchent un élément publié et attendent "
                "l’accord d’une personne habilitée à publier"
            )
        if dry_run:
            self.stdout.write(f"Simulation : {summary}. Rien n’a été écrit.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{model._meta.verbose_name_plural.capitalize()} : {summary}."))

    def file_format(self, path, extension):
        extension = extension or Path(path).suffix.lower().lstrip(".")
        for fmt in FORMATS:
            if fmt().get_extension() == extension:
                return fmt(encoding="utf-8-sig")
        raise CommandError(f"{path} : format inconnu ; donnez --format csv ou --format xlsx.")

    def user(self, username, model):
        found = get_user_model()._default_manager.filter(username=username).first()
        if found is None:
            raise CommandError(f"Utilisateur inconnu : {username}.")
        permission = f"{model._meta.app_label}.add_{model._meta.model_name}"
        if not found.is_active or not found.has_perm(permission):
            raise CommandError(f"{username} n’a pas le droit d’importer des {model._meta.verbose_name_plural}.")
        return found
