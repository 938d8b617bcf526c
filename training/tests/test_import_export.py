"""Programmes through the admin's import (preview, then confirm) and export."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from careers.tests.factories import CareerFactory
from training.models import Programme
from training.tests.factories import PathFactory, ProgrammeFactory, ProviderFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:training_programme_import")
CONFIRM_URL = reverse("admin:training_programme_process_import")
EXPORT_URL = reverse("admin:training_programme_export")
CSV_FORMAT, XLSX_FORMAT = "0", "1"
HEADER = ["slug", "title", "provider", "path", "careers", "summary", "price", "duration_months"]


@pytest.fixture
def refs():
    return {
        "provider": ProviderFactory(slug="jedha"),
        "path": PathFactory(slug="bootcamp"),
        "career": CareerFactory(slug="data-scientist"),
    }


def csv_file(rows, header=HEADER, encoding="utf-8", name="formations.csv"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    upload = io.BytesIO(out.getvalue().encode(encoding))
    upload.name = name
    return upload


def xlsx_file(rows, header=HEADER):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    upload = io.BytesIO()
    book.save(upload)
    upload.seek(0)
    upload.name = "formations.xlsx"
    return upload


def good_row(slug="data-fullstack", price="7500"):
    return [slug, "Data Fullstack", "jedha", "bootcamp", "data-scientist", "Une formation.", price, "3"]


def export(client, url, query, fmt):
    """Post the export form as the admin shows it: every column ticked."""
    form = client.get(url).context["form"]
    columns = {name: "on" for name in form.fields if name not in {"format", "resource", "export_items"}}
    return client.post(f"{url}?{query}", {"format": fmt, **columns})


def upload(client, file, fmt=CSV_FORMAT):
    return client.post(IMPORT_URL, {"format": fmt, "import_file": file})


def test_preview_lists_what_will_be_created_and_writes_nothing(admin_client, refs):
    response = upload(admin_client, csv_file([good_row(), good_row("data-essentials", "0")]))
    assert response.status_code == 200
    assert "data-fullstack" in response.text and "data-essentials" in response.text
    assert 'name="import_file_name"' in response.text, "a confirmation form follows the preview"
    assert not Programme.objects.exists()


def test_confirmed_import_creates_drafts_with_their_careers(admin_client, refs):
    response = upload(admin_client, csv_file([good_row()]))
    confirm = response.context["confirm_form"]
    response = admin_client.post(CONFIRM_URL, confirm.initial, follow=True)
    assert response.status_code == 200
    programme = Programme.objects.get(slug="data-fullstack")
    assert (programme.price, programme.duration_months, programme.provider, programme.path) == (
        7500,
        3,
        refs["provider"],
        refs["path"],
    )
    assert list(programme.careers.all()) == [refs["career"]]
    assert programme.status == Programme.Status.DRAFT, "an import never publishes"
    assert programme.history.count() == 1, "the import is in the history"


def test_xlsx_import_updates_the_programme_with_the_same_slug(admin_client, refs):
    ProgrammeFactory(slug="data-fullstack", provider=refs["provider"], path=refs["path"], price=1000)
    response = upload(admin_client, xlsx_file([[*good_row()[:6], 7500, 3]]), XLSX_FORMAT)
    admin_client.post(CONFIRM_URL, response.context["confirm_form"].initial)
    programme = Programme.objects.get(slug="data-fullstack")
    assert programme.price == 7500
    assert programme.status == Programme.Status.PUBLISHED, "the status column is never imported"


@pytest.mark.parametrize(
    ("bad_row", "column", "reason"),
    [
        ([*good_row("b")[:4], "astronaute", *good_row("b")[5:]], "careers", "Métier inconnu(s) : astronaute."),
        ([*good_row("b")[:6], "sept mille", "3"], "price", "« sept mille » n’est pas un nombre."),
        ([*good_row("b")[:6], "12.5", "3"], "price", "« 12.5 » n’est pas un nombre entier positif."),
        ([*good_row("b")[:6], "-3", "3"], "price", "« -3 » n’est pas un nombre entier positif."),
        (["b", "B", "inconnu", *good_row("b")[3:]], "provider", "Organisme inconnu(e) : « inconnu »."),
    ],
)
def test_a_bad_row_is_reported_with_row_column_and_reason_and_nothing_is_written(
    admin_client, refs, bad_row, column, reason
):
    response = upload(admin_client, csv_file([good_row("a"), bad_row, good_row("c")]))
    assert response.status_code == 200
    result = response.context["result"]
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert reason in invalid.error_dict[column][0]
    assert reason.replace("’", "&#x27;") in response.text or reason in response.text
    assert "confirm_form" not in response.context
    assert not Programme.objects.exists()


def test_a_missing_column_refuses_the_file(admin_client, refs):
    header = [column for column in HEADER if column != "path"]
    row = [value for column, value in zip(HEADER, good_row(), strict=True) if column != "path"]
    response = upload(admin_client, csv_file([row], header=header))
    assert "Colonne(s) manquante(s) : path." in response.text
    assert "confirm_form" not in response.context
    assert not Programme.objects.exists()


def test_a_file_not_in_utf8_is_refused_with_the_reason(admin_client, refs):
    row = [*good_row()[:5], "Une formation d’été à Évry.", "7500", "3"]
    response = upload(admin_client, csv_file([row], encoding="cp1252"))
    assert "n’est pas encodé en UTF-8" in response.text
    assert not Programme.objects.exists()


def test_export_gives_the_filtered_admin_list(admin_client):
    ProgrammeFactory(slug="publiee")
    ProgrammeFactory(slug="brouillon", draft=True)
    response = export(admin_client, EXPORT_URL, "status__exact=draft", XLSX_FORMAT)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("slug", "title", "status")
    assert [row[0] for row in rows[1:]] == ["brouillon"]


def test_an_editor_may_import_but_a_moderator_may_not(editor_client, refs):
    assert editor_client.get(IMPORT_URL).status_code == 200


def test_a_moderator_cannot_import_programmes(moderator_client):
    assert moderator_client.get(IMPORT_URL).status_code == 403
