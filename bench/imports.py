"""Time staff imports: the admin's preview and confirmation, and ``manage.py import_file``, per row.

A script, not a test. It migrates a database of its own (an SQLite file in
the temporary folder unless ``DATABASE_URL`` names one, which it empties
first), makes the few rows the files refer to, then imports generated
programmes and offers through the real admin views and the command:

    .venv/bin/python -m bench.imports --rows 500,1000,2000 --command-rows 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/capia_imports .venv/bin/python -m bench.imports

Figures go in bench/README.md ("Imports"); the admin's row limit
(``IMPORT_ADMIN_MAX_ROWS``) is chosen from them.
"""

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path


def setup(database_url: str | None):
    if database_url is None:
        path = Path(tempfile.gettempdir()) / "capia-import-bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        database_url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")  # no query log: as in production
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)  # the test client's response.context, and "testserver" allowed
    call_command("flush", interactive=False, verbosity=0) if "postgres" in database_url else None
    call_command("migrate", verbosity=0)


def csv_bytes(header, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def programme_file(count: int, prefix: str) -> bytes:
    header = ["Identifiant d’URL", "Intitulé", "Organisme", "Parcours", "Métiers visés", "Résumé", "Format",
              "Éligible au CPF", "Prix total (€)", "Durée (semaines)", "Prochaine rentrée"]  # fmt: skip
    rows = [
        [f"{prefix}-{n}", f"Formation {n}", "jedha", "bootcamp", "data-scientist,data-engineer",
         "Deux ou trois phrases qui présentent la formation.", "À distance", "Oui", 6900 + n % 100, 12, "05/01/2027"]
        for n in range(count)
    ]  # fmt: skip
    return csv_bytes(header, rows)


def offer_file(count: int, prefix: str) -> bytes:
    header = ["Identifiant d’URL", "Intitulé du poste", "Employeur", "Métier", "Contrat", "Région", "Ville",
              "Salaire annuel brut minimum (€)", "Description", "Adresse pour postuler"]  # fmt: skip
    rows = [
        [f"{prefix}-{n}", f"Data scientist {n}", "acme", "data-scientist", "CDI", "Île-de-France", "Paris",
         45000, "## Le poste\n\nAnalyser les données, construire des modèles.", "https://example.org/postuler"]
        for n in range(count)
    ]  # fmt: skip
    return csv_bytes(header, rows)


def make_refs():
    from careers.models import Career
    from jobs.models import Employer
    from training.models import Path as TrainingPath
    from training.models import Provider

    Provider.objects.get_or_create(slug="jedha", defaults={"name": "Jedha", "kind": Provider.Kind.BOOTCAMP})
    TrainingPath.objects.get_or_create(slug="bootcamp", defaults={"title": "Bootcamp", "summary": "S.", "position": 1})
    for slug in ("data-scientist", "data-engineer"):
        Career.objects.get_or_create(slug=slug, defaults={"title": slug, "summary": "S."})
    Employer.objects.get_or_create(slug="acme", defaults={"name": "Acme"})


def admin_import(client, app_model: str, content: bytes, name: str) -> tuple[float, float]:
    from django.urls import reverse

    app, model = app_model.split(".")
    upload = io.BytesIO(content)
    upload.name = name
    started, started_cpu = time.perf_counter(), time.process_time()
    response = client.post(reverse(f"admin:{app}_{model}_import"), {"format": "0", "import_file": upload})
    previewed, previewed_cpu = time.perf_counter(), time.process_time()
    assert response.status_code == 200 and "confirm_form" in response.context, response.context.get("problems")
    response = client.post(reverse(f"admin:{app}_{model}_process_import"), response.context["confirm_form"].initial)
    assert response.status_code == 302, response.status_code
    return (
        (previewed - started, previewed_cpu - started_cpu),
        (time.perf_counter() - previewed, time.process_time() - previewed_cpu),
    )


def per_row(label: str, seconds: tuple[float, float], count: int) -> str:
    wall, cpu = seconds
    return (
        f"{label} {wall:6.1f} s ({1000 * wall / count:.1f} ms/row; this process's CPU {1000 * cpu / count:.1f} ms/row)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="500,1000,2000", help="Row counts for the admin's preview and confirmation.")
    parser.add_argument("--command-rows", type=int, default=10_000, help="Rows for manage.py import_file.")
    args = parser.parse_args()
    setup(os.environ.get("DATABASE_URL"))

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    settings.IMPORT_ADMIN_MAX_ROWS = 10**9  # measured here, not refused
    settings.IMPORT_ADMIN_MAX_MEGABYTES = 10**3
    make_refs()
    user = get_user_model().objects.create_superuser("bench-import", "bench@example.org", "bench-import-password")
    client = Client()
    client.force_login(user)
    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, load average {os.getloadavg()}")
    for count in (int(n) for n in args.rows.split(",")):
        for label, app_model, maker in (
            ("programmes", "training.programme", programme_file),
            ("offres", "jobs.joboffer", offer_file),
        ):
            preview, confirm = admin_import(client, app_model, maker(count, f"a{count}"), f"{label}.csv")
            steps = f"{per_row('preview', preview, count)}, {per_row('confirm', confirm, count)}"
            print(f"admin {label:10} {count:>7} rows: {steps}")
    for label, maker in (("programmes", programme_file), ("offres", offer_file)):
        path = Path(tempfile.gettempdir()) / f"capia-import-bench-{label}.csv"
        path.write_bytes(maker(args.command_rows, "c"))
        started, started_cpu = time.perf_counter(), time.process_time()
        call_command("import_file", label, str(path), stdout=io.StringIO())
        seconds = (time.perf_counter() - started, time.process_time() - started_cpu)
        path.unlink()
        print(f"import_file {label:10} {args.command_rows:>7} rows: {per_row('', seconds, args.command_rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
