"""A page cache for anonymous visitors: a page is forgotten the moment the content it shows changes.

A rendered page is kept under a key holding the content versions (``core.cache``) of the apps it reads, which
its view names in ``content_labels`` (every app if it names none): a saved offer empties the pages that can show
offers and keeps /formations/. Only anonymous GET/HEAD requests (no session or messages cookie) are served, only
200s that set no cookie are stored, with the CSP header their nonce matches. API answers ask the view's throttles
first, as DRF would. Without a shared cache (``REDIS_URL``) other processes see a change within
``PAGE_CACHE_SECONDS``, which production says at start-up (``shared_cache_warning``).
"""

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve

from core.cache import bump, content_labels, version

SKIPPED_HEADERS = {"x-request-id", "set-cookie"}


def content_changed() -> None:
    """Forget every cached page: for writes across apps that send no signal (the demo data generator)."""
    bump(*content_labels())


def view_of(request):
    """The view class (Django or DRF) or function that will answer ``request``; ``None`` for no URL."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return getattr(match.func, "view_class", None) or getattr(match.func, "cls", None) or match.func


def labels_shown_by(view) -> tuple[str, ...]:
    """The apps whose content the view's pages show: what it declares, else every app."""
    declared = getattr(view, "content_labels", None)
    return tuple(declared) if declared is not None else content_labels()


def throttled(view, request) -> bool:
    """Whether the API view's throttles refuse the request now; a request they let through is counted."""
    throttles = getattr(view, "throttle_classes", None) or ()  # DRF views only
    # The view is not built yet: throttles here key on the request alone (core.api.AnonymousThrottle).
    return not all(throttle().allow_request(request, None) for throttle in throttles)


class PageCacheMiddleware:
    """Serve anonymous visitors the page as last rendered while its content has not changed; before the CSP
    middleware, so it replays the page's own CSP header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        view = view_of(request)
        versions = version(*labels_shown_by(view))
        key = f"page-cache:{versions}:{request.get_host()}:{request.get_full_path()}"
        stored = cache.get(key)
        if stored is not None and not throttled(view, request):
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


def shared_cache_warning() -> str | None:
    """What production should know when the page cache is on without a cache every process shares."""
    if settings.PRODUCTION and settings.PAGE_CACHE_SECONDS > 0 and not settings.REDIS_URL:
        return (
            f"The page cache is on (DJANGO_PAGE_CACHE_SECONDS={settings.PAGE_CACHE_SECONDS}) without REDIS_URL: "
            "each worker keeps its own pages and content versions, so a change shows at once only in the "
            f"worker that saved it, in the others within {settings.PAGE_CACHE_SECONDS} s. Set REDIS_URL "
            "(or DJANGO_PAGE_CACHE_SECONDS=0) when serving with more than one worker."
        )
    return None


def check_shared_cache(app_configs, **kwargs):
    message = shared_cache_warning()
    return [checks.Warning(message, id="portal.W001")] if message else []
