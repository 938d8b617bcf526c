"""``manage.py import_file offres FICHIER``: offers as the admin import reads them."""

import io

import pytest
from django.core.management import call_command

from core.tests.import_helpers import csv_file
from jobs.models import JobOffer
from jobs.tests.factories import EmployerFactory

pytestmark = pytest.mark.django_db


def test_imports_offers_as_drafts(tmp_path):
    EmployerFactory(slug="acme", name="Acme")
    path = tmp_path / "offres.csv"
    header = ["Identifiant d’URL", "Intitulé du poste", "Employeur", "Contrat", "Description", "E-mail pour postuler"]
    rows = [[f"offre-{n}", "Data engineer", "Acme", "CDD", "Le poste.", "jobs@example.org"] for n in range(3)]
    path.write_bytes(csv_file(header, rows).getvalue())
    out = io.StringIO()
    call_command("import_file", "offres", str(path), stdout=out)
    assert "Offres d’emploi : 3 nouvelle(s)" in out.getvalue()
    assert set(JobOffer.objects.values_list("contract", "status")) == {(JobOffer.Contract.CDD, JobOffer.Status.DRAFT)}
