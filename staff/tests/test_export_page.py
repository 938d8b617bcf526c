"""The admin's export page works under the Content Security Policy: no inline script, handler or style."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse
from import_export.admin import ExportMixin

pytestmark = pytest.mark.django_db

EXPORTABLE = sorted(
    f"admin:{model._meta.app_label}_{model._meta.model_name}_export"
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, ExportMixin)
)
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)


def test_exportable_models_are_found():
    assert "admin:jobs_joboffer_export" in EXPORTABLE and "admin:training_programme_export" in EXPORTABLE


@pytest.mark.parametrize("url_name", EXPORTABLE)
def test_export_page_has_nothing_the_csp_refuses(admin_client, url_name):
    response = admin_client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.text
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not INLINE_HANDLER.findall(html)
    assert not STYLE_ATTRIBUTE.findall(html)
    assert not INLINE_SCRIPT.findall(html)
    assert '<script src="/static/staff/export.js">' in html
    # The toggle's label names it, so it is announced and clickable.
    assert 'id="select-all-toggle"' in html and 'for="select-all-toggle"' in html
