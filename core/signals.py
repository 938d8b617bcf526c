"""Signals the library sends, so that a write the ORM does not signal row by row is still known."""

from django.dispatch import Signal

# Sent with ``sender=<model>`` after rows of that model changed without a per-row signal (a queryset
# ``update()``, a bulk insert or delete): ``core.cache`` gives the model's app a new content version.
content_changed = Signal()
