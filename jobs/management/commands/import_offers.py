"""Fill the offer board from a source and keep it in sync: ``manage.py import_offers francetravail``."""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from careers.models import Career
from core.models import DataSource, ImportRun
from jobs.importers import francetravail
from jobs.importers.sync import Sync

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Importe les offres d’emploi de France Travail (API « Offres d’emploi v2 ») pour chaque métier publié, "
        "par ses codes ROME et ses mots-clés, et tient le tableau à jour : une offre qu’un import complet ne "
        "trouve plus est fermée, une offre qui revient est rouverte, une offre modifiée ou retirée par l’équipe "
        "est laissée telle quelle. Tout ou rien : une panne de la source n’écrit rien. Chaque passage est "
        "enregistré (admin, « À revoir »). Peut tourner chaque heure (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", choices=["francetravail"], help="La source à importer.")
        parser.add_argument(
            "--file",
            metavar="PATH",
            help="Une réponse de recherche de l’API enregistrée (JSON) au lieu d’appeler l’API. "
            "Un fichier n’est qu’une recherche : il ne ferme aucune offre.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Dit ce qui changerait sans rien écrire.")

    def handle(self, *args, source, file=None, dry_run=False, **options):
        self.verbosity = options.get("verbosity", 1)
        if file is None and not (settings.FRANCE_TRAVAIL_CLIENT_ID and settings.FRANCE_TRAVAIL_CLIENT_SECRET):
            raise CommandError(
                "France Travail : FRANCE_TRAVAIL_CLIENT_ID et FRANCE_TRAVAIL_CLIENT_SECRET ne sont pas définis ; "
                "rien n’a été importé."
            )
        searches = francetravail.searches(Career.objects.published().order_by("title", "pk"))
        if file is None and not searches:
            raise CommandError(
                "France Travail : aucun métier publié n’a de code ROME ni de mot-clé de recherche ; "
                "rien n’a été importé."
            )
        data_source, _created = DataSource.objects.get_or_create(
            key=francetravail.SOURCE_KEY, defaults=francetravail.SOURCE_DEFAULTS
        )
        run = ImportRun.start(data_source, dry_run=dry_run)
        started = time.monotonic()
        try:
            harvest = self.harvest(file, searches)
        except francetravail.SourceError as error:
            run.finish(ImportRun.Status.FAILED, f"{error}. Rien n’a été écrit.")
            raise CommandError(f"France Travail : {error}. Rien n’a été écrit.") from None
        except Exception as error:  # whatever else stopped the reading: recorded, and nothing written
            logger.exception("France Travail : lecture interrompue")
            run.finish(ImportRun.Status.FAILED, f"Lecture interrompue ({type(error).__name__}). Rien n’a été écrit.")
            raise CommandError(
                f"France Travail : lecture interrompue ({type(error).__name__}). Rien n’a été écrit."
            ) from None
        complete = file is None and harvest.complete
        read_in = time.monotonic() - started
        self.say(f"{len(harvest.records)} offre(s) lue(s) en {harvest.calls} appel(s), {read_in:.1f} s ; écriture…")
        try:
            with transaction.atomic():
                outcome = Sync(data_source, run, self.say).apply(harvest, complete=complete)
                if dry_run:
                    transaction.set_rollback(True)
        except Exception as error:
            logger.exception("France Travail : écriture interrompue")
            run.finish(ImportRun.Status.FAILED, f"Écriture interrompue ({type(error).__name__}). Rien n’a été écrit.")
            raise CommandError(
                f"France Travail : écriture interrompue ({type(error).__name__} : {error}). Rien n’a été écrit."
            ) from None
        for name in ("created", "updated", "unchanged", "closed", "reopened"):
            setattr(run, name, getattr(outcome, name))
        notes = []
        if outcome.employers:
            notes.append(f"{outcome.employers} employeur(s) créé(s)")
        if outcome.duplicates:
            notes.append(f"{outcome.duplicates} doublon(s) écarté(s) (même employeur, intitulé et ville)")
        if outcome.kept:
            notes.append(f"{outcome.kept} offre(s) modifiée(s) ou retirée(s) par l’équipe, laissée(s) telle(s)")
        if file is not None:
            notes.append("un fichier n’est qu’une recherche : aucune offre fermée")
        if harvest.capped:
            notes.append(
                f"{len(harvest.capped)} recherche(s) au-delà de {francetravail.RESULT_CAP} offres même découpée(s) "
                f"({'; '.join(harvest.capped[:5])}) : import partiel, aucune offre fermée"
            )
        if harvest.short:
            notes.append(
                f"{len(harvest.short)} recherche(s) aux pages incomplètes ({'; '.join(harvest.short[:5])}) : "
                "import partiel, aucune offre fermée"
            )
        message = "; ".join(notes)
        run.finish(ImportRun.Status.COMPLETE if complete or file is not None else ImportRun.Status.PARTIAL, message)
        written_in = time.monotonic() - started - read_in
        summary = (
            f"{outcome.created} créée(s), {outcome.updated} mise(s) à jour, {outcome.unchanged} inchangée(s), "
            f"{outcome.closed} fermée(s), {outcome.reopened} rouverte(s), {run.refused} refusée(s) "
            f"({len(harvest.records)} lues en {read_in:.1f} s, écrites en {written_in:.1f} s)"
        )
        for error in run.errors[:20]:
            self.stderr.write(f"Refusée : {error['ref']} : {error['reason']}")
        if message:
            summary += f". {message[:1].upper()}{message[1:]}"
        if dry_run:
            self.stdout.write(f"Simulation : {summary}. Rien n’a été écrit.")
        else:
            self.stdout.write(self.style.SUCCESS(f"France Travail : {summary}."))

    def say(self, line: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(line)

    def harvest(self, file, searches) -> francetravail.Harvest:
        if file is not None:
            return francetravail.read_file(file)
        client = francetravail.Client(
            client_id=settings.FRANCE_TRAVAIL_CLIENT_ID,
            client_secret=settings.FRANCE_TRAVAIL_CLIENT_SECRET,
            token_url=settings.FRANCE_TRAVAIL_TOKEN_URL,
            api_url=settings.FRANCE_TRAVAIL_API_URL,
        )
        harvest = francetravail.Harvest()
        for number, search in enumerate(searches, start=1):
            self.say(f"Recherche {number} / {len(searches)} : {search.label}")
            client.collect(search, harvest, self.say)
        return harvest
