"""The anonymous page cache: served from cache, emptied by a change to what a page shows, on both backends."""

import io
import os
import re
import subprocess
import sys
import uuid

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import models
from django.urls import resolve, reverse

from careers.models import Career
from careers.tests.factories import CareerFactory, SectorFactory
from core.cache import KEY, content_labels, version
from core.project import is_historical, project_models
from core.registry import site
from jobs.models import JobOffer
from jobs.tests.factories import JobOfferFactory
from portal.cache import labels_shown_by, view_of
from portal.tests.discovery import factories_by_model, public_page_of, public_patterns
from portal.tests.test_settings import PRODUCTION, run_manage
from training.models import Programme

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


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    """The two set-ups of settings.py: pages and content versions in this process's memory, or in Redis."""
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_location(),
                # Own keys per test: other suites may share the server.
                "KEY_PREFIX": f"capia-test-{uuid.uuid4().hex}",
            }
        }
    else:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
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


def test_the_health_check_is_never_served_from_cache(client, page_cache):
    """A load balancer must learn that the database is down, not read a stored "ok"."""
    get(client, "/healthz")
    assert "X-Page-Cache" not in get(client, "/healthz")


def test_zero_seconds_disables_the_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "X-Page-Cache" not in get(client, "/metiers/")


def test_a_lost_version_never_brings_back_pages_cached_under_an_older_one(client, page_cache):
    """An evicted version is set again to a fresh random value, not to a first value that old keys used."""
    career = CareerFactory(title="Avant")
    get(client, "/metiers/")
    before = version("careers")
    Career.objects.filter(pk=career.pk).update(title="Après")  # bumps "careers"
    cache.delete(KEY % "careers")  # evicted
    assert version("careers") != before
    response = get(client, "/metiers/")
    assert response["X-Page-Cache"] == "miss" and "Après" in response.text


# The API: a cached answer counts against the throttle, as a fresh one does.


def test_cached_api_answers_are_throttled_too(client, page_cache, settings):
    settings.API_THROTTLE_ANON = "3/min"
    CareerFactory()
    answers = [client.get("/api/v1/careers/") for _ in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert [a.get("X-Page-Cache") for a in answers[:3]] == ["miss", "hit", "hit"]
    assert 0 < int(answers[3]["Retry-After"]) <= 60
    assert answers[3].json()["detail"]
    assert client.get("/api/v1/careers/", REMOTE_ADDR="192.0.2.7")["X-Page-Cache"] == "hit", "per address"


def test_pages_are_not_throttled(client, page_cache, settings):
    settings.API_THROTTLE_ANON = "1/min"
    assert [get(client, "/metiers/").status_code for _ in range(3)] == [200, 200, 200]


# Which pages a change empties: those that can show it, and no other.


def test_every_declared_label_is_an_app_with_content():
    """A misspelt label would key pages on a version nothing ever bumps: they would never be emptied."""
    declared = {}
    for _, _, view_name, pattern in public_patterns():
        view = getattr(pattern.callback, "view_class", None) or getattr(pattern.callback, "cls", None)
        declared[view_name] = labels_shown_by(view or pattern.callback)
    unknown = {name: labels for name, labels in declared.items() if not set(labels) <= set(content_labels())}
    assert not unknown
    assert declared["careers:list"] == ("careers", "core")  # core: the synonyms its ?q= reads
    assert declared["home"] == content_labels()


def apps_shown_at(url):
    from django.test import RequestFactory

    return set(labels_shown_by(view_of(RequestFactory().get(url))))


@pytest.mark.parametrize(
    ("url", "shows"),
    [
        ("/", {"careers", "training", "jobs", "core", "places"}),
        # core, for a list: the search synonyms its ?q= reads.
        ("/metiers/", {"careers", "core"}),
        ("/metiers/un-metier/", {"careers", "training", "jobs", "core", "places"}),
        ("/offres/", {"jobs", "careers", "core"}),
        ("/formations/", {"training", "careers", "core"}),
        ("/parcours/", {"training"}),
        ("/api/v1/offers/", {"jobs", "careers", "core"}),
        ("/nulle-part/", {"careers", "training", "jobs", "core", "places"}),
    ],
)
def test_pages_are_keyed_on_the_apps_they_show(url, shows):
    assert apps_shown_at(url) == shows


API_DETAIL_OF_PAGE = {
    "api:career-detail": "careers:detail",
    "api:programme-detail": "training:programme_detail",
    "api:offer-detail": "jobs:offer_detail",
}
NONCE = re.compile(rb'nonce="[^"]*"')
# The API's schema and docs come from the code, not the content (and the schema takes a second to build).
NO_CONTENT = {"api:schema", "api:docs", "favicon"}  # favicon: a redirect to a static file


def detail_url_kwargs() -> dict[str, list[dict]]:
    """URL kwargs by view name of the pages that show each model's first and last rows (a factory's)."""
    found = {}
    for model in edited_models():
        for row in [*model._default_manager.order_by("pk")[:1], *model._default_manager.order_by("-pk")[:1]]:
            page = public_page_of(row)
            if page is not None:
                match = resolve(page)
                if match.kwargs not in found.setdefault(match.view_name, []):
                    found[match.view_name].append(match.kwargs)
    return found


def world_urls() -> list[str]:
    """Every public page over the world: each list, the details that show each model, pages answering a query."""
    known = detail_url_kwargs()
    urls = []
    for _, params, view_name, _ in public_patterns():
        if view_name in NO_CONTENT:
            continue
        if view_name == "sitemap_section":
            urls += [reverse(view_name, kwargs={"section": section}) for section in site.sitemaps]
        elif not params:
            urls.append(reverse(view_name))
        else:
            for kwargs in known.get(API_DETAIL_OF_PAGE.get(view_name, view_name), []):
                urls.append(reverse(view_name, kwargs=kwargs))
    programmes = list(Programme.objects.published().order_by("pk")[:2])
    career = Career.objects.published().order_by("pk").first()
    urls += [
        "/recherche/?q=data",
        "/orientation/?situation=salarie",
        f"/formations/comparer/?p={programmes[0].slug}&p={programmes[1].slug}",
        f"/orientation/cout/?formation={programmes[0].slug}&metier={career.slug}&cpf=0&salaire=2000",
    ]
    return urls


def edit_every_row(model) -> bool:
    """Change every text the rows of ``model`` hold, one save each (with its signals); False if it has none."""
    fields = [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not (field.choices or field.unique or isinstance(field, models.SlugField) or not field.editable)
    ]
    for row in model._default_manager.all():
        for field in fields:
            value = getattr(row, field.name) or ""
            setattr(row, field.name, (f"{value} ✎" if value else "✎")[: field.max_length or None])
        row.save()
    return bool(fields)


def edited_models():
    return sorted(
        (model for model in project_models() if not is_historical(model)), key=lambda model: model._meta.label
    )


def body(response) -> bytes:
    return NONCE.sub(b"", response.content)


# What a change must leave cached: the pages of the apps it does not touch.
KEPT = {
    "jobs.JobOffer": ["/metiers/", "/parcours/", "/formations/", "/api/v1/programmes/"],
    "training.Programme": ["/metiers/", "/offres/", "/offres/flux.rss", "/api/v1/offers/"],
    "careers.Career": ["/parcours/", "/api/v1/paths/", "/api/v1/employers/"],
}


def test_a_change_empties_the_pages_that_show_it_and_keeps_the_others(client, settings):
    """For each model in turn, every text of every row is changed; then no page may still show the old text.

    A page served from the cache after the change is compared with the page
    rendered afresh: any difference is a page the change should have emptied.
    """
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }
    call_command("load_content", stdout=io.StringIO())
    for factory_class in factories_by_model().values():
        factory_class()
    urls = world_urls()
    settings.PAGE_CACHE_SECONDS = CACHED = 3600  # longer than the test, however slow the machine
    settings.API_THROTTLE_ANON = "100000/min"  # this test asks the API a few hundred times
    shown = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 410), (url, response.status_code)
        shown[url] = body(response)

    stale, emptied_wrongly, unseen = {}, {}, []
    for model in edited_models():
        label = model._meta.label
        has_text = edit_every_row(model)
        kept, changed = [], []
        for url in urls:
            served = client.get(url)
            assert served.status_code in (200, 410), (label, url, served.status_code)
            fresh = served
            if served.get("X-Page-Cache") == "hit":
                kept.append(url)
                settings.PAGE_CACHE_SECONDS = 0
                fresh = client.get(url)
                settings.PAGE_CACHE_SECONDS = CACHED
                if body(fresh) != body(served):
                    stale.setdefault(label, []).append(url)
            if body(fresh) != shown[url]:
                changed.append(url)
            shown[url] = body(fresh)
        if label in stale:  # judge the next model on pages of its own
            cache.clear()
            for url in urls:
                client.get(url)
        emptied_wrongly[label] = [url for url in KEPT.get(label, []) if url not in kept]
        if has_text and model._meta.app_label not in ("core", "places") and not changed:
            unseen.append(label)
    assert not stale, f"pages still showing what changed: {stale}"
    assert not any(emptied_wrongly.values()), f"pages emptied by a change they do not show: {emptied_wrongly}"
    # Each change showed somewhere, or the test would prove nothing for it (core's rows have no public page,
    # communes show through a ?ville= query only).
    assert not unseen, unseen


# Without a shared cache, production says so at start-up.


def test_production_without_a_shared_cache_warns_at_start_up():
    result = run_manage("check", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "portal.W001" in result.stderr + result.stdout
    assert "without REDIS_URL" in result.stderr + result.stdout


def test_production_with_redis_or_no_page_cache_does_not_warn():
    with_redis = run_manage("check", **PRODUCTION, REDIS_URL=REDIS_DEFAULT)
    without_cache = run_manage("check", **PRODUCTION, DJANGO_PAGE_CACHE_SECONDS="0")
    assert "portal.W001" not in with_redis.stderr + with_redis.stdout
    assert "portal.W001" not in without_cache.stderr + without_cache.stdout


def test_each_gunicorn_worker_logs_the_warning_when_it_loads():
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REDIS_"))}
    environment.update(PRODUCTION, DJANGO_LOG_FORMAT="text")
    result = subprocess.run(
        [sys.executable, "-c", "import portal.wsgi"],
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "portal.cache" in line]
    assert len(lines) == 1 and "WARNING" in lines[0] and "without REDIS_URL" in lines[0]
