from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The library every app builds on: the publish workflow, admin and API bases, text, Markdown, search."""

    name = "core"
    verbose_name = "Bibliothèque commune"

    def ready(self):
        from django.db.backends.signals import connection_created

        from core import text
        from core.db import probe_json_support

        text.connect_signals()
        connection_created.connect(probe_json_support, dispatch_uid="core.probe_json_support")
