"""schema.org blocks every section shares (``BreadcrumbList``)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _


def absolute_url(path: str) -> str:
    """The public address of a path, from ``DJANGO_SITE_URL`` rather than the request's host."""
    return f"{settings.SITE_URL}{path}"


def breadcrumb_list(*crumbs: tuple[str, str]) -> dict:
    """``BreadcrumbList`` from (name, path) pairs, home first and the page itself last."""
    items = [(_("Accueil"), reverse("home")), *crumbs]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(name), "item": absolute_url(path)}
            for position, (name, path) in enumerate(items, start=1)
        ],
    }
