"""``manage.py backup`` and ``restore``: a complete round trip, and clear refusals."""

import io
import json

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import CommandError, call_command

from careers.models import Career, Source
from core.project import project_models
from portal import backup
from portal.tests.discovery import factories_by_model


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def generate_rows():
    """Shipped content, a few rows from every factory, m2m links, accounts and history."""
    run("load_content")
    for factory_class in factories_by_model().values():
        factory_class.create_batch(2)
    for model in project_models():
        for field in model._meta.many_to_many:
            targets = list(field.related_model._base_manager.order_by("pk")[:2])
            for obj in model._base_manager.order_by("pk")[:3]:
                getattr(obj, field.name).add(*targets)
    editors = Group.objects.create(name="Rédaction")
    editors.permissions.set(Permission.objects.filter(content_type__app_label="careers"))
    chief = User.objects.create_superuser("chef", "chef@example.org", "motdepasse-de-test")
    editor = User.objects.create_user("redaction", "redaction@example.org", "motdepasse-de-test", is_staff=True)
    editor.groups.add(editors)
    editor.user_permissions.add(Permission.objects.get(codename="view_logentry"))
    career = Career.objects.order_by("pk").first()
    career_type = ContentType.objects.get_for_model(Career)
    for user, flag, message in [(chief, ADDITION, "Ajouté."), (editor, CHANGE, '[{"changed": {"fields": ["body"]}}]')]:
        LogEntry.objects.create(
            user=user,
            content_type=career_type,
            object_id=str(career.pk),
            object_repr=str(career),
            action_flag=flag,
            change_message=message,
        )


def snapshot() -> dict[str, list]:
    """Every row of every backed-up model, content types and permissions by natural key."""
    rows = {}
    for model in backup.backed_up_models():
        serialized = serializers.serialize("python", model._base_manager.order_by("pk"), use_natural_foreign_keys=True)
        for row in serialized:  # m2m lists come in database order; compare them as sets.
            row["fields"] = {k: sorted(v, key=repr) if isinstance(v, list) else v for k, v in row["fields"].items()}
        rows[model._meta.label] = serialized
    return rows


def differences(before, after) -> list[str]:
    """Readable differences, row by row and field by field."""
    found = []
    for label in before.keys() | after.keys():
        old_rows = {row["pk"]: row["fields"] for row in before.get(label, [])}
        new_rows = {row["pk"]: row["fields"] for row in after.get(label, [])}
        for pk in old_rows.keys() ^ new_rows.keys():
            found.append(f"{label} pk={pk}: {'lost' if pk in old_rows else 'added'}")
        for pk in old_rows.keys() & new_rows.keys():
            for name in old_rows[pk].keys() | new_rows[pk].keys():
                if old_rows[pk].get(name) != new_rows[pk].get(name):
                    found.append(f"{label} pk={pk} {name}: {old_rows[pk].get(name)!r} != {new_rows[pk].get(name)!r}")
    return found


@pytest.mark.django_db(transaction=True)
def test_round_trip_restores_every_row_of_every_model(tmp_path):
    generate_rows()
    before = snapshot()
    empty = [label for label, rows in before.items() if not rows]
    assert not empty, f"no rows generated for {empty}: the round trip would not cover them"
    assert set(before) >= {m._meta.label for m in project_models()} | {"auth.User", "auth.Group", "admin.LogEntry"}
    path = tmp_path / "capia.json"

    assert "Sauvegarde écrite" in run("backup", str(path))
    call_command("flush", interactive=False, verbosity=0)
    assert backup.non_empty_tables() == {}
    output = run("restore", str(path))

    after = snapshot()
    assert differences(before, after) == []
    assert after == before
    assert f"{sum(len(r) for r in before.values())} lignes" in output
    # Ids were kept: sequences moved past them, so new rows do not collide.
    Source.objects.create(slug="nouvelle", title="Nouvelle", publisher="Apec", published_on="2026-01-01")
    User.objects.create_user("nouveau")


@pytest.mark.django_db
def test_backup_header_names_format_version_and_migrations(tmp_path):
    path = tmp_path / "capia.json"
    run("backup", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("cap-ia-backup", 1)
    assert "0001_initial" in data["migrations"]["careers"]
    assert data["objects"] == [] and data["counts"]["careers.Career"] == 0
    assert path.stat().st_mode & 0o777 == 0o600, "password hashes are for the owner's eyes only"


@pytest.mark.django_db
def test_backup_does_not_overwrite_without_force(tmp_path):
    path = tmp_path / "capia.json"
    path.write_text("précieux", encoding="utf-8")
    with pytest.raises(CommandError, match="existe déjà"):
        run("backup", str(path))
    assert path.read_text(encoding="utf-8") == "précieux"
    run("backup", str(path), "--force")
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "cap-ia-backup"


def write_backup(tmp_path, **overrides):
    data, _ = backup.dump()
    data.update(overrides)
    path = tmp_path / "capia.json"
    backup.write(path, data)
    return path


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    path = write_backup(tmp_path)
    Source.objects.create(slug="deja-la", title="Déjà là", publisher="Apec", published_on="2026-01-01")
    with pytest.raises(CommandError, match=r"La base n’est pas vide.*careers\.Source \(1\)"):
        run("restore", str(path))


@pytest.mark.django_db
def test_restore_refuses_another_format_version(tmp_path):
    path = write_backup(tmp_path, version=2)
    with pytest.raises(CommandError, match="version 2 ; ce code ne lit que la version 1"):
        run("restore", str(path))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{pas du json", "n’est pas un fichier JSON lisible"),
        ('{"objects": []}', "n’est pas une sauvegarde Cap IA"),
        ('[{"model": "careers.source"}]', "n’est pas une sauvegarde Cap IA"),
        ('{"format": "cap-ia-backup", "version": 1}', "est incomplet"),
    ],
)
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, content, message):
    path = tmp_path / "capia.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run("restore", str(path))


@pytest.mark.django_db
def test_restore_refuses_a_backup_from_a_newer_schema(tmp_path):
    data, _ = backup.dump()
    path = write_backup(tmp_path, migrations={**data["migrations"], "careers": ["0001_initial", "0099_future"]})
    with pytest.raises(CommandError, match=r"careers\.0099_future.*manage\.py migrate"):
        run("restore", str(path))


@pytest.mark.django_db
def test_restore_is_all_or_nothing(tmp_path):
    objects = [
        {"model": "careers.sector", "pk": 1, "fields": {"name": "Santé", "slug": "sante"}},
        {  # Points to a source the file does not contain.
            "model": "careers.marketfigure",
            "pk": 1,
            "fields": {
                "career": 1,
                "offer_count": 3,
                "approximate": True,
                "observed_on": "2025-10-01",
                "platforms": "Apec",
                "source": 999,
                "created_at": "2025-10-01T00:00:00Z",
                "updated_at": "2025-10-01T00:00:00Z",
            },
        },
    ]
    path = write_backup(tmp_path, objects=objects)
    with pytest.raises(CommandError, match="Restauration annulée, rien n’a été écrit"):
        run("restore", str(path))
    assert backup.non_empty_tables() == {}


@pytest.mark.django_db
def test_restore_dry_run_writes_nothing(tmp_path):
    objects = [{"model": "careers.sector", "pk": 1, "fields": {"name": "Santé", "slug": "sante"}}]
    path = write_backup(tmp_path, objects=objects)
    assert "Simulation : Sauvegarde du" in run("restore", str(path), "--dry-run")
    assert backup.non_empty_tables() == {}
    run("restore", str(path))
    assert apps.get_model("careers", "Sector").objects.get().name == "Santé"
