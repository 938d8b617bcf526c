"""What each app gives the site: sitemaps, API routes, search providers, staff roles and review queues.

Each app registers its own parts in its ``AppConfig.ready()``; the site
(``portal``) and the staff tools read them here. So a new app touches the
site in one place, ``INSTALLED_APPS``, and the library imports no app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ApiRoute:
    prefix: str
    viewset: type
    basename: str


@dataclass
class Registry:
    # URL section ("metiers") -> Sitemap class, in registration order.
    sitemaps: dict[str, type] = field(default_factory=dict)
    api_routes: list[ApiRoute] = field(default_factory=list)
    # Callables taking a ``core.search.Query`` and returning ``core.search.Group``s, in display order.
    search_providers: list[Callable] = field(default_factory=list)
    # (callable returning a queryset, field names): the public names a search box suggests and corrects to.
    search_terms: list[tuple[Callable, tuple[str, ...]]] = field(default_factory=list)
    # Staff group name -> {"app_label.model_name": ("add", "change", "view", "publish"…)}, merged across apps.
    roles: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # Callables returning the "À revoir" queues (``core.freshness.Queue``) of one app, computed at each call.
    review_queues: list[Callable] = field(default_factory=list)
    # Name for ``manage.py import_file <name>`` ("programmes") -> the import-export resource class, in order.
    file_imports: dict[str, type] = field(default_factory=dict)

    def sitemap(self, section: str, sitemap_class: type) -> None:
        self.sitemaps[section] = sitemap_class

    def api_route(self, prefix: str, viewset: type, basename: str) -> None:
        self.api_routes.append(ApiRoute(prefix, viewset, basename))

    def search_provider(self, provider: Callable) -> None:
        self.search_providers.append(provider)

    def search_term_source(self, queryset: Callable, *names: str) -> None:
        """Offer ``names`` of the rows ``queryset()`` returns as search terms (``core.search.vocabulary``)."""
        self.search_terms.append((queryset, names))

    def grant(self, group: str, grants: dict[str, tuple[str, ...]]) -> None:
        """Add ``grants`` to ``group``'s permissions; an app names only its own models."""
        merged = self.roles.setdefault(group, {})
        for label, actions in grants.items():
            merged[label] = tuple(dict.fromkeys((*merged.get(label, ()), *actions)))

    def review_queue(self, queues: Callable) -> None:
        self.review_queues.append(queues)

    def file_import(self, name: str, resource_class: type) -> None:
        self.file_imports[name] = resource_class

    def file_import_name(self, model) -> str | None:
        """The ``import_file`` name of the resource that imports ``model``, if one is registered."""
        return next((name for name, resource in self.file_imports.items() if resource._meta.model is model), None)


site = Registry()
