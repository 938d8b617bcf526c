"""Admin login is throttled: repeated failures lock the account and the address."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from portal.tests.test_settings import run_manage

pytestmark = pytest.mark.django_db

LIMIT = settings.AXES_FAILURE_LIMIT


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    """Real hashing costs half a second a login; these tests log in dozens of times."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def login(client, password="mauvais-mot-de-passe", username="chef", **extra):
    return client.post(reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}, **extra)


def test_failures_below_the_limit_show_the_usual_form(client, superuser):
    for _ in range(LIMIT - 1):
        response = login(client)
        assert response.status_code == 200
        assert "Connexion temporairement bloquée" not in response.text
    assert login(client, password="motdepasse-de-test").status_code == 302


def test_reaching_the_limit_locks_with_a_french_explanation(client, superuser):
    for _ in range(LIMIT - 1):
        login(client)
    response = login(client)
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.text
    assert f"après {LIMIT} tentatives, ce compte et cette adresse sont bloqués" in response.text
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"Réessayez dans {minutes} minutes" in response.text


def test_right_password_is_refused_while_locked(client, superuser):
    for _ in range(LIMIT):
        login(client)
    response = login(client, password="motdepasse-de-test")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_locked_account_stays_locked_from_another_address(client, superuser):
    for _ in range(LIMIT):
        login(client)
    other = Client(REMOTE_ADDR="203.0.113.7")
    assert login(other, password="motdepasse-de-test").status_code == 429


def test_locked_address_cannot_try_another_account(client, superuser, staff_user):
    for _ in range(LIMIT):
        login(client)
    assert login(client, username="redaction", password="motdepasse-de-test").status_code == 429


def test_a_success_resets_the_count(client, superuser):
    for _ in range(LIMIT - 1):
        login(client)
    assert login(client, password="motdepasse-de-test").status_code == 302
    client.logout()
    assert login(client).status_code == 200, "the earlier failures no longer count"


def test_behind_a_trusted_proxy_the_forwarded_address_is_throttled(client, superuser, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    for _ in range(LIMIT):
        login(client, username="inconnu", HTTP_X_FORWARDED_FOR="198.51.100.1, 192.0.2.10")
    # Same proxy (REMOTE_ADDR), another visitor: not locked.
    assert login(client, username="autre", HTTP_X_FORWARDED_FOR="192.0.2.11").status_code == 200
    assert login(client, username="autre", HTTP_X_FORWARDED_FOR="192.0.2.10").status_code == 429


def test_admin_path_comes_from_the_environment():
    result = run_manage(
        "shell",
        "-c",
        "from django.urls import reverse; print(reverse('admin:index'))",
        DJANGO_ADMIN_URL="/gestion-7f3/",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "/gestion-7f3/"
