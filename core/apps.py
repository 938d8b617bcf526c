from django.apps import AppConfig


def probe_json_support(sender, connection, **kwargs):
    """Ask SQLite about JSON support when a connection opens: Django probes it lazily, with a query, the first
    time a JSONField is used; done here, the probe never lands inside a page's query count."""
    if connection.vendor == "sqlite":
        connection.features.supports_json_field  # noqa: B018 - evaluated for its cached probe


class CoreConfig(AppConfig):
    """The library every app builds on: the publish workflow, admin and API bases, text, Markdown, search."""

    name = "core"
    verbose_name = "Imports et bases communes"

    def ready(self):
        from django.core import checks
        from django.db.backends.signals import connection_created
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from core import http, review, roles, signals, text
        from core.cache import on_model_change
        from core.project import project_models
        from core.registry import site
        from core.validators import guard_text_fields

        text.connect_signals()
        checks.register(http.check_proxy_addresses, checks.Tags.security, deploy=True)
        # Every write to a project model gives its app a new content version (core.cache).
        for signal in (post_save, post_delete, m2m_changed, signals.content_changed):
            signal.connect(on_model_change, dispatch_uid="core.content-version")
        # Every model is loaded before any ready() runs, so each app's text fields are guarded here.
        guard_text_fields(project_models())
        connection_created.connect(probe_json_support, dispatch_uid="core.probe_json_support")
        # Whoever keeps content true may read the imports; those who publish choose what a source publishes.
        site.grant(roles.EDITORS, {"core.importrun": ("view",), "core.datasource": ("view",)})
        for group in (roles.CHIEF_EDITORS, roles.OFFER_MODERATORS):
            site.grant(group, {"core.importrun": ("view",), "core.datasource": ("view", "change")})
        # Synonyms change what every search finds: editors propose them, the editor-in-chief publishes them.
        site.grant(roles.EDITORS, {"core.synonym": roles.EDIT})
        site.grant(roles.CHIEF_EDITORS, {"core.synonym": roles.PUBLISH})
        site.review_queue(review.queues)
