import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_ensure_admin_creates_one_superuser_and_prints_password_once(capsys):
    call_command("ensure_admin")
    first = capsys.readouterr().out
    assert "Identifiant : admin" in first and "Mot de passe :" in first
    password = first.split("Mot de passe : ")[1].split()[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)

    call_command("ensure_admin")
    second = capsys.readouterr().out
    assert "existe déjà" in second and password not in second
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
