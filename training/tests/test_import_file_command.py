"""``manage.py import_file programmes FICHIER``: any size, the admin import's checks, all or nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from careers.tests.factories import CareerFactory
from core.models import Revision
from core.tests.import_helpers import csv_file, xlsx_file
from training.models import Programme
from training.tests.factories import PathFactory, ProgrammeFactory, ProviderFactory

pytestmark = pytest.mark.django_db

HEADER = ["Identifiant d’URL", "Intitulé", "Organisme", "Parcours", "Métiers visés", "Résumé", "Prix total (€)"]


@pytest.fixture
def refs():
    return {
        "provider": ProviderFactory(slug="jedha"),
        "path": PathFactory(slug="bootcamp"),
        "career": CareerFactory(slug="data-scientist"),
    }


def row(slug, price="7500"):
    return [slug, f"Formation {slug}", "jedha", "bootcamp", "data-scientist", "Une formation.", price]


def write(tmp_path, rows, name="formations.csv", header=HEADER):
    path = tmp_path / name
    maker = xlsx_file if name.endswith(".xlsx") else csv_file
    path.write_bytes(maker(header, rows).getvalue())
    return path


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_file", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_imports_a_file_past_the_admins_limit_in_batches_with_progress(tmp_path, refs, settings):
    settings.IMPORT_ADMIN_MAX_ROWS = 5
    path = write(tmp_path, [row(f"f{n}") for n in range(12)])
    out, _err = run("programmes", str(path), batch_size=5)
    assert Programme.objects.count() == 12
    assert set(Programme.objects.values_list("status", flat=True)) == {Programme.Status.DRAFT}
    assert "12 ligne(s) de formations." in out
    assert "  5 / 12 lignes (41 %" in out and "  12 / 12 lignes (100 %" in out
    assert "Formations : 12 nouvelle(s), 0 mise(s) à jour, 0 inchangée(s) (12 lignes en" in out
    out, _err = run("programmes", str(path))
    assert "0 nouvelle(s), 0 mise(s) à jour, 12 inchangée(s)" in out, "the same file again changes nothing"


def test_xlsx_by_its_extension(tmp_path, refs):
    path = write(tmp_path, [[*row("a")[:6], 6900]], name="formations.xlsx")
    run("programmes", str(path))
    assert Programme.objects.get(slug="a").price == 6900


def test_one_refused_row_in_the_last_batch_writes_nothing(tmp_path, refs):
    rows = [row(f"f{n}") for n in range(7)] + [row("bad", price="beaucoup")]
    path = write(tmp_path, rows)
    with pytest.raises(CommandError) as caught:
        run("programmes", str(path), batch_size=3)
    assert str(caught.value) == f"{path} : 1 erreur(s), rien n’a été écrit. Corrigez le fichier."
    assert "\n" not in str(caught.value)
    assert not Programme.objects.exists(), "the first batches are rolled back too"


def test_every_refusal_is_listed_with_its_line_and_column(tmp_path, refs):
    path = write(tmp_path, [row("a", price="x"), row("b"), row("c", price="-1")])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_file", "programmes", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        f"{path}, ligne 2, colonne « Prix total (€) » : « x » n’est pas un nombre.",
        f"{path}, ligne 4, colonne « Prix total (€) » : « -1 » n’est pas un nombre entier positif.",
    ]


def test_the_same_slug_in_two_batches_is_refused(tmp_path, refs):
    path = write(tmp_path, [row("a"), row("b"), row("c"), row("a")])
    with pytest.raises(CommandError) as caught:
        run("programmes", str(path), batch_size=2)
    assert str(caught.value) == (
        f"{path} : « a » (colonne « Identifiant d’URL ») figure deux fois, lignes 2 et 5. Rien n’a été écrit."
    )
    assert not Programme.objects.exists()


def test_dry_run_checks_everything_and_writes_nothing(tmp_path, refs):
    path = write(tmp_path, [row("a"), row("b")])
    out, _err = run("programmes", str(path), dry_run=True)
    assert "Simulation : 2 nouvelle(s), 0 mise(s) à jour, 0 inchangée(s)" in out
    assert "Rien n’a été écrit." in out
    assert not Programme.objects.exists()


def test_the_history_names_the_user_given(tmp_path, refs, editor):
    path = write(tmp_path, [row("a")])
    run("programmes", str(path), user="redactrice")
    assert Programme.history.get().history_user == editor


def test_an_editors_change_to_a_published_programme_waits_for_a_publisher(tmp_path, refs, editor):
    live = ProgrammeFactory(slug="a", title="Formation a", price=5000, provider=refs["provider"], path=refs["path"])
    path = write(tmp_path, [row("a", price="9900")])
    out, _err = run("programmes", str(path), user="redactrice")
    assert "1 de ces mises à jour touchent un élément publié et attendent l’accord" in out
    live.refresh_from_db()
    assert live.price == 5000, "the public still sees the live version"
    assert Revision.objects.pending().of(live).count() == 1


def test_a_user_without_the_right_to_add_is_refused(tmp_path, refs, moderator):
    path = write(tmp_path, [row("a")])
    with pytest.raises(CommandError, match="moderateur n’a pas le droit d’importer des formations."):
        run("programmes", str(path), user="moderateur")
    assert not Programme.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("Intitulé\n€".encode("cp1252"), "f.csv", "n’est pas encodé en UTF-8"),
        (b"not a zip", "f.xlsx", "n’est pas un classeur XLSX lisible"),
        (b"a,b", "f.txt", "format inconnu ; donnez --format csv ou --format xlsx."),
        (b"Couleur\nbleu\n", "f.csv", "Colonne(s) inconnue(s) : « Couleur »."),
    ],
)
def test_an_unreadable_file_is_one_line_and_a_non_zero_exit(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as caught:
        run("programmes", str(path))
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_missing_file_is_one_line(tmp_path):
    with pytest.raises(CommandError, match="fichier illisible"):
        run("programmes", str(tmp_path / "absent.csv"))
