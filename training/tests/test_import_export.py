"""Programmes through the admin's import (preview, then confirm) and export."""

import datetime
import io
import logging
import os
import tempfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.text import capfirst
from openpyxl import load_workbook

from careers.tests.factories import CareerFactory
from core.models import PendingImport
from core.tests.import_helpers import (
    CSV_FORMAT,
    XLSX_FORMAT,
    as_upload,
    confirm,
    csv_file,
    csv_rows,
    export,
    preview,
    problem_lines,
    xlsx_file,
    xlsx_rows,
)
from training.models import Path, Programme
from training.tests.factories import CityFactory, PathFactory, ProgrammeFactory, ProviderFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:training_programme_import")
CONFIRM_URL = reverse("admin:training_programme_process_import")
EXPORT_URL = reverse("admin:training_programme_export")
HEADER = ["slug", "title", "provider", "path", "careers", "summary", "price", "duration_months"]
# The same columns as the admin names them, with the case and accents a person types.
FRENCH_HEADER = ["Identifiant d'URL", "intitule", "ORGANISME", "Parcours", "Métiers visés", "Résumé", "Prix total (€)"]


@pytest.fixture
def refs():
    return {
        "provider": ProviderFactory(slug="jedha", name="Jedha Bootcamp"),
        "path": PathFactory(slug="bootcamp", title="Bootcamp"),
        "career": CareerFactory(slug="data-scientist", title="Data scientist"),
    }


def good_row(slug="data-fullstack", price="7500"):
    return [slug, "Data Fullstack", "jedha", "bootcamp", "data-scientist", "Une formation.", price, "3"]


def upload(client, file, fmt=CSV_FORMAT):
    return preview(client, IMPORT_URL, file, fmt)


def test_preview_lists_what_will_be_created_and_writes_nothing(admin_client, refs):
    response = upload(admin_client, csv_file(HEADER, [good_row(), good_row("data-essentials", "0")]))
    assert response.status_code == 200
    assert "data-fullstack" in response.text and "data-essentials" in response.text
    assert 'name="import_file_name"' in response.text, "a confirmation form follows the preview"
    assert not Programme.objects.exists()


def test_confirmed_import_creates_drafts_with_their_careers(admin_client, refs):
    response = upload(admin_client, csv_file(HEADER, [good_row()]))
    response = confirm(admin_client, CONFIRM_URL, response, follow=True)
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
    assert "Import terminé (formations) : 1 ligne créée, 0 mises à jour, 0 inchangées." in response.text


def test_xlsx_import_updates_the_programme_with_the_same_slug(admin_client, refs):
    ProgrammeFactory(slug="data-fullstack", provider=refs["provider"], path=refs["path"], price=1000)
    response = upload(admin_client, xlsx_file(HEADER, [[*good_row()[:6], 7500, 3]]), XLSX_FORMAT)
    confirm(admin_client, CONFIRM_URL, response)
    programme = Programme.objects.get(slug="data-fullstack")
    assert programme.price == 7500
    assert programme.status == Programme.Status.PUBLISHED, "the status column is never imported"


def test_french_headers_and_the_admins_labels_are_read_as_the_admin_shows_them(admin_client, refs):
    """What the issue's editor wrote: labels for columns and choices, Oui/Non, a French date, names for rows."""
    header = [*FRENCH_HEADER, "Format", "Rythme", "Éligible au CPF", "alternance possible", "Prochaine rentrée"]
    rows = [
        ["remote", "À distance", "Jedha Bootcamp", "Bootcamp", "Data scientist", "R.", "7 500", "a distance",
         "Temps partiel", "Oui", "non", "05/01/2027"],
        ["onsite", "Sur place", "jedha", "bootcamp", "data-scientist", "R.", "", "presentiel", "temps-plein", "vrai",
         "0", "2027-01-05"],
    ]  # fmt: skip
    response = upload(admin_client, csv_file(header, rows, delimiter=";", encoding="utf-8-sig"))
    assert response.context["problems"] == [], problem_lines(response)
    confirm(admin_client, CONFIRM_URL, response)
    remote, onsite = Programme.objects.get(slug="remote"), Programme.objects.get(slug="onsite")
    assert (remote.format, remote.rhythm, remote.cpf_eligible, remote.work_study, remote.price) == (
        Programme.Format.ONLINE, Programme.Rhythm.PART_TIME, True, False, 7500,
    )  # fmt: skip
    assert remote.next_start == onsite.next_start == datetime.date(2027, 1, 5)
    assert (remote.provider, remote.path, list(remote.careers.all())) == (
        refs["provider"],
        refs["path"],
        [refs["career"]],
    )
    assert (onsite.format, onsite.rhythm, onsite.cpf_eligible, onsite.work_study) == (
        Programme.Format.ON_SITE, Programme.Rhythm.FULL_TIME, True, False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("bad_row", "column", "reason"),
    [
        ([*good_row("b")[:4], "astronaute", *good_row("b")[5:]], "careers", "Métiers visés inconnu(s) : astronaute."),
        ([*good_row("b")[:6], "sept mille", "3"], "price", "« sept mille » n’est pas un nombre."),
        ([*good_row("b")[:6], "12.5", "3"], "price", "« 12.5 » n’est pas un nombre entier positif."),
        ([*good_row("b")[:6], "-3", "3"], "price", "« -3 » n’est pas un nombre entier positif."),
        (["b", "B", "inconnu", *good_row("b")[3:]], "provider", "Organisme inconnu(e) : « inconnu »."),
        (["b", "Data\x00", *good_row("b")[2:]], "title", "caractère de contrôle invisible (U+0000) en position 5"),
        (["b", "Data\x1b", *good_row("b")[2:]], "title", "caractère de contrôle invisible (U+001B) en position 5"),
    ],
)
def test_a_bad_row_is_reported_with_row_column_and_reason_and_nothing_is_written(
    admin_client, refs, bad_row, column, reason
):
    response = upload(admin_client, csv_file(HEADER, [good_row("a"), bad_row, good_row("c")]))
    assert response.status_code == 200
    result = response.context["result"]
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert reason in invalid.error_dict[column][0]
    label = capfirst(Programme._meta.get_field(column).verbose_name)
    [problem] = response.context["problems"]
    assert (problem.line, problem.column) == (3, label), "line 3 of the spreadsheet: the header is line 1"
    assert reason.replace("’", "&#x27;") in response.text or reason in response.text
    assert "confirm_form" not in response.context
    assert not Programme.objects.exists()
    assert not PendingImport.objects.exists(), "a refused file is not kept"


def test_every_error_is_listed_on_the_page_in_french_with_its_line_and_column(admin_client, refs):
    rows = [
        good_row("a"),
        ["b", "B", "inconnu", "bootcamp", "", "R.", "beaucoup", "3"],
        ["c", "C", "jedha", "bootcamp", "", "", "10", "3"],
    ]
    response = upload(admin_client, csv_file(HEADER, rows))
    assert problem_lines(response) == [
        "ligne 3, colonne « Organisme » : Organisme inconnu(e) : « inconnu ».",
        "ligne 3, colonne « Prix total (€) » : « beaucoup » n’est pas un nombre.",
        "ligne 4, colonne « Résumé » : Ce champ ne peut pas être vide.",
    ]
    page = response.text
    assert "Fichier refusé : 3 erreurs, rien n’a été écrit" in page.replace("&#x27;", "’")
    for text in ("Organisme inconnu(e)", "Prix total (€)", "n’est pas un nombre", "Ce champ ne peut pas être vide"):
        assert text in page.replace("&#x27;", "’")
    assert "validation-error-count" not in page, "no badge to hover: every error is in the page"


def test_an_unexpected_failure_shows_a_french_reason_and_logs_the_traceback(admin_client, refs, monkeypatch, caplog):
    def broken_save(self, *args, **kwargs):
        raise RuntimeError("/srv/capia/.venv/lib/python3.11/site-packages/secret.py: boom")

    monkeypatch.setattr(Programme, "save", broken_save)
    with caplog.at_level(logging.ERROR, logger="core.imports"):
        response = upload(admin_client, csv_file(HEADER, [good_row()]))
    assert response.status_code == 200
    assert problem_lines(response) == [
        "ligne 2 : erreur inattendue en enregistrant cette ligne ; rien n’a été écrit. "
        "Le détail est dans le journal du serveur, à l’heure de cet import."
    ]
    assert "/srv/capia" not in response.text and "Traceback" not in response.text
    assert "boom" in caplog.text and "Traceback" in caplog.text, "the incident is in the log, in full"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ([h for h in HEADER if h != "path"], "Colonne(s) manquante(s) : Parcours."),
        ([*HEADER, "Couleur"], "Colonne(s) inconnue(s) : « Couleur »."),
        ([*HEADER, "Intitulé"], "Les colonnes « title » et « Intitulé » disent la même chose"),
    ],
)
def test_a_file_with_wrong_columns_is_refused_as_a_whole(admin_client, refs, header, message):
    row = dict(zip(HEADER, good_row(), strict=True))
    response = upload(admin_client, csv_file(header, [[row.get(h, "Data Fullstack") for h in header]]))
    assert message.replace("’", "&#x27;") in response.text or message in response.text
    assert len(response.context["problems"]) == 1, "one reason for the file, not one per row"
    assert "confirm_form" not in response.context
    assert not Programme.objects.exists()


def test_the_same_slug_twice_is_refused(admin_client, refs):
    response = upload(admin_client, csv_file(HEADER, [good_row("a"), good_row("b"), good_row("a")]))
    assert problem_lines(response) == ["« a » (colonne « Identifiant d’URL ») figure deux fois, lignes 2 et 4."]
    assert not Programme.objects.exists()


def test_a_yes_no_cell_that_is_neither_is_refused(admin_client, refs):
    response = upload(admin_client, csv_file([*HEADER, "Éligible au CPF"], [[*good_row(), "peut-être"]]))
    assert problem_lines(response) == [
        "ligne 2, colonne « Éligible au CPF » : « peut-être » : répondez Oui ou Non, ou laissez la cellule vide."
    ]


def test_a_choice_off_the_list_names_the_possible_values(admin_client, refs):
    response = upload(admin_client, csv_file([*HEADER, "Format"], [[*good_row(), "Distanciel total"]]))
    assert problem_lines(response) == [
        "ligne 2, colonne « Format » : « Distanciel total » n’est pas une valeur possible. "
        "Valeurs possibles : Sur place, À distance, Hybride."
    ]


def test_a_file_not_in_utf8_is_refused_with_the_reason(admin_client, refs):
    row = [*good_row()[:5], "Une formation d’été à Évry.", "7500", "3"]
    response = upload(admin_client, csv_file(HEADER, [row], encoding="cp1252"))
    assert "n’est pas encodé en UTF-8" in response.text.replace("&#x27;", "’")
    assert not Programme.objects.exists()


# -- limits, and the file between preview and confirmation -------------------------------------------------


def test_a_file_over_the_row_limit_is_refused_up_front_naming_the_command(admin_client, refs, settings):
    settings.IMPORT_ADMIN_MAX_ROWS = 3
    response = upload(admin_client, csv_file(HEADER, [good_row(f"f{n}") for n in range(4)]))
    text = response.text.replace("&#x27;", "’")
    assert "Ce fichier compte plus de 3 lignes" in text
    assert "manage.py import_file programmes FICHIER" in text
    assert "result" not in response.context, "refused before any row is read"
    assert not Programme.objects.exists() and not PendingImport.objects.exists()
    response = upload(admin_client, csv_file(HEADER, [good_row(f"f{n}") for n in range(3)]))
    assert "confirm_form" in response.context, "the limit itself passes"


def test_a_file_over_the_size_limit_is_refused_without_being_kept_anywhere(admin_client, refs, settings):
    settings.IMPORT_ADMIN_MAX_MEGABYTES = 1
    before = set(os.listdir(tempfile.gettempdir()))
    big = csv_file(HEADER, [[*good_row(f"f{n}")[:5], "x" * 600, "1", "1"] for n in range(3000)])  # 1.8 MB
    response = upload(admin_client, big)
    text = response.text.replace("&#x27;", "’")
    assert "l’import par l’admin accepte 1,0" in text and "manage.py import_file programmes FICHIER" in text
    assert set(os.listdir(tempfile.gettempdir())) <= before, "no temporary file"
    assert not PendingImport.objects.exists()


def test_the_confirmation_reads_the_file_from_the_database_and_leaves_nothing(admin_client, refs):
    before = set(os.listdir(tempfile.gettempdir()))
    big_summary = "Une formation. " * 20_000  # 300 KB a row: past Django's 2.5 MB in-memory default in total
    rows = [[*good_row(f"f{n}")[:5], big_summary[:600], "7500", "3"] for n in range(10)]
    response = upload(admin_client, xlsx_file(HEADER, rows), XLSX_FORMAT)
    [pending] = PendingImport.objects.all()
    assert pending.model == "training.programme" and pending.user.username == "chef"
    confirm(admin_client, CONFIRM_URL, response)
    assert Programme.objects.count() == 10
    assert not PendingImport.objects.exists(), "read once, then gone"
    assert set(os.listdir(tempfile.gettempdir())) <= before, "nothing in the local temporary folder"


def test_confirming_twice_says_so_and_writes_once(admin_client, refs):
    response = upload(admin_client, csv_file(HEADER, [good_row()]))
    confirm(admin_client, CONFIRM_URL, response)
    again = confirm(admin_client, CONFIRM_URL, response, follow=True)
    assert again.status_code == 200
    assert "Ce fichier n’est plus en attente" in again.text.replace("&#x27;", "’")
    assert Programme.objects.count() == 1 and Programme.history.count() == 1


def test_another_user_cannot_confirm_someone_elses_file(admin_client, editor, refs):
    response = upload(admin_client, csv_file(HEADER, [good_row()]))
    other = Client()
    other.force_login(editor)
    refused = confirm(other, CONFIRM_URL, response, follow=True)
    assert "Ce fichier n’est plus en attente" in refused.text.replace("&#x27;", "’")
    assert not Programme.objects.exists()
    assert PendingImport.objects.count() == 1, "its owner may still confirm it"


def test_a_row_that_no_longer_validates_at_confirmation_refuses_the_whole_file(admin_client, refs):
    other = CareerFactory(slug="data-engineer")
    row = [*good_row("b")[:4], "data-engineer", *good_row("b")[5:]]
    response = upload(admin_client, csv_file(HEADER, [good_row("a"), row]))
    other.delete()
    refused = confirm(admin_client, CONFIRM_URL, response)
    assert refused.status_code == 200
    assert problem_lines(refused) == ["ligne 3, colonne « Métiers visés » : Métiers visés inconnu(s) : data-engineer."]
    assert not Programme.objects.exists(), "all or nothing at confirmation too"


# -- the template file ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_names_every_column_and_imports_as_it_is(admin_client, refs, fmt):
    CityFactory(slug="paris", name="Paris")
    page = admin_client.get(IMPORT_URL)
    url = reverse("admin:training_programme_import_template", args=[fmt])
    assert url in page.text
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="modele-formations.{fmt}"'
    header, example = (csv_rows(response) if fmt == "csv" else xlsx_rows(response))[:2]
    assert list(header)[:6] == ["Identifiant d’URL", "Intitulé", "Organisme", "Parcours", "Métiers visés", "Résumé"]
    assert "Villes" in header and "Prochaine rentrée" in header
    assert "Statut" not in header, "the status is never imported"
    assert "Format" in header and "À distance" in example
    file = as_upload(response.content, f"modele.{fmt}")
    result = upload(admin_client, file, CSV_FORMAT if fmt == "csv" else XLSX_FORMAT)
    assert result.context["problems"] == [], problem_lines(result)
    confirm(admin_client, CONFIRM_URL, result)
    example = Programme.objects.get(slug="exemple-data-analyst")
    assert (example.format, example.cpf_eligible, example.provider) == (Programme.Format.ONLINE, True, refs["provider"])


def test_only_those_who_may_import_get_the_template(moderator_client):
    assert moderator_client.get(reverse("admin:training_programme_import_template", args=["csv"])).status_code == 403


# -- export, and the round trip ----------------------------------------------------------------------------------


def full_programme(refs, **overrides):
    programme = ProgrammeFactory(
        slug="complet",
        title='=HYPERLINK("https://evil.example";"Data")',
        provider=refs["provider"],
        path=refs["path"],
        careers=[refs["career"]],
        cities=[CityFactory(slug="lyon", name="Lyon"), CityFactory(slug="lille", name="Lille")],
        summary="-Deux lignes.\nLa suite.",
        body="## Programme\n\n- @Python\n- SQL",
        url="https://example.org/formation",
        entry_level=Programme.EntryLevel.BAC_3,
        award_title="+Titre RNCP",
        rncp_level=Programme.RncpLevel.LEVEL_6,
        duration_weeks=12,
        duration_hours=400,
        price=6900,
        cpf_eligible=True,
        work_study=False,
        format=Programme.Format.HYBRID,
        rhythm=Programme.Rhythm.PART_TIME,
        admission=Path.Admission.DIRECT,
        next_start=datetime.date(2027, 1, 5),
        **overrides,
    )
    return programme


def stored(programme):
    programme.refresh_from_db()
    fields = [f.name for f in Programme._meta.concrete_fields if f.name not in {"id", "created_at", "updated_at"}]
    values = {name: getattr(programme, name) for name in fields}
    values["careers"] = sorted(programme.careers.values_list("slug", flat=True))
    values["cities"] = sorted(programme.cities.values_list("slug", flat=True))
    return values


def test_export_gives_the_filtered_admin_list(admin_client):
    ProgrammeFactory(slug="publiee")
    ProgrammeFactory(slug="brouillon", draft=True)
    rows = xlsx_rows(export(admin_client, EXPORT_URL, XLSX_FORMAT, "status__exact=draft"))
    assert rows[0][:3] == ("Identifiant d’URL", "Intitulé", "Statut")
    assert [row[0] for row in rows[1:]] == ["brouillon"]
    assert rows[1][2] == "Brouillon"


def test_the_csv_export_neutralises_formulas_and_keeps_every_column(admin_client, refs):
    full_programme(refs)
    response = export(admin_client, EXPORT_URL, CSV_FORMAT)
    assert response.content.startswith(b"\xef\xbb\xbf"), "the BOM tells spreadsheets it is UTF-8"
    header, row = csv_rows(response)
    cells = dict(zip(header, row, strict=True))
    assert cells["Format"] == "Hybride", "the format column is exported"
    assert cells["Intitulé"] == '\'=HYPERLINK("https://evil.example";"Data")'
    assert cells["Résumé"] == "'-Deux lignes.\nLa suite."
    assert cells["Diplôme ou titre délivré"] == "'+Titre RNCP"
    assert cells["Prix total (€)"] == "6900" and cells["Éligible au CPF"] == "Oui"
    assert b'"Identifiant d\xe2\x80\x99URL","Intitul' in response.content, "every cell quoted"


def test_the_xlsx_export_writes_text_never_formulas_and_numbers_as_numbers(admin_client, refs):
    full_programme(refs)
    sheet = load_workbook(io.BytesIO(export(admin_client, EXPORT_URL, XLSX_FORMAT).content)).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    title = row["Intitulé"]
    assert (title.value, title.data_type, title.quotePrefix) == ('=HYPERLINK("https://evil.example";"Data")', "s", True)
    assert row["Résumé"].data_type == "s" and row["Résumé"].quotePrefix
    assert (row["Prix total (€)"].value, row["Prix total (€)"].data_type) == (6900, "n")
    assert not any(cell.data_type == "f" for line in sheet.iter_rows() for cell in line)


@pytest.mark.parametrize("fmt", [CSV_FORMAT, XLSX_FORMAT])
def test_export_then_import_gives_back_every_column(admin_client, refs, fmt):
    programme = full_programme(refs)
    before = stored(programme)
    exported = export(admin_client, EXPORT_URL, fmt)
    file = as_upload(exported.content, "export.csv" if fmt == CSV_FORMAT else "export.xlsx")
    response = upload(admin_client, file, fmt)
    assert response.context["problems"] == [], problem_lines(response)
    assert [row.import_type for row in response.context["result"].rows] == ["skip"], "unchanged, column by column"
    confirm(admin_client, CONFIRM_URL, response)
    assert stored(programme) == before


@pytest.mark.parametrize("fmt", [CSV_FORMAT, XLSX_FORMAT])
def test_export_edit_import_changes_only_the_edited_cell(admin_client, refs, fmt):
    programme = full_programme(refs)
    before = stored(programme)
    exported = export(admin_client, EXPORT_URL, fmt)
    if fmt == CSV_FORMAT:
        header, row = csv_rows(exported)
        row[header.index("Format")] = "À distance"
        row[header.index("Prix total (€)")] = "7 200"
        file = csv_file(header, [row])
    else:  # edited in the workbook itself, as a spreadsheet would
        book = load_workbook(io.BytesIO(exported.content))
        sheet = book.active
        header = [cell.value for cell in sheet[1]]
        sheet.cell(row=2, column=header.index("Format") + 1).value = "À distance"
        sheet.cell(row=2, column=header.index("Prix total (€)") + 1).value = 7200
        file = io.BytesIO()
        book.save(file)
        file = as_upload(file.getvalue(), "export.xlsx")
    response = upload(admin_client, file, fmt)
    assert response.context["problems"] == [], problem_lines(response)
    confirm(admin_client, CONFIRM_URL, response)
    assert stored(programme) == {**before, "format": Programme.Format.ONLINE, "price": 7200}


def test_an_editor_may_import(editor_client, refs):
    assert editor_client.get(IMPORT_URL).status_code == 200


def test_a_moderator_cannot_import_programmes(moderator_client):
    assert moderator_client.get(IMPORT_URL).status_code == 403
    assert moderator_client.post(CONFIRM_URL, {"import_file_name": "x", "format": "0"}).status_code == 403
