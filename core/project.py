"""Which apps and models are this project's own, found rather than listed.

Backups, migration checks and the hardening tests cover "every project app":
an app whose code lives in this repository (not in the virtualenv), so a new
app is covered the day it is added to ``INSTALLED_APPS``.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from simple_history.models import HistoricalChanges


def project_app_configs():
    base = Path(settings.BASE_DIR).resolve()
    found = []
    for app_config in apps.get_app_configs():
        path = Path(app_config.path).resolve()
        if path.is_relative_to(base) and "site-packages" not in path.parts:
            found.append(app_config)
    return found


def project_models():
    """Concrete models the project defines, m2m tables excluded (their rows ride with the model)."""
    return [
        model
        for app_config in project_app_configs()
        for model in app_config.get_models()
        if model._meta.managed and not model._meta.proxy
    ]


def is_historical(model) -> bool:
    """A django-simple-history table: a project model of the tracked model's app (backed up, migrated), never
    with a public page or an admin of its own."""
    return issubclass(model, HistoricalChanges)


def tracked_model(model):
    """The model whose versions ``model`` records."""
    return model.instance_type
