"""The client's address, as throttles and login limits see it."""

from django.conf import settings


def client_ip(request) -> str:
    """The visitor's address, for login throttling.

    Behind the TLS-terminating proxy that ``DJANGO_SECURE_PROXY_SSL`` trusts,
    ``REMOTE_ADDR`` is the proxy itself; the proxy appends the real address
    last to ``X-Forwarded-For`` (earlier entries are the client's to forge).
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")
