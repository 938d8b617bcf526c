"""Remove the data ``generate_demo_data`` made, and nothing else."""

from django.core.management.base import BaseCommand

from portal import demo


class Command(BaseCommand):
    help = "Supprime les données de démonstration (marquées is_demo) et elles seules."

    def handle(self, *args, **options):
        deleted = demo.purge()
        demo.refresh_statistics()
        if not sum(deleted.values()):
            self.stdout.write("Aucune donnée de démonstration à supprimer.")
            return
        summary = ", ".join(f"{count} {label}" for label, count in sorted(deleted.items()))
        self.stdout.write(self.style.SUCCESS(f"Données de démonstration supprimées : {summary}."))
