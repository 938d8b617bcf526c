"""Create or refresh the staff groups with the permissions each app grants them (``core.roles``)."""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from core.registry import site


def codenames(grants: dict) -> list[tuple[str, str]]:
    return [
        (label.split(".")[0], f"{action}_{label.split('.')[1]}")
        for label, actions in grants.items()
        for action in actions
    ]


class Command(BaseCommand):
    help = (
        "Crée les groupes « Rédaction », « Chef d’édition » et « Modération des offres » avec leurs permissions, "
        "ou les remet à jour. Sans effet la deuxième fois."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Affiche ce qui serait fait sans rien écrire.")

    def handle(self, *args, dry_run=False, **options):
        with transaction.atomic():
            for name, grants in site.roles.items():
                wanted = codenames(grants)
                query = Q(pk__in=[])
                for app_label, codename in wanted:
                    query |= Q(content_type__app_label=app_label, codename=codename)
                permissions = list(Permission.objects.filter(query))
                if len(permissions) != len(wanted):
                    found = {(p.content_type.app_label, p.codename) for p in permissions}
                    missing = sorted(f"{a}.{c}" for a, c in set(wanted) - found)
                    raise CommandError(
                        f"Permissions introuvables : {', '.join(missing)}. Lancez « manage.py migrate »."
                    )
                group, created = Group.objects.get_or_create(name=name)
                before = set(group.permissions.values_list("pk", flat=True))
                after = {permission.pk for permission in permissions}
                if not dry_run:
                    group.permissions.set(permissions)
                state = "créé" if created else ("mis à jour" if before != after else "inchangé")
                self.stdout.write(f"{name} : {state}, {len(after)} permissions.")
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write("Simulation : rien n’a été écrit.")
