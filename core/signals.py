"""Signals the library sends and the site listens to, so that the library knows nothing of the site."""

from django.dispatch import Signal

# Sent with ``sender=<model>`` after rows of that model changed without a per-row signal (a queryset
# ``update()``, a bulk insert or delete): the page cache listens and forgets what showed them.
content_changed = Signal()
