"""Time ``manage.py import_programmes cpf`` on a generated export, and its peak memory.

A script, not a test. Each run is one process (peak RSS is per process): it
writes an export of ``--rows`` records in the CPF catalogue's CSV layout
(``;``-separated), a share of them (``--kept``) leading to the bench career,
into the temporary folder, migrates a database of its own, then imports the
file twice (a first run, then a re-run that finds every row unchanged):

    .venv/bin/python -m bench.catalogue_import --rows 50000 --kept 1.0
    .venv/bin/python -m bench.catalogue_import --rows 200000 --kept 0.1

Figures go in bench/README.md ("Catalogue imports").
"""

import argparse
import csv
import os
import resource
import tempfile
import time
from pathlib import Path

COLUMNS = ["date_extract", "nom_of", "nom_departement", "nom_region", "type_referentiel", "code_rncp",
           "intitule_certification", "libelle_niveau_sortie_formation", "code_formacode_1", "code_formacode_2",
           "code_formacode_3", "code_formacode_4", "code_formacode_5", "libelle_code_formacode_principal", "siret",
           "numero_formation", "intitule_formation", "points_forts", "nb_action", "nb_session_active",
           "nb_session_a_distance", "nombre_heures_total_min", "nombre_heures_total_max", "nombre_heures_total_mean",
           "frais_ttc_tot_min", "frais_ttc_tot_max", "frais_ttc_tot_mean", "code_departement", "code_region",
           "code_rome_1", "code_rome_2", "code_rome_3", "code_rome_4", "code_rome_5"]  # fmt: skip


def write_export(path: Path, rows: int, kept: float) -> None:
    every = max(1, round(1 / kept)) if kept > 0 else rows + 1
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(COLUMNS)
        for n in range(rows):
            relevant = n % every == 0
            writer.writerow([
                "2026-11-02", f"Organisme {n % 2000}", "Paris", "Île-de-France", "RNCP", str(30000 + n % 500),
                "Titre de test" if relevant else "Autre titre", "Niveau 6 (Licence...)",
                "31026" if relevant else "15234", "", "", "", "", "Libellé", f"{10**13 + n % 2000:014d}",
                f"BENCH-{n}", f"Formation de test {n}" + (" data scientist" if relevant else " anglais"),
                "Des points forts en quelques phrases, comme les lignes réelles en donnent souvent.", 1, 3, n % 4,
                35, 70 + n % 300, 50, 1000 + n % 5000, 2000 + n % 5000, 1500, "75", "11",
                "M1405" if relevant else "K2111", "", "", "", "",
            ])  # fmt: skip


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--kept", type=float, default=1.0, help="Share of rows leading to the bench career.")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="capia-catalogue-bench-"))
    export = folder / "export.csv"
    write_export(export, args.rows, args.kept)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from careers.models import Career
    from training.models import Path as TrainingPath

    Career.objects.create(title="Data scientist", slug="data-scientist", summary="Bench.", status="published",
                          rome_codes="M1405", formacodes="31026", search_keywords="data scientist")  # fmt: skip
    TrainingPath.objects.create(title="Reconversion", slug="reconversion", summary="Bench.", status="published")
    size = export.stat().st_size / 1024 / 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for label in ("first run", "re-run"):
        started, cpu = time.monotonic(), cpu_seconds()
        call_command("import_programmes", "cpf", "--file", str(export), verbosity=0)
        elapsed, cpu = time.monotonic() - started, cpu_seconds() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # CPU time as well: on a shared machine the wall clock says as much about the neighbours.
        print(f"{label}: {args.rows} rows ({size:.0f} MB), {args.kept:.0%} kept: {elapsed:.1f} s "
              f"({cpu:.1f} s of CPU), peak RSS {peak:.0f} MB (before the import: {before:.0f} MB)")  # fmt: skip


if __name__ == "__main__":
    main()
