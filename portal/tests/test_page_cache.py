"""The anonymous page cache: served from cache, emptied at once by any content change, on both backends."""

import os
import subprocess
import sys
import uuid

import pytest
from django.core.cache import cache
from django.core.management import call_command

from careers.models import Career
from careers.tests.factories import CareerFactory, SectorFactory
from jobs.models import JobOffer
from jobs.tests.factories import JobOfferFactory

pytestmark = pytest.mark.django_db

REDIS_DEFAULT = "redis://127.0.0.1:6379/0"


def redis_location():
    """REDIS_URL if set, else the local server; skip (fail in CI) when it does not answer."""
    import redis

    url = os.environ.get("REDIS_URL") or REDIS_DEFAULT
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {url} does not answer in CI: {error}")
        pytest.skip(f"Redis at {url} does not answer ({error}); set REDIS_URL or start redis-server to run this test.")
    return url


def file_version_cache(directory) -> dict:
    return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(directory)}


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings, tmp_path):
    """The two set-ups of settings.py: pages in memory with the version in files, or everything in Redis."""
    if request.param == "redis":
        redis = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_location(),
            # Own keys per test: other suites may share the server.
            "KEY_PREFIX": f"capia-test-{uuid.uuid4().hex}",
        }
        settings.CACHES = {"default": redis, "content_version": redis}
    else:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex},
            "content_version": file_version_cache(tmp_path / "version"),
        }
    settings.PAGE_CACHE_SECONDS = 60
    yield request.param
    cache.clear()


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def test_second_anonymous_visit_is_served_from_cache_with_its_csp_header(client, page_cache):
    career = CareerFactory()
    first = get(client, career.get_absolute_url())
    second = get(client, career.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # The JSON-LD nonce in the cached page still matches the header it is served with.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_query_string_is_part_of_the_key(client, page_cache):
    get(client, "/offres/")
    assert get(client, "/offres/", contrat="cdi")["X-Page-Cache"] == "miss"


def test_saving_content_shows_at_once(client, page_cache):
    career = CareerFactory(title="Ancien titre")
    assert "Ancien titre" in get(client, "/metiers/").text
    career.title = "Nouveau titre"
    career.save()
    response = get(client, "/metiers/")
    assert response["X-Page-Cache"] == "miss"
    assert "Nouveau titre" in response.text


def test_deleting_content_shows_at_once(client, page_cache):
    career = CareerFactory(title="Métier supprimé")
    assert "Métier supprimé" in get(client, "/metiers/").text
    career.delete()
    assert "Métier supprimé" not in get(client, "/metiers/").text


def test_m2m_change_shows_at_once(client, page_cache):
    career = CareerFactory()
    get(client, career.get_absolute_url())
    career.sectors.add(SectorFactory(name="Aéronautique"))
    assert "Aéronautique" in get(client, career.get_absolute_url()).text


@pytest.mark.parametrize(
    "change",
    [
        lambda: Career.objects.filter(title="Visible").unpublish(),
        lambda: JobOffer.objects.all().archive(),
        lambda: JobOffer.objects.all().unpublish(),
    ],
    ids=["career-unpublish", "offers-archive", "offers-unpublish"],
)
def test_queryset_state_changes_show_at_once(client, page_cache, change):
    CareerFactory(title="Visible")
    JobOfferFactory(title="Offre visible")
    assert "Visible" in get(client, "/metiers/").text
    assert "Offre visible" in get(client, "/offres/").text
    change()
    metiers, offres = get(client, "/metiers/").text, get(client, "/offres/").text
    assert ("Visible" not in metiers) or ("Offre visible" not in offres)


def test_queryset_publish_shows_at_once(client, page_cache):
    JobOfferFactory(title="Offre en brouillon", draft=True)
    assert "Offre en brouillon" not in get(client, "/offres/").text
    JobOffer.objects.filter(title="Offre en brouillon").publish()
    assert "Offre en brouillon" in get(client, "/offres/").text


def test_expire_offers_shows_at_once(client, page_cache):
    JobOfferFactory(title="Offre périmée", expired=True)
    JobOfferFactory(title="Offre fraîche")
    get(client, "/offres/")
    call_command("expire_offers", stdout=None)
    assert JobOffer.objects.filter(status=JobOffer.Status.ARCHIVED).count() == 1
    assert get(client, "/offres/")["X-Page-Cache"] == "miss"


def test_staff_never_get_cached_pages(staff_client, client, page_cache):
    career = CareerFactory()
    get(client, career.get_absolute_url())
    assert "X-Page-Cache" not in get(staff_client, career.get_absolute_url())


def test_admin_is_never_cached(admin_client, page_cache):
    admin_client.cookies.clear()
    response = admin_client.get("/admin/login/")
    assert "X-Page-Cache" not in response


def test_responses_setting_cookies_are_not_stored(client, page_cache):
    response = client.get("/admin/login/")  # sets the CSRF cookie; not cached anyway
    assert response.cookies
    assert "X-Page-Cache" not in response


def test_errors_are_not_stored(client, page_cache):
    assert client.get("/metiers/inconnu/").status_code == 404
    response = client.get("/metiers/inconnu/")
    assert "X-Page-Cache" not in response


def test_zero_seconds_disables_the_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "X-Page-Cache" not in get(client, "/metiers/")


VERSION_IN_ANOTHER_PROCESS = (
    "import django; django.setup(); from portal.cache import content_version; print(content_version())"
)


def test_a_change_reaches_every_worker_of_the_machine(settings, tmp_path):
    """Without Redis, pages stay in each worker's memory but the version is in files: another process sees a save.

    Another gunicorn worker is played by a separate Python process with the
    settings ``make serve`` gives (no REDIS_URL), pointed at the same folder.
    """
    directory = tmp_path / "version"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex},
        "content_version": file_version_cache(directory),
    }
    settings.PAGE_CACHE_SECONDS = 60
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings", DJANGO_CACHE_DIR=str(directory))

    def version_elsewhere() -> int:
        out = subprocess.run(
            [sys.executable, "-c", VERSION_IN_ANOTHER_PROCESS], env=env, capture_output=True, text=True, check=True
        )
        return int(out.stdout.strip().splitlines()[-1])

    before = version_elsewhere()
    CareerFactory(title="Nouveau métier")  # saved here: bumps the version
    after = version_elsewhere()
    assert after != before
