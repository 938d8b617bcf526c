"""A commune in an import or export file."""

from django.utils.translation import gettext as _
from import_export import widgets

from places.models import Commune


class CommuneWidget(widgets.Widget):
    """Exported as its INSEE code; read from that code or as ``?ville=`` reads ("Lyon 3e", "69100"); empty, it is
    found from the city on save. Not a ``ForeignKeyWidget``: a commune has no slug."""

    def render(self, value, obj=None, **kwargs):
        return value.code if value is not None else ""

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        commune = Commune.objects.filter(code=text).first()
        if commune is None:
            place = Commune.objects.resolve(text)
            commune = place.commune if place is not None else None
        if commune is None:
            raise ValueError(
                _("Commune inconnue : « %(value)s » (un code INSEE, un nom ou un code postal).") % {"value": text[:120]}
            )
        return commune
