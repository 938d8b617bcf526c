"""Settings are read from the environment; production refuses unsafe values."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", DJANGO_ENV="production")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


@pytest.mark.parametrize("key", ["x", "short-but-not-fifty-characters", "ab" * 30])
def test_production_refuses_a_weak_secret_key(key):
    result = run_manage("check", **{**PRODUCTION, "DJANGO_SECRET_KEY": key})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is too weak for production" in result.stderr


def test_production_refuses_debug():
    result = run_manage("check", **PRODUCTION, DJANGO_DEBUG="1")
    assert result.returncode != 0
    assert "DJANGO_DEBUG cannot be on when DJANGO_ENV=production" in result.stderr


def test_development_may_debug_with_any_key():
    result = run_manage("check", DJANGO_DEBUG="1", DJANGO_SECRET_KEY="x")
    assert result.returncode == 0, result.stderr


def test_deploy_check_warns_of_a_tls_proxy_without_trusted_proxies():
    """Every visitor would share the proxy's address: one throttle count, one login limit for all."""
    common = ("check", "--deploy", "--fail-level", "WARNING")
    env = {**PRODUCTION, "REDIS_URL": "redis://cache:6379/0", "DJANGO_SECURE_PROXY_SSL": "1"}
    untrusted = run_manage(*common, **env)
    assert untrusted.returncode != 0 and "core.W001" in untrusted.stderr + untrusted.stdout
    trusted = run_manage(*common, **env, DJANGO_TRUSTED_PROXIES="1")
    assert trusted.returncode == 0, trusted.stderr + trusted.stdout


def test_a_negative_number_of_proxies_is_refused():
    result = run_manage("check", DJANGO_TRUSTED_PROXIES="-1")
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES must be 0" in result.stderr


def test_odd_boolean_is_refused():
    result = run_manage("check", DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


def test_unknown_environment_is_refused():
    result = run_manage("check", DJANGO_ENV="staging")
    assert result.returncode != 0
    assert "DJANGO_ENV must be" in result.stderr


def test_production_settings_pass_the_deploy_check():
    # With the shared cache production needs (without it, portal.W001 warns: test_page_cache).
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, REDIS_URL="redis://cache:6379/0")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_deploy_check_notices_a_missing_https_redirect():
    """The check above is not vacuous: turning a protection off makes it fail."""
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        REDIS_URL="redis://cache:6379/0",
        DJANGO_SECURE_SSL_REDIRECT="0",
    )
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-for-tests",
    "DJANGO_ALLOWED_HOSTS": "capia.example.org",
}
HARDENING = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY",
    "X_FRAME_OPTIONS",
    "SECURE_REFERRER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "AXES_FAILURE_LIMIT",
    "LOG_FORMAT",
]


def read_settings(**env):
    """The hardening settings as a fresh process sees them under ``env``."""
    script = (
        "from django.conf import settings; import json; "
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {HARDENING!r}}}))"
    )
    result = run_manage("shell", "-c", script, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_is_secure_by_default():
    values = read_settings(**PRODUCTION)
    assert values == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": None,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_REFERRER_POLICY": "strict-origin-when-cross-origin",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "AXES_FAILURE_LIMIT": 5,
        "LOG_FORMAT": "json",
    }


def test_production_switches_for_a_proxy_and_a_local_benchmark():
    values = read_settings(
        **PRODUCTION, DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_SECURE_PROXY_SSL="1", DJANGO_AXES_FAILURE_LIMIT="3"
    )
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["AXES_FAILURE_LIMIT"] == 3
    assert values["SESSION_COOKIE_SECURE"] is True, "cookies stay secure whatever the redirect"


def test_development_does_not_force_https():
    values = read_settings(DJANGO_ENV="development")
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0


def test_a_throttle_below_one_is_refused():
    result = run_manage("check", DJANGO_AXES_COOLOFF_MINUTES="0")
    assert result.returncode != 0
    assert "must be at least 1" in result.stderr


def test_development_defaults_use_french_and_sqlite():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    if not os.environ.get("DATABASE_URL"):
        assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("true", True), ("off", False), ("", True)])
def test_env_bool(monkeypatch, value, expected):
    from portal.settings import env_bool

    monkeypatch.setenv("CAPIA_FLAG", value)
    assert env_bool("CAPIA_FLAG", default=True) is expected


def test_odd_api_throttle_rate_is_refused():
    result = run_manage("check", DJANGO_API_THROTTLE_ANON="lots")
    assert result.returncode != 0
    assert "DJANGO_API_THROTTLE_ANON must look like 300/min" in result.stderr


def test_api_throttle_rate_is_read_from_the_environment():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.API_THROTTLE_ANON)",
        DJANGO_API_THROTTLE_ANON="20/hour",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "20/hour"
