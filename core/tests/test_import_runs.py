"""The record every importer writes: counts, the first refused records, and what "À revoir" shows of it."""

import pytest
from django.urls import reverse

from core.models import ImportRun
from core.tests.factories import DataSourceFactory, ImportRunFactory

pytestmark = pytest.mark.django_db


def test_a_refused_record_is_counted_and_its_reason_kept_up_to_the_limit():
    run = ImportRun.start(DataSourceFactory())
    for number in range(ImportRun.MAX_ERRORS + 5):
        run.refuse(f"offre {number}", "date illisible")
    run.finish(ImportRun.Status.COMPLETE)
    run.refresh_from_db()
    assert run.refused == ImportRun.MAX_ERRORS + 5
    assert len(run.errors) == ImportRun.MAX_ERRORS
    assert run.errors[0] == {"ref": "offre 0", "reason": "date illisible"}
    assert run.finished_at is not None


def test_only_each_sources_latest_run_calls_for_attention():
    fixed, broken, clean = DataSourceFactory(), DataSourceFactory(), DataSourceFactory()
    ImportRunFactory(source=fixed, status=ImportRun.Status.FAILED)
    latest_fixed = ImportRunFactory(source=fixed, status=ImportRun.Status.COMPLETE)
    failing = ImportRunFactory(source=broken, status=ImportRun.Status.FAILED)
    ImportRunFactory(source=clean, status=ImportRun.Status.COMPLETE, refused=0)
    refusing = ImportRunFactory(source=clean, status=ImportRun.Status.COMPLETE, refused=2)
    assert set(ImportRun.objects.latest_per_source()) == {latest_fixed, failing, refusing}
    assert set(ImportRun.objects.needing_attention()) == {failing, refusing}


def test_the_review_page_lists_a_failed_import(admin_client):
    ImportRunFactory(source=DataSourceFactory(name="Offres France Travail"), status=ImportRun.Status.FAILED)
    text = admin_client.get(reverse("admin:review")).text
    assert "Offres France Travail : Échec : rien n’a été écrit" in text


def test_runs_are_read_only_in_the_admin(admin_client):
    run = ImportRunFactory(errors=[{"ref": "ligne 4", "reason": "prix illisible"}])
    page = admin_client.get(reverse("admin:core_importrun_change", args=[run.pk]))
    assert page.status_code == 200 and "ligne 4" in page.text and "prix illisible" in page.text
    assert admin_client.get(reverse("admin:core_importrun_add")).status_code == 403


def test_staff_choose_per_source_whether_imports_publish_at_once(client):
    from conftest import member_of

    source = DataSourceFactory()
    moderator = member_of("Modération des offres", "moderatrice")
    client.force_login(moderator)
    url = reverse("admin:core_datasource_change", args=[source.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in ("name", "publisher", "url", "licence", "licence_url")}
    response = client.post(url, {**data, "publish_at_once": "on"})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.publish_at_once
