"""The client's address, as throttles and login limits see it."""

import ipaddress

from django.conf import settings
from django.core import checks


def valid_ip(value: str) -> str | None:
    """``value`` as a normalised IP address, or ``None`` if it is not one."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The visitor's address: ``REMOTE_ADDR`` with no trusted proxy (``X-Forwarded-For`` is then the client's to
    write); behind N, the Nth ``X-Forwarded-For`` entry from the right, the one the outermost proxy saw, since
    anything left of it may be forged. A header too short, or not an IP address, falls back to ``REMOTE_ADDR``."""
    remote = valid_ip(request.META.get("REMOTE_ADDR", "")) or ""
    trusted = settings.TRUSTED_PROXIES
    if trusted <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < trusted:
        return remote
    return valid_ip(forwarded[-trusted]) or remote


def check_proxy_addresses(app_configs, **kwargs):
    """Behind a TLS proxy with no proxy trusted for addresses, every visitor has the proxy's address."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and settings.TRUSTED_PROXIES == 0:
        return [
            checks.Warning(
                "DJANGO_SECURE_PROXY_SSL=1 but DJANGO_TRUSTED_PROXIES=0: the API throttle and the login limits "
                "see every visitor with the proxy's address. Set DJANGO_TRUSTED_PROXIES to the number of proxies "
                "that append to X-Forwarded-For.",
                id="core.W001",
            )
        ]
    return []
