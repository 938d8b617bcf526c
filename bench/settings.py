"""Benchmark settings: the production settings plus two measuring aids.

- ``/bench/minimal/`` answers a fixed small page through the same middleware
  stack: the practical upper limit of this machine under gunicorn.
- Every response carries ``X-Query-Count``, the SQL queries it ran.
"""

from portal.settings import *  # noqa: F403
from portal.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
