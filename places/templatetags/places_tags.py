from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def distance_label(row) -> str:
    """ "à 12 km" from the place chosen in the filters (``distance``, set by ``places.filters``), or ""."""
    km = getattr(row, "distance", None)
    if km is None:
        return ""
    if km < 1:
        return _("à moins d’1 km")
    return _("à %(km)s km") % {"km": round(km)}
