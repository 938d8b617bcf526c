"""WSGI entry point, used by gunicorn: ``gunicorn portal.wsgi``."""

import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

application = get_wsgi_application()

# gunicorn runs no system checks: each worker says it here, once, in the log.
from portal.cache import shared_cache_warning  # noqa: E402 - needs the settings loaded above

if warning := shared_cache_warning():
    logging.getLogger("portal.cache").warning(warning)
