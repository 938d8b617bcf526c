"""Archive the published offers whose expiry has passed. Safe to run from cron every hour."""

from django.core.management.base import BaseCommand
from django.db import transaction

from jobs.models import JobOffer


class Command(BaseCommand):
    help = (
        "Archive les offres publiées dont la date d’expiration est passée. "
        "Sans effet si rien n’a expiré : peut tourner chaque heure (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compte les offres à archiver sans rien écrire.")

    def handle(self, *args, dry_run=False, **options):
        with transaction.atomic():
            expired = JobOffer.objects.expired()
            if dry_run:
                count = expired.count()
                self.stdout.write(f"Simulation : {count} offre(s) expirée(s) seraient archivée(s).")
                return
            count = expired.archive()
        if count:
            self.stdout.write(self.style.SUCCESS(f"{count} offre(s) expirée(s) archivée(s)."))
        else:
            self.stdout.write("Aucune offre expirée à archiver.")
