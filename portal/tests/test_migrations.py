"""Every project app's migrations run backwards to zero and forwards again."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from core.project import project_app_configs


def migrated_project_apps():
    migrated = MigrationLoader(None, ignore_no_migrations=True).migrated_apps
    return [app.label for app in project_app_configs() if app.label in migrated]


def tables_of(app_label):
    from django.apps import apps

    return {model._meta.db_table for model in apps.get_app_config(app_label).get_models()}


def test_project_apps_with_migrations_are_found():
    assert "careers" in migrated_project_apps()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("app_label", migrated_project_apps())
def test_app_migrates_to_zero_and_back(app_label):
    call_command("load_content", stdout=io.StringIO())  # Data migrations meet real rows.
    call_command("migrate", app_label, "zero", verbosity=0)
    assert not tables_of(app_label) & set(connection.introspection.table_names())

    call_command("migrate", verbosity=0)
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == [], "everything is applied again"
    assert tables_of(app_label) <= set(connection.introspection.table_names())
