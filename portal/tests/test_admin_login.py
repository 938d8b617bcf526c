"""Admin login is throttled: repeated failures lock an account from one address, and the address past a ceiling."""

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


def login(client, password="mauvais-mot-de-passe", username="chef", next="/admin/", **extra):
    return client.post(reverse("admin:login"), {"username": username, "password": password, "next": next}, **extra)


def test_failures_below_the_limit_show_the_usual_form(client, superuser):
    for _ in range(LIMIT - 1):
        response = login(client)
        assert response.status_code == 200
        assert "Connexion temporairement bloquée" not in response.text
    assert login(client, password="motdepasse-de-test").status_code == 302


def test_reaching_the_limit_locks_with_a_french_explanation_and_retry_after(client, superuser):
    for _ in range(LIMIT - 1):
        login(client)
    response = login(client)
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.text
    assert f"après {LIMIT} tentatives, ce compte est bloqué depuis cette adresse" in response.text
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"Réessayez dans {minutes} minutes" in response.text
    assert response["Retry-After"] == str(minutes * 60)


def test_right_password_is_refused_while_locked(client, superuser):
    for _ in range(LIMIT):
        login(client)
    response = login(client, password="motdepasse-de-test")
    assert response.status_code == 429
    assert response["Retry-After"]
    assert "_auth_user_id" not in client.session


def test_a_locked_account_still_logs_in_from_another_address(client, superuser):
    """Someone who knows a staff name cannot keep that person out: the lock is for one address."""
    for _ in range(LIMIT):
        login(client)
    other = Client(REMOTE_ADDR="203.0.113.7")
    assert login(other, password="motdepasse-de-test").status_code == 302


def test_colleagues_behind_the_same_address_still_log_in(client, superuser, staff_user):
    for _ in range(LIMIT):
        login(client)
    assert login(client, username="redaction", password="motdepasse-de-test").status_code == 302


def test_many_accounts_tried_from_one_address_lock_the_address(client, superuser, staff_user, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    for number in range(7):
        assert login(client, username=f"inconnu-{number % 4}").status_code == 200
    assert login(client, username="inconnu-9").status_code == 429
    response = login(client, username="redaction", password="motdepasse-de-test")
    assert response.status_code == 429
    assert "depuis cette adresse : après 8 tentatives, quels que soient les comptes, elle est bloquée" in response.text
    assert response["Retry-After"]
    elsewhere = Client(REMOTE_ADDR="203.0.113.7")
    assert login(elsewhere, username="redaction", password="motdepasse-de-test").status_code == 302


def test_the_address_ceiling_must_not_be_below_the_account_limit():
    result = run_manage("check", DJANGO_AXES_FAILURE_LIMIT="6", DJANGO_AXES_ADDRESS_FAILURE_LIMIT="5")
    assert result.returncode != 0
    assert "DJANGO_AXES_ADDRESS_FAILURE_LIMIT must be at least DJANGO_AXES_FAILURE_LIMIT" in result.stderr


def test_a_success_resets_the_count(client, superuser):
    for _ in range(LIMIT - 1):
        login(client)
    assert login(client, password="motdepasse-de-test").status_code == 302
    client.logout()
    assert login(client).status_code == 200, "the earlier failures no longer count"


def test_a_forged_forwarded_address_changes_nothing_without_a_trusted_proxy(client, superuser, settings):
    """Trusting the proxy for HTTPS (DJANGO_SECURE_PROXY_SSL) says nothing of how many proxies append addresses."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = 0
    for number in range(LIMIT):
        login(client, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    assert login(client, HTTP_X_FORWARDED_FOR="198.51.100.99", password="motdepasse-de-test").status_code == 429


def test_behind_one_trusted_proxy_the_address_it_saw_is_throttled(client, superuser, settings):
    settings.TRUSTED_PROXIES = 1
    for number in range(LIMIT):
        # What the visitor wrote comes first; the proxy appends the address it saw.
        login(client, HTTP_X_FORWARDED_FOR=f"10.9.9.{number}, 192.0.2.10")
    # Same proxy (REMOTE_ADDR), another visitor: not locked.
    assert login(client, password="motdepasse-de-test", HTTP_X_FORWARDED_FOR="192.0.2.11").status_code == 302
    client.logout()
    assert login(client, password="motdepasse-de-test", HTTP_X_FORWARDED_FOR="192.0.2.10").status_code == 429


def test_a_forwarded_address_that_is_not_an_ip_is_not_stored(client, superuser, settings):
    from axes.models import AccessAttempt

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = 1
    login(client, HTTP_X_FORWARDED_FOR="<script>alert(1)</script>", REMOTE_ADDR="192.0.2.50")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["192.0.2.50"]


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)"])
def test_a_refused_next_lands_on_the_admin_home(client, superuser, next_url):
    form = client.get(reverse("admin:login"), {"next": next_url})
    assert form.status_code == 200
    response = client.post(
        reverse("admin:login"), {"username": "chef", "password": "motdepasse-de-test", "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200


def test_a_local_next_is_followed(client, superuser):
    response = login(client, password="motdepasse-de-test", next="/admin/a-revoir/")
    assert response["Location"] == "/admin/a-revoir/"


def test_admin_path_comes_from_the_environment():
    result = run_manage(
        "shell",
        "-c",
        "from django.urls import reverse; print(reverse('admin:index'))",
        DJANGO_ADMIN_URL="/gestion-7f3/",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "/gestion-7f3/"
