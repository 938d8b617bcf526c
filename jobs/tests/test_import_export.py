"""Job offers through the admin's import (preview, then confirm) and export."""

import datetime
import io

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from openpyxl import load_workbook

from careers.tests.factories import CareerFactory
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
    xlsx_rows,
)
from jobs.models import JobOffer
from jobs.tests.factories import EmployerFactory, JobOfferFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:jobs_joboffer_import")
CONFIRM_URL = reverse("admin:jobs_joboffer_process_import")
EXPORT_URL = reverse("admin:jobs_joboffer_export")
HEADER = ["slug", "title", "employer", "career", "salary_low", "description", "apply_url", "status"]


def row(slug, career="data-scientist", salary="45000"):
    return [slug, "Data scientist", "acme", career, salary, "Le poste.", "https://example.org/postuler", "published"]


@pytest.fixture
def refs():
    EmployerFactory(slug="acme", name="Acme Industries")
    CareerFactory(slug="data-scientist", title="Data scientist")


def test_moderator_imports_offers_as_drafts_after_a_preview(moderator_client, refs):
    response = preview(moderator_client, IMPORT_URL, csv_file(HEADER, [row("a"), row("b")]))
    assert not JobOffer.objects.exists(), "the preview writes nothing"
    confirm(moderator_client, CONFIRM_URL, response)
    offers = JobOffer.objects.order_by("slug")
    assert [(o.slug, o.salary_low, o.status, o.career.slug) for o in offers] == [
        ("a", 45000, JobOffer.Status.DRAFT, "data-scientist"),
        ("b", 45000, JobOffer.Status.DRAFT, "data-scientist"),
    ], "the status column is ignored: offers are published by a moderator"


@pytest.mark.parametrize(
    ("bad", "column", "reason"),
    [
        (row("b", career="astronaute"), "career", "Métier inconnu(e) : « astronaute »."),
        (row("b", salary="beaucoup"), "salary_low", "« beaucoup » n’est pas un nombre."),
    ],
)
def test_one_bad_row_refuses_the_whole_file(moderator_client, refs, bad, column, reason):
    response = preview(moderator_client, IMPORT_URL, csv_file(HEADER, [row("a"), bad]))
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2 and reason in invalid.error_dict[column][0]
    assert "confirm_form" not in response.context
    assert not JobOffer.objects.exists()


def test_french_headers_and_labels_are_read_as_the_admin_shows_them(moderator_client, refs):
    header = [
        "Identifiant d’URL",
        "Intitulé du poste",
        "Employeur",
        "Métier",
        "Contrat",
        "Expérience",
        "Ville",
        "Région",
        "Télétravail",
        "Salaire annuel brut minimum (€)",
        "Description",
        "Publiée sur",
        "adresse pour postuler",
    ]
    cells = ["lyon", "Data scientist", "Acme Industries", "Data scientist", "Alternance", "confirmé", "Lyon",
             "Auvergne-Rhône-Alpes", "télétravail partiel", "38 000", "Le poste.", "LinkedIn",
             "https://example.org/postuler"]  # fmt: skip
    response = preview(moderator_client, IMPORT_URL, csv_file(header, [cells], delimiter=";"))
    assert response.context["problems"] == [], problem_lines(response)
    confirm(moderator_client, CONFIRM_URL, response)
    offer = JobOffer.objects.get(slug="lyon")
    assert (offer.employer.slug, offer.career.slug, offer.contract, offer.experience) == (
        "acme", "data-scientist", JobOffer.Contract.ALTERNANCE, JobOffer.Experience.CONFIRMED,
    )  # fmt: skip
    assert (offer.region, offer.remote, offer.salary_low, offer.source) == (
        "84", JobOffer.Remote.PARTIAL, 38000, JobOffer.Source.LINKEDIN,
    )  # fmt: skip


def test_a_control_character_is_refused_with_its_line_and_column(moderator_client, refs):
    bad = row("b")
    bad[1] = "Data\x01 scientist"
    response = preview(moderator_client, IMPORT_URL, csv_file(HEADER, [row("a"), bad]))
    assert problem_lines(response) == [
        "ligne 3, colonne « Intitulé du poste » : Ce texte contient un caractère de contrôle invisible (U+0001) "
        "en position 5 : retirez-le."
    ]
    assert not JobOffer.objects.exists()


def test_export_gives_the_filtered_list_as_csv(moderator_client):
    JobOfferFactory(slug="ouverte")
    JobOfferFactory(slug="brouillon", draft=True)
    rows = csv_rows(export(moderator_client, EXPORT_URL, CSV_FORMAT, "status__exact=published"))
    assert rows[0][:3] == ["Identifiant d’URL", "Intitulé du poste", "Statut"]
    assert [line[0] for line in rows[1:]] == ["ouverte"]


def full_offer(**overrides):
    return JobOfferFactory(
        slug="complete",
        title="@SUM(1+1)*cmd|' /C calc'!A0",
        employer=EmployerFactory(slug="acme", name="Acme"),
        career=CareerFactory(slug="data-scientist"),
        contract=JobOffer.Contract.FREELANCE,
        experience=JobOffer.Experience.SENIOR,
        city="Lille",
        region="32",
        remote=JobOffer.Remote.FULL,
        salary_low=None,
        salary_high=None,
        day_rate_low=500,
        day_rate_high=650,
        description="=Le poste.\n\n- Python",
        apply_url="https://example.org/postuler",
        apply_email="jobs@example.org",
        source=JobOffer.Source.APEC,
        source_url="https://example.org/annonce",
        published_at=timezone.now() - datetime.timedelta(days=2),
        **overrides,
    )


def stored(offer):
    offer.refresh_from_db()
    return {
        f.name: getattr(offer, f.name)
        for f in JobOffer._meta.concrete_fields
        if f.editable and not f.primary_key and not isinstance(f, models.GeneratedField)
    }


def test_exports_neutralise_formulas_in_both_formats(moderator_client):
    full_offer()
    header, cells = csv_rows(export(moderator_client, EXPORT_URL, CSV_FORMAT))
    by_column = dict(zip(header, cells, strict=True))
    assert by_column["Intitulé du poste"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert by_column["Description"] == "'=Le poste.\n\n- Python"
    sheet = load_workbook(io.BytesIO(export(moderator_client, EXPORT_URL, XLSX_FORMAT).content)).active
    header = [cell.value for cell in sheet[1]]
    description = sheet.cell(row=2, column=header.index("Description") + 1)
    assert (description.value, description.data_type, description.quotePrefix) == ("=Le poste.\n\n- Python", "s", True)
    rate = sheet.cell(row=2, column=header.index("Tarif journalier minimum (€ HT)") + 1)
    assert (rate.value, rate.data_type) == (500, "n")
    assert isinstance(sheet.cell(row=2, column=header.index("Publiée le") + 1).value, datetime.datetime)


@pytest.mark.parametrize("fmt", [CSV_FORMAT, XLSX_FORMAT])
def test_export_then_import_gives_back_every_column(moderator_client, fmt):
    offer = full_offer()
    before = stored(offer)
    exported = export(moderator_client, EXPORT_URL, fmt)
    headers = csv_rows(exported)[0] if fmt == CSV_FORMAT else list(xlsx_rows(exported)[0])
    labels = {
        capfirst(f.verbose_name)
        for f in JobOffer._meta.concrete_fields
        if f.editable and not f.primary_key and not isinstance(f, models.GeneratedField)  # what staff edit
    }
    assert set(headers) == labels, "every column a moderator edits"
    response = preview(moderator_client, IMPORT_URL, as_upload(exported.content, f"export.{fmt}"), fmt)
    assert response.context["problems"] == [], problem_lines(response)
    assert [r.import_type for r in response.context["result"].rows] == ["skip"]
    confirm(moderator_client, CONFIRM_URL, response)
    assert stored(offer) == before


def test_the_template_file_imports_as_it_is(moderator_client, refs):
    response = moderator_client.get(reverse("admin:jobs_joboffer_import_template", args=["csv"]))
    header, example = csv_rows(response)
    assert "Publiée le" not in header and "Statut" not in header, "dates and status are set by a moderator"
    assert dict(zip(header, example, strict=True))["Région"] == "Auvergne-Rhône-Alpes"
    result = preview(moderator_client, IMPORT_URL, as_upload(response.content, "modele.csv"))
    assert result.context["problems"] == [], problem_lines(result)


def test_an_editor_cannot_import_offers(editor_client):
    assert editor_client.get(IMPORT_URL).status_code == 403
    assert editor_client.get(reverse("admin:jobs_joboffer_import_template", args=["csv"])).status_code == 403
