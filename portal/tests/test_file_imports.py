"""Every file import the apps declare is whole: reachable by the command, its columns all exported.

Found through the registry (``core.registry.site.file_imports``) and the
admin site, so an import added later is held to the same rules.
"""

import pytest
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from import_export.admin import ImportMixin
from import_export.forms import SelectableFieldsExportForm

from core.admin import ClearImportMixin
from core.formats import FORMATS
from core.registry import site
from core.resources import StrictModelResource


def import_admins():
    return [model_admin for model_admin in admin.site._registry.values() if isinstance(model_admin, ImportMixin)]


@pytest.mark.parametrize("model_admin", import_admins(), ids=lambda a: a.model._meta.label)
def test_every_import_admin_is_bounded_and_reachable_by_the_command(model_admin):
    assert isinstance(model_admin, ClearImportMixin), "the limit, the French errors and the shared storage"
    assert site.file_import_name(model_admin.model), "manage.py import_file must reach it too"
    assert model_admin.get_import_formats() == FORMATS == model_admin.get_export_formats()


@pytest.mark.parametrize("name", sorted(site.file_imports))
def test_no_column_is_lost_to_the_export_forms_own_fields(name):
    resource_class = site.file_imports[name]
    form = SelectableFieldsExportForm(FORMATS, [resource_class])
    own = {"format", "resource", "export_items"}
    assert own.isdisjoint(resource_class().fields), "a column named so vanishes from the export"
    ticked = {key: True for key in form.fields if key not in own}
    form = SelectableFieldsExportForm(FORMATS, [resource_class], data={"format": "0", **ticked})
    assert form.is_valid(), form.errors
    assert form.get_selected_resource_export_fields() == list(resource_class().get_export_order())


def test_a_resource_field_named_like_the_forms_own_is_refused_at_once():
    from training.models import Programme

    with pytest.raises(ImproperlyConfigured, match="clash with the admin import/export forms"):

        class Clashing(StrictModelResource):
            class Meta:
                model = Programme
                fields = ["slug", "format"]
