"""The client's address, as throttles and login limits see it."""

import ipaddress

from django.conf import settings


def valid_ip(value: str) -> str | None:
    """``value`` as a normalised IP address, or ``None`` if it is not one."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The visitor's address, for the API throttle and the admin login limits.

    With ``TRUSTED_PROXIES = 0`` (no proxy) it is the socket's address,
    ``REMOTE_ADDR``: ``X-Forwarded-For`` is the client's to write. Behind N
    proxies, each appends the address it received the request from, so the
    Nth entry from the right is the one the outermost trusted proxy saw;
    anything left of it may be forged. A header too short for N, or an entry
    that is not an IP address, falls back to ``REMOTE_ADDR``.
    """
    remote = valid_ip(request.META.get("REMOTE_ADDR", "")) or ""
    trusted = settings.TRUSTED_PROXIES
    if trusted <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < trusted:
        return remote
    return valid_ip(forwarded[-trusted]) or remote
