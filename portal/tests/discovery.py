"""Find what the hardening tests must cover, so apps merged later are covered too.

Nothing here lists today's apps, models or URLs: project apps come from
``core.project``, factories from each app's ``tests/factories.py``, public
pages from the root URL resolver.
"""

import inspect
from importlib import import_module
from importlib.util import find_spec

import factory
from django.conf import settings
from django.db import models
from django.urls import get_resolver
from django.utils.regex_helper import normalize

from core.project import is_historical, project_app_configs, project_models, tracked_model


def factory_modules():
    for app_config in project_app_configs():
        name = f"{app_config.name}.tests.factories"
        if find_spec(f"{app_config.name}.tests") is not None and find_spec(name) is not None:
            yield import_module(name)


def factories_by_model() -> dict:
    """One ``DjangoModelFactory`` per model, the model's own app's first."""
    found = {}
    for module in factory_modules():
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, factory.django.DjangoModelFactory) or cls._meta.model is None:
                continue
            model = cls._meta.model
            own_app = module.__name__.startswith(f"{model._meta.app_config.name}.")
            if model not in found or (own_app and not found[model][1]):
                found[model] = (cls, own_app)
    return {model: cls for model, (cls, _) in found.items()}


def historical_factory(model):
    """Versions come from saving the tracked row: its factory makes one, overrides then apply to it."""
    tracked_factory = factory_for(tracked_model(model))

    def _create(cls, model_class, *args, **kwargs):
        record = tracked_factory().history.latest()
        for name, value in kwargs.items():
            setattr(record, name, value)
        record.save()
        return record

    meta = type("Meta", (), {"model": model})
    return type(
        f"{model.__name__}Factory",
        (factory.django.DjangoModelFactory,),
        {"Meta": meta, "_create": classmethod(_create)},
    )


def factory_for(model):
    found = factories_by_model().get(model)
    if found is None and is_historical(model):
        return historical_factory(model)
    assert found is not None, (
        f"No factory for {model._meta.label}: add one to {model._meta.app_label}/tests/factories.py "
        "so the hardening tests (backup, sanitiser) can create its rows."
    )
    return found


def published(model) -> dict:
    """Factory overrides that make a row public, when the model has a publication status."""
    field_names = {field.name for field in model._meta.fields}
    if "status" in field_names and hasattr(model, "Status") and hasattr(model.Status, "PUBLISHED"):
        return {"status": model.Status.PUBLISHED}
    return {}


def public_page_of(obj):
    """The page that shows ``obj``: its own, or the nearest parent's through foreign keys."""
    seen = set()
    queue = [obj]
    while queue:
        current = queue.pop(0)
        if (type(current), current.pk) in seen:
            continue
        seen.add((type(current), current.pk))
        if hasattr(current, "get_absolute_url"):
            return current.get_absolute_url()
        for field in current._meta.fields:
            if isinstance(field, models.ForeignKey):
                related = getattr(current, field.name)
                if related is not None:
                    queue.append(related)
    return None


def markdown_fields():
    """(model, field) for every text field whose help text promises Markdown.

    The help text is what the admin shows editors, so it is the contract: a
    field that says Markdown must be rendered by the one sanitiser.
    Historical copies are left out: only the admin shows them, escaped.
    """
    return [
        (model, field)
        for model in project_models()
        if not is_historical(model)
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField) and "markdown" in str(field.help_text).lower()
    ]


def url_patterns(resolver=None, prefix="", params=(), namespaces=()):
    """Yield (route, params, view_name, pattern) for every endpoint, ``route`` a %-format string.

    Uses Django's own ``normalize`` (what ``reverse`` uses), so path() and
    re_path() patterns, nested includes and optional groups all come out.
    """
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        for route, names in normalize(pattern.pattern.regex.pattern):
            full_route, full_params = prefix + route, (*params, *names)
            if hasattr(pattern, "url_patterns"):
                inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
                yield from url_patterns(pattern, full_route, full_params, inner)
            else:
                view_name = ":".join((*namespaces, pattern.name)) if pattern.name else None
                yield full_route, full_params, view_name, pattern


def public_patterns():
    """Endpoints visitors can reach: everything but the admin and static files."""
    admin_prefix = settings.ADMIN_URL
    static_prefix = settings.STATIC_URL.lstrip("/")
    for route, params, view_name, pattern in url_patterns():
        if route.startswith(admin_prefix) or (static_prefix and route.startswith(static_prefix)):
            continue
        yield route, params, view_name, pattern


def filter_names(pattern) -> set[str]:
    """Query parameters the view's FilterSet reads (HTML ``view_class`` or DRF ``cls``)."""
    view = getattr(pattern.callback, "view_class", None) or getattr(pattern.callback, "cls", None)
    filterset_class = getattr(view, "filterset_class", None)
    return set(filterset_class.base_filters) if filterset_class is not None else set()


def known_url_kwargs() -> dict[str, list[dict]]:
    """URL kwargs of real rows, by view name: what ``get_absolute_url`` gives for each."""
    from django.urls import Resolver404, resolve

    found = {}
    for model in project_models():
        if not hasattr(model, "get_absolute_url"):
            continue
        for obj in model._base_manager.all()[:20]:
            try:
                match = resolve(obj.get_absolute_url())
            except Resolver404:
                continue
            found.setdefault(match.view_name, []).append(match.kwargs)
    return found
