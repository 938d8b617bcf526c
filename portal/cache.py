"""A page cache for anonymous visitors, emptied the moment content changes.

Public pages are read far more than written. A whole rendered page is kept,
under a key that includes a *content version*; any write to a project model
(save, delete, m2m change, and the queryset-level ``update()`` behind
``publish()``, ``archive()``, ``expire_offers``…) bumps the version, so every
page rendered before it is never served again. The version lives in the
``content_version`` cache, which every process sees: Redis when ``REDIS_URL``
is set (every server), else files (every worker of this machine), while the
pages themselves may stay in each process's memory.

Only anonymous GET/HEAD requests are served from it: a request carrying a
session or messages cookie (staff, someone with a flash message) goes
through. Only 200 responses that set no cookie are stored. (Pages say
"Vary: Cookie" because templates look at ``request.user``; a request without
session cookie is the anonymous case of that Vary, which is all this serves.)
The stored headers include the Content-Security-Policy the page was rendered
with, so its JSON-LD nonce still matches.
"""

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse

from core.project import project_app_configs
from core.signals import content_changed as content_changed_signal

VERSION_KEY = "page-cache:version"
SKIPPED_HEADERS = {"x-request-id", "set-cookie"}


VERSION_CACHE = "content_version"  # an alias every process shares (settings.CACHES)


def content_version() -> int:
    store = caches[VERSION_CACHE]
    version = store.get(VERSION_KEY)
    if version is None:
        store.add(VERSION_KEY, 1, timeout=None)
        version = store.get(VERSION_KEY, 1)
    return version


def bump_now() -> None:
    store = caches[VERSION_CACHE]
    try:
        store.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value differs from what keys were built with
        store.add(VERSION_KEY, 2, timeout=None)


def content_changed() -> None:
    """Forget every cached page: now, and again once the surrounding transaction commits.

    The first bump makes the writer's next request fresh; the second stops a
    page rendered by another request between the two (from the old data) from
    staying in the cache.
    """
    if settings.PAGE_CACHE_SECONDS <= 0:
        return
    bump_now()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump_now)


def is_project_model(sender) -> bool:

    labels = {config.label for config in project_app_configs()}
    return sender._meta.app_label in labels


def on_model_change(sender, **kwargs):
    if is_project_model(sender):
        content_changed()


def connect_signals() -> None:
    post_save.connect(on_model_change, dispatch_uid="page-cache-save")
    post_delete.connect(on_model_change, dispatch_uid="page-cache-delete")
    m2m_changed.connect(on_model_change, dispatch_uid="page-cache-m2m")
    content_changed_signal.connect(on_model_change, dispatch_uid="page-cache-bulk")


class PageCacheMiddleware:
    """Serve anonymous visitors the page as last rendered, while content has not changed.

    Placed before the CSP middleware, so it stores and replays the CSP header
    that went with the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        key = f"page-cache:{content_version()}:{request.get_host()}:{request.get_full_path()}"
        stored = cache.get(key)
        if stored is not None:
            content, status, headers = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.cacheable_response(response):
            headers = [(name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS]
            cache.set(key, (response.content, response.status_code, headers), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def cacheable_request(request) -> bool:
        if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
            return False
        if request.path.startswith("/" + settings.ADMIN_URL):
            return False
        return not (settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES)

    @staticmethod
    def cacheable_response(response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        return "private" not in cache_control and "no-store" not in cache_control
