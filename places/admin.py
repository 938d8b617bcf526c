from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdminMixin
from places.models import Commune


@admin.register(Commune)
class CommuneAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: the communes come from ``manage.py load_communes``, and the next load would undo an edit."""

    list_display = ["name", "code", "department", "region", "population", "has_position_display"]
    list_filter = ["region"]
    search_fields = ["name", "key", "code", "postcodes"]
    list_select_related = ["parent"]
    show_full_result_count = False

    @admin.display(boolean=True, description=_("coordonnées"))
    def has_position_display(self, commune):
        return commune.has_position

    def has_delete_permission(self, request, obj=None):
        return False
