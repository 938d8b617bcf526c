"""Content versions, one per project app, kept in the cache: a key built from them changes with the content.

Anything cached from the content (a page, the board's facet counts) puts ``version(<app labels it reads>)`` in
its key; a write to an app's model bumps its version (``core.apps``, ``core.signals.content_changed``). The
versions live in the default cache: shared through Redis when ``REDIS_URL`` is set, per process otherwise.
"""

import secrets
from functools import cache as once
from functools import partial

from django.core.cache import cache
from django.db import transaction

from core.project import is_historical, project_models

KEY = "content-version:%s"


@once
def content_labels() -> tuple[str, ...]:
    """The app labels that have a version: every project app with a model."""
    return tuple(sorted({model._meta.app_label for model in project_models()}))


def fresh() -> int:
    """A first value for a missing version: random, so an evicted version set again cannot come back to a value
    keys written before the eviction were built with."""
    return secrets.randbits(48)


def version(*labels: str) -> str:
    """The current versions of ``labels``' content as one token ("81.4432.7"), in one cache read."""
    keys = [KEY % label for label in labels]
    found = cache.get_many(keys)
    missing = {key: fresh() for key in keys if key not in found}
    if missing:
        for key, value in missing.items():
            cache.add(key, value, timeout=None)
        # Another process may have added it first: its value is the one everybody reads.
        found.update(cache.get_many(list(missing)))
    return ".".join(str(found.get(key, missing.get(key))) for key in keys)


def bump_now(*labels: str) -> None:
    for label in labels:
        key = KEY % label
        try:
            cache.incr(key)
        except ValueError:  # not set yet, or evicted: any fresh value differs from what keys were built with
            cache.add(key, fresh(), timeout=None)


def bump(*labels: str) -> None:
    """Give ``labels`` a new version now (the writer's next request is fresh) and again on commit (what another
    request read in between, the old data, does not stay cached under the new version)."""
    bump_now(*labels)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(partial(bump_now, *labels))


def on_model_change(sender, action=None, **kwargs) -> None:
    """post_save, post_delete, m2m_changed (after the change) and ``content_changed``: bump the sender's app."""
    if action is not None and not action.startswith("post_"):
        return
    label = sender._meta.app_label
    # A history row is written beside the row it records, whose own signal bumps the app.
    if label in content_labels() and not is_historical(sender):
        bump(label)
