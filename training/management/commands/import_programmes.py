"""``manage.py import_programmes cpf --file export.csv``: the CPF or ONISEP catalogue, streamed, upserted."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError

from core.imports import grouped
from training.importers import CATALOGUES, ImportFailed, import_catalogue

SHOWN_REFUSALS = 20


class Command(BaseCommand):
    help = (
        "Importe le catalogue CPF (Caisse des Dépôts, export CSV ou JSON de moncompteformation_catalogueformation) "
        "ou celui de l’ONISEP (JSON ou CSV) : seules les formations qui mènent aux métiers du portail sont gardées, "
        "mises à jour par leur identifiant dans le catalogue. Une exécution complète archive celles qu’elle ne "
        "trouve plus. Un fichier illisible n’écrit rien ; une ligne refusée est signalée avec sa raison."
    )

    def add_arguments(self, parser):
        parser.add_argument("catalogue", choices=sorted(CATALOGUES), help="La source du fichier.")
        parser.add_argument("--file", required=True, help="Chemin ou adresse http(s) de l’export.")
        parser.add_argument("--format", choices=["csv", "json"], help="Si l’extension ne le dit pas.")
        parser.add_argument("--dry-run", action="store_true", help="Lit et vérifie tout, puis n’écrit rien.")
        parser.add_argument(
            "--no-close",
            action="store_true",
            help="Extrait partiel du catalogue : n’archive pas les formations absentes du fichier.",
        )
        parser.add_argument(
            "--extracted-on",
            type=datetime.date.fromisoformat,
            help="Date d’extraction (AAAA-MM-JJ) quand les lignes ne la donnent pas ; aujourd’hui par défaut.",
        )

    def handle(self, *args, catalogue, file, format=None, dry_run=False, no_close=False, extracted_on=None, **opts):
        started = time.monotonic()
        verbose = opts.get("verbosity", 1) >= 1

        def progress(read, kept):
            if verbose:
                self.stderr.write(f"… {grouped(read)} enregistrements lus, {grouped(kept)} retenus")

        try:
            outcome = import_catalogue(
                catalogue,
                file,
                file_format=format,
                dry_run=dry_run,
                close=not no_close,
                extracted_on=extracted_on,
                progress=progress,
            )
        except ImportFailed as exc:
            raise CommandError(f"{file} : {exc} Rien n’a été écrit.") from None
        run = outcome.run
        for error in run.errors[:SHOWN_REFUSALS]:
            self.stderr.write(f"{error['ref']} : {error['reason']}")
        if run.refused > SHOWN_REFUSALS:
            self.stderr.write(f"… et {grouped(run.refused - SHOWN_REFUSALS)} autres (voir l’import dans l’admin).")
        prefix = "Simulation, rien n’a été écrit : " if dry_run else ""
        self.stdout.write(
            f"{prefix}{grouped(outcome.read)} enregistrements lus, {grouped(outcome.kept)} retenus : "
            f"{grouped(run.created)} créées, {grouped(run.updated)} mises à jour, {grouped(run.unchanged)} inchangées, "
            f"{grouped(run.closed)} fermées, {grouped(run.reopened)} rouvertes, {grouped(run.refused)} refusées "
            f"({time.monotonic() - started:.1f} s)."
        )
        if run.refused:
            raise CommandError(
                f"{grouped(run.refused)} enregistrement(s) refusé(s) : les autres sont importés, "
                "mais aucune formation n’a été fermée."
            )
