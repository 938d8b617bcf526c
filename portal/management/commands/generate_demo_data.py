"""Fill the database ``DATABASE_URL`` names with synthetic data, to measure the portal at scale (``make bench``)."""

import time

from django.core.management.base import BaseCommand, CommandError

from portal import demo


class Command(BaseCommand):
    help = (
        "Crée des données de démonstration (employeurs, offres, formations, quelques métiers) dans la base que "
        "désigne DATABASE_URL : à faire dans une base à part, pas dans celle du site. Leurs identifiants "
        "d’URL commencent par « demo- » ; une nouvelle génération remplace les précédentes. "
        "La même graine donne les mêmes données."
    )

    def add_arguments(self, parser):
        parser.add_argument("--offers", type=int, default=1_000, help="Nombre d’offres (défaut : 1 000).")
        parser.add_argument("--programmes", type=int, default=100, help="Nombre de formations (défaut : 100).")
        parser.add_argument("--seed", type=int, default=42, help="Graine du générateur (défaut : 42).")

    def handle(self, *args, offers, programmes, seed, **options):
        if offers < 0 or programmes < 0:
            raise CommandError("--offers et --programmes ne peuvent pas être négatifs.")
        started = time.perf_counter()
        created = demo.generate(offers=offers, programmes=programmes, seed=seed)
        demo.refresh_statistics()
        summary = ", ".join(f"{count} {label}" for label, count in sorted(created.items()))
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Données de démonstration créées en {elapsed:.1f} s : {summary}."))
