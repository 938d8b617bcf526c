"""Create a local superuser on first run, so a newcomer can open the admin."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Crée un compte administrateur local s’il n’en existe aucun, et affiche une seule fois son mot de passe."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username="admin", **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("Un compte administrateur existe déjà : rien à faire.")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Compte administrateur créé. Identifiant : {username}  Mot de passe : {password}\n"
                "Notez-le : il ne sera plus affiché. (Changez-le dans l’admin, ou : manage.py changepassword admin)"
            )
        )
