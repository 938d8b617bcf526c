"""A complete, versioned JSON dump of what cannot be recreated: project rows, accounts, groups, admin history.

Not what ``migrate`` rebuilds, nor sessions and login attempts. Content types and permissions are named by
natural key, so the dump loads into a database whose ids for them differ."""

import json
import os
from collections import Counter
from datetime import UTC, datetime, time

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from core.project import project_app_configs, project_models

FORMAT = "cap-ia-backup"
VERSION = 1
# Accounts and history live in Django's own apps; everything else is the project's.
FRAMEWORK_MODELS = ["auth.Group", "auth.User", "admin.LogEntry"]


class BackupJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (it cuts them to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime | time):
            value = o.isoformat()
            return value[:-6] + "Z" if value.endswith("+00:00") else value
        return super().default(o)


class BackupError(Exception):
    """The backup cannot be restored; the message says why, in French."""


def backed_up_models():
    """Models in dependency order: a natural key's target before what refers to it."""
    models = [apps.get_model(label) for label in FRAMEWORK_MODELS] + project_models()
    by_app = {}
    for model in models:
        by_app.setdefault(model._meta.app_config, []).append(model)
    return serializers.sort_dependencies(by_app.items(), allow_cycles=True)


def applied_migrations(using=DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    labels = {model._meta.app_label for model in backed_up_models()}
    applied = {}
    for app_label, name in MigrationRecorder(connections[using]).applied_migrations():
        if app_label in labels:
            applied.setdefault(app_label, []).append(name)
    return {label: sorted(names) for label, names in sorted(applied.items())}


def dump(using=DEFAULT_DB_ALIAS) -> tuple[dict, Counter]:
    """The whole backup as a JSON-ready dict, and the rows counted per model."""
    objects, counts = [], Counter()
    with transaction.atomic(using=using):  # One consistent snapshot on PostgreSQL.
        for model in backed_up_models():
            # Generated columns (pay sort, durations, search vectors) are the database's to recompute.
            generated = [field.name for field in model._meta.concrete_fields if field.generated]
            kept = [field.name for field in (*model._meta.local_fields, *model._meta.local_many_to_many)]
            rows = serializers.serialize(
                "python",
                model._base_manager.using(using).defer(*generated).order_by("pk"),
                fields=[name for name in kept if name not in generated],
                use_natural_foreign_keys=True,
            )
            objects.extend(rows)
            counts[model._meta.label] = len(rows)
        migrations = applied_migrations(using)
    header = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "apps": [app_config.label for app_config in project_app_configs()],
        "migrations": migrations,
        "counts": dict(counts),
    }
    return {**header, "objects": objects}, counts


def write(path, data) -> None:
    """Write through a temporary file, so a failed write never leaves half a backup; readable by its owner
    only, as it holds password hashes and unpublished drafts."""
    tmp = path.with_name(path.name + ".partial")
    descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(data, handle, cls=BackupJSONEncoder, ensure_ascii=False, indent=1)
        handle.write("\n")
    tmp.replace(path)


def read(path) -> dict:
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise BackupError(f"Fichier introuvable : {path}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path.name} n’est pas un fichier JSON lisible ({exc}).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"{path.name} n’est pas une sauvegarde Cap IA (format « {FORMAT} » attendu).")
    if data.get("version") != VERSION:
        raise BackupError(
            f"{path.name} est au format de sauvegarde version {data.get('version')!r} ; "
            f"ce code ne lit que la version {VERSION}. Restaurez-la avec la version du portail qui l’a écrite."
        )
    if not isinstance(data.get("objects"), list) or not isinstance(data.get("migrations"), dict):
        raise BackupError(f"{path.name} est incomplet : « objects » ou « migrations » manque.")
    return data


def non_empty_tables(using=DEFAULT_DB_ALIAS) -> dict[str, int]:
    counts = {}
    for model in backed_up_models():
        count = model._base_manager.using(using).count()
        if count:
            counts[model._meta.label] = count
    return counts


def check_restorable(data, using=DEFAULT_DB_ALIAS) -> None:
    """Refuse a non-empty database, or one whose schema is older than the backup's."""
    occupied = non_empty_tables(using)
    if occupied:
        details = ", ".join(f"{label} ({count})" for label, count in occupied.items())
        raise BackupError(
            "La base n’est pas vide : la restauration écraserait ou mélangerait des données. "
            f"Contenu trouvé : {details}. Restaurez dans une base neuve (créée puis « manage.py migrate »)."
        )
    applied = applied_migrations(using)
    missing = [
        f"{label}.{name}"
        for label, names in data["migrations"].items()
        for name in names
        if name not in applied.get(label, [])
    ]
    if missing:
        raise BackupError(
            "La sauvegarde a été écrite avec des migrations que cette base n’a pas : "
            f"{', '.join(missing)}. Lancez « manage.py migrate » avec la version du portail qui l’a écrite."
        )


def load(data, using=DEFAULT_DB_ALIAS) -> Counter:
    """Load every row in one transaction, the way ``loaddata`` does; all or nothing."""
    connection = connections[using]
    ContentType.objects.clear_cache()  # Ids in the cache may predate a flush or a new database.
    counts, models = Counter(), set()
    with transaction.atomic(using=using):
        with connection.constraint_checks_disabled():
            deferred = []
            for obj in serializers.deserialize("python", data["objects"], using=using, handle_forward_references=True):
                obj.save(using=using)
                if obj.deferred_fields:
                    deferred.append(obj)
                counts[obj.object._meta.label] += 1
                models.add(type(obj.object))
            for obj in deferred:
                obj.save_deferred_fields(using=using)
        connection.check_constraints(table_names=[model._meta.db_table for model in models])
        # Rows kept their ids: move each sequence past them (PostgreSQL; SQLite needs nothing).
        statements = connection.ops.sequence_reset_sql(no_style(), list(models))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
    return counts
