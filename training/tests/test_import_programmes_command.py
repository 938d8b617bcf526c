"""``manage.py import_programmes``: the CPF and ONISEP catalogues, from the test files in their real layouts.

The files under ``training/tests/data`` are test data (see its README): invented rows, the sources' columns.
"""

import csv
import datetime
import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from careers.tests.factories import CareerFactory
from core.models import DataSource, ImportRun
from training.models import Programme, Provider
from training.tests.factories import PathFactory

DATA = Path(__file__).parent / "data"
CPF_CSV = DATA / "cpf_catalogue_test.csv"
CPF_JSON = DATA / "cpf_catalogue_test.json"
ONISEP_JSON = DATA / "onisep_formations_test.json"
ONISEP_CSV = DATA / "onisep_formations_test.csv"
KEPT = {"TEST-CPF-0001", "TEST-CPF-0002", "TEST-CPF-0003"}


@pytest.fixture
def portal(db):
    """The careers and paths the test rows lead to."""
    data = CareerFactory(
        slug="data-scientist", rome_codes="M1405", search_keywords="data scientist, science des données"
    )
    ml = CareerFactory(slug="ml-engineer", formacodes="31026", search_keywords="apprentissage automatique")
    paths = {slug: PathFactory(slug=slug) for slug in ("reconversion", "universite", "ecole-ingenieurs")}
    return {"data": data, "ml": ml, "paths": paths}


def run(catalogue, path, *args):
    """Run the command; the refusals it reports are part of what the tests read."""
    try:
        call_command("import_programmes", catalogue, "--file", str(path), *args, verbosity=0)
    except CommandError as exc:
        return str(exc)
    return ""


def cpf_rows(*refs, changes=None):
    with CPF_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    chosen = [dict(row, **(changes or {}).get(row["numero_formation"], {})) for row in rows]
    return [row for row in chosen if row["numero_formation"] in refs]


def write_cpf(tmp_path, rows, name="export.csv"):
    target = tmp_path / name
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return target


def by_ref(source="cpf"):
    return {p.source_ref: p for p in Programme.objects.filter(source__key=source).select_related("provider")}


@pytest.mark.parametrize("path", [CPF_CSV, CPF_JSON], ids=["csv", "json"])
def test_cpf_export_keeps_rows_leading_to_careers_and_refuses_the_broken_one(portal, path):
    error = run("cpf", path)

    assert "1 enregistrement(s) refusé(s)" in error
    programmes = by_ref()
    assert set(programmes) == KEPT  # the English course leads to no career; the broken row is refused
    first = programmes["TEST-CPF-0001"]
    assert (first.price, first.price_high) == (5000, 7500)
    assert (first.duration_hours, first.duration_hours_high) == (400, 600)
    assert first.format == Programme.Format.ONLINE and first.remote_possible is True
    assert (first.region, first.department) == ("11", "75")
    assert (first.rncp_code, first.rncp_level) == ("RNCP35288", 7)
    assert first.award_title == "Titre de test Data Scientist"
    assert first.cpf_eligible is True
    assert first.source_extracted_on == datetime.date(2026, 11, 2)
    assert first.path == portal["paths"]["reconversion"]
    assert first.status == Programme.Status.REVIEW  # the source does not publish at once by default
    assert first.provider.siret == "11111111100011" and first.provider.name == "Organisme Test Alpha"
    assert set(first.careers.all()) == {portal["data"]}
    second = programmes["TEST-CPF-0002"]
    assert (second.price, second.price_high, second.format) == (2900, 2900, Programme.Format.ON_SITE)
    assert set(second.careers.all()) == {portal["ml"]}  # by its formacode
    third = programmes["TEST-CPF-0003"]
    assert third.price is None and third.price_high is None  # never a figure the row does not give
    assert third.format == "" and third.remote_possible is True  # one session of three at a distance
    assert third.rncp_level is None
    assert third.provider_id == first.provider_id  # one provider per SIRET
    assert Provider.objects.filter(siret="11111111100011").count() == 1

    record = ImportRun.objects.get(source__key="cpf")
    assert record.status == ImportRun.Status.PARTIAL
    assert (record.created, record.refused, record.closed) == (3, 1, 0)
    where = "ligne 6" if path.suffix == ".csv" else "enregistrement 5"
    assert record.errors == [{"ref": where, "reason": "frais_ttc_tot_min n’est pas un nombre : « deux mille »."}]


def test_source_is_recorded_once_with_its_licence(portal):
    run("cpf", CPF_CSV)
    run("cpf", CPF_JSON)

    source = DataSource.objects.get(key="cpf")
    assert (source.publisher, source.licence) == ("Caisse des Dépôts", "Licence Ouverte")
    assert source.runs.count() == 2


def test_rerun_changes_nothing_and_staff_edits_survive(portal, tmp_path):
    clean = write_cpf(tmp_path, cpf_rows(*KEPT))
    assert run("cpf", clean) == ""
    edited = by_ref()["TEST-CPF-0001"]
    edited.title = "Titre corrigé par l’équipe"
    edited.save()

    assert run("cpf", clean) == ""
    record = ImportRun.objects.latest("started_at")
    assert (record.created, record.updated, record.unchanged, record.closed) == (0, 0, 3, 0)

    changes = {"TEST-CPF-0001": {"intitule_formation": "Nouveau titre du catalogue", "frais_ttc_tot_max": "8000"}}
    assert run("cpf", write_cpf(tmp_path, cpf_rows(*KEPT, changes=changes), "again.csv")) == ""
    edited.refresh_from_db()
    assert edited.title == "Titre corrigé par l’équipe"  # staff win
    assert edited.price_high == 8000  # what staff left alone follows the catalogue
    assert ImportRun.objects.latest("started_at").updated == 1


def test_shrunk_catalogue_closes_the_missing_programme_and_a_later_run_reopens_it(portal, tmp_path):
    assert run("cpf", write_cpf(tmp_path, cpf_rows(*KEPT))) == ""
    assert run("cpf", write_cpf(tmp_path, cpf_rows("TEST-CPF-0001", "TEST-CPF-0002"), "shrunk.csv")) == ""

    gone = Programme.objects.get(source_ref="TEST-CPF-0003")  # still there: closed, not deleted
    assert gone.status == Programme.Status.ARCHIVED and gone.closed_on is not None
    assert ImportRun.objects.latest("started_at").closed == 1

    assert run("cpf", write_cpf(tmp_path, cpf_rows(*KEPT), "back.csv")) == ""
    gone.refresh_from_db()
    assert gone.closed_on is None and gone.status == Programme.Status.REVIEW
    assert ImportRun.objects.latest("started_at").reopened == 1


def test_a_run_that_refused_a_row_closes_nothing(portal, tmp_path):
    assert run("cpf", write_cpf(tmp_path, cpf_rows(*KEPT))) == ""
    shrunk_and_broken = cpf_rows("TEST-CPF-0001", "TEST-CPF-0005")
    assert "refusé" in run("cpf", write_cpf(tmp_path, shrunk_and_broken, "partial.csv"))

    assert not Programme.objects.filter(closed_on__isnull=False).exists()
    assert ImportRun.objects.latest("started_at").status == ImportRun.Status.PARTIAL


def test_no_close_option_keeps_programmes_absent_from_an_extract(portal, tmp_path):
    assert run("cpf", write_cpf(tmp_path, cpf_rows(*KEPT))) == ""
    assert run("cpf", write_cpf(tmp_path, cpf_rows("TEST-CPF-0001"), "extract.csv"), "--no-close") == ""

    assert not Programme.objects.filter(closed_on__isnull=False).exists()


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        ('[{"numero_formation": "TEST-CPF-0001", "intitule_formation": "Data scientist"', "cut.json", "JSON"),
        ("[1, 2]", "numbers.json", "un objet était attendu"),
        (
            "numero;titre\nTEST;Data scientist\n",
            "other.csv",
            "Colonnes absentes : numero_formation, intitule_formation, siret, nom_of",
        ),
        (b"\xff\xfe\x00garbage", "binary.csv", "UTF-8"),
        ("", "empty.csv", "vide"),
    ],
    ids=["truncated-json", "not-objects", "other-columns", "not-utf8", "empty"],
)
def test_broken_file_writes_nothing_and_says_why(portal, tmp_path, content, name, reason):
    assert run("cpf", write_cpf(tmp_path, cpf_rows(*KEPT))) == ""
    target = tmp_path / name
    target.write_bytes(content if isinstance(content, bytes) else content.encode())

    error = run("cpf", target)

    assert reason in error and "Rien n’a été écrit." in error
    assert Programme.objects.filter(source__key="cpf", closed_on__isnull=True).count() == 3  # nothing closed
    record = ImportRun.objects.latest("started_at")
    assert record.status == ImportRun.Status.FAILED and reason in record.message


def test_missing_file_is_one_line(portal, tmp_path):
    assert "introuvable" in run("cpf", tmp_path / "absent.csv")


def test_dry_run_writes_nothing(portal, tmp_path, capsys):
    call_command("import_programmes", "cpf", "--file", str(write_cpf(tmp_path, cpf_rows(*KEPT))), "--dry-run")

    assert "Simulation, rien n’a été écrit" in capsys.readouterr().out
    assert not Programme.objects.exists()
    assert ImportRun.objects.get().dry_run is True


def test_counts_and_progress_are_reported(portal, tmp_path, capsys):
    call_command("import_programmes", "cpf", "--file", str(write_cpf(tmp_path, cpf_rows(*KEPT))))

    captured = capsys.readouterr()
    assert "3 enregistrements lus, 3 retenus : 3 créées, 0 mises à jour" in captured.out
    assert "… 3 enregistrements lus, 3 retenus" in captured.err


def test_reads_the_export_from_a_url(portal):
    handler = functools.partial(QuietHandler, directory=str(DATA))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/{CPF_JSON.name}"
        assert "refusé" in run("cpf", url)
    finally:
        server.shutdown()
    assert set(by_ref()) == KEPT


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.mark.parametrize("path", [ONISEP_JSON, ONISEP_CSV], ids=["json", "csv"])
def test_onisep_programmes_with_institution_city_route_and_link(portal, path):
    error = run("onisep", path, "--extracted-on", "2026-11-20")

    assert "1 enregistrement(s) refusé(s)" in error  # the licence without an institution
    programmes = by_ref("onisep")
    assert set(programmes) == {"AF.TEST1", "AF.TEST2", "AF.TEST3"}  # the CAP leads to no career here
    master = programmes["AF.TEST1"]
    assert master.path == portal["paths"]["universite"]
    assert master.work_study is True  # the row says apprentissage
    assert (master.duration_months, master.rncp_level, master.price) == (24, 7, None)
    assert master.provider.name == "Université de test Lyon" and master.provider.uai == "0000001A"
    assert [city.name for city in master.cities.all()] == ["Lyon"]
    assert master.url == "http://www.onisep.fr/http/redirection/formation/slug/FOR.TEST1"
    assert master.source_extracted_on == datetime.date(2026, 11, 20)
    assert master.region == "84"
    engineering = programmes["AF.TEST2"]
    assert engineering.path == portal["paths"]["ecole-ingenieurs"]
    assert engineering.provider.kind == Provider.Kind.ENGINEERING_SCHOOL
    assert engineering.price == 7500 and engineering.work_study is None
    but = programmes["AF.TEST3"]
    assert but.path == portal["paths"]["universite"] and but.rncp_level == 6
    assert [city.name for city in but.cities.all()] == ["Lyon"]  # one city row, shared
    record = ImportRun.objects.get(source__key="onisep")
    assert record.errors[0]["reason"].startswith("Pas d’établissement")


def test_import_needs_the_paths_of_the_content(db, tmp_path):
    CareerFactory(rome_codes="M1405")

    assert "Parcours absents : reconversion" in run("cpf", CPF_CSV)
    assert not Programme.objects.exists()


def test_json_lines_are_read_too(portal, tmp_path):
    rows = json.loads(CPF_JSON.read_text(encoding="utf-8"))[:3]
    target = tmp_path / "export.jsonl"
    target.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")

    assert run("cpf", target) == ""
    assert set(by_ref()) == KEPT


def test_partial_run_is_listed_on_the_review_page_and_the_programme_admin_shows_provenance(portal, admin_client):
    from django.urls import reverse

    run("cpf", CPF_CSV)

    review = admin_client.get(reverse("admin:review")).text
    assert "Catalogue des formations éligibles au CPF (Mon Compte Formation) : Partiel" in review
    programme = Programme.objects.get(source_ref="TEST-CPF-0001")
    page = admin_client.get(reverse("admin:training_programme_change", args=[programme.pk]))
    assert page.status_code == 200 and "TEST-CPF-0001" in page.text and "Provenance" in page.text


def test_source_set_to_publish_at_once_publishes_new_programmes(portal, tmp_path):
    DataSource.objects.create(key="cpf", name="CPF", publisher="Caisse des Dépôts", publish_at_once=True)

    assert run("cpf", write_cpf(tmp_path, cpf_rows(*KEPT))) == ""

    assert set(Programme.objects.published().values_list("source_ref", flat=True)) == KEPT


def test_a_csv_line_with_missing_cells_is_refused_with_its_line(portal, tmp_path):
    target = write_cpf(tmp_path, cpf_rows(*KEPT))
    with target.open("a", encoding="utf-8") as handle:
        handle.write("2026-11-02;Organisme coupé;Paris\n")

    assert "1 enregistrement(s) refusé(s)" in run("cpf", target)
    assert ImportRun.objects.get().errors == [{"ref": "ligne 5", "reason": "3 colonnes au lieu de 38"}]
    assert set(by_ref()) == KEPT
