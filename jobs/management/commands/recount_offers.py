"""Recount the offer board's tallies from the offers (jobs.facet_tally).

Triggers keep them exact on every write; this is for writes that bypassed
triggers, such as a PostgreSQL restore with ``--disable-triggers``.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from core.signals import content_changed
from jobs import facet_tally
from jobs.models import JobOffer


class Command(BaseCommand):
    help = (
        "Recompte les offres par filtre (contrat, région, télétravail, expérience, métier, jour de publication). "
        "Les déclencheurs de la base les tiennent à jour ; utile seulement après une écriture qui les a contournés."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            facet_tally.rebuild()
            content_changed.send(sender=JobOffer)
        self.stdout.write(self.style.SUCCESS("Comptes des offres recalculés."))
