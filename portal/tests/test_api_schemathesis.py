"""schemathesis against the live schema: no input gives a 5xx or an answer the schema does not describe.

Runs in process through the WSGI application, with the shipped content plus
one row of every factory. Bounded and derandomised: 25 examples per
operation, the same ones on every run.
"""

import io

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from portal.tests.discovery import factories_by_model

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def wsgi_app():
    """The WSGI application, without closing the test's database connection after each request.

    Django's test client does the same: the test runs in a transaction that
    the request-finished signal would otherwise close.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def content(db, settings, wsgi_app):
    settings.API_THROTTLE_ANON = "1000000/min"  # 429 is tested on its own; here it would hide the rest.
    call_command("load_content", stdout=io.StringIO())
    for factory_class in factories_by_model().values():
        factory_class()


# The schema is read once, at collection, from the live endpoint (it needs no database).
# Explicit examples and fuzzing only: the coverage phase is not bounded by max_examples.
CONFIG = schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}})
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application(), config=CONFIG)


@schema.parametrize()
@hypothesis_settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_its_schema_says(content, case):
    case.call_and_validate(checks=CHECKS)


def real_slugs():
    from careers.models import Career
    from jobs.models import JobOffer
    from training.models import Programme

    return {
        "/api/v1/careers/{slug}/": Career.objects.published(),
        "/api/v1/programmes/{slug}/": Programme.objects.published(),
        "/api/v1/offers/{slug}/": JobOffer.objects.open(),
    }


@pytest.mark.parametrize("path", list(real_slugs()))
def test_every_published_detail_matches_the_schema(content, path):
    """Random slugs mostly find nothing: here each real row's detail, and its 304, are checked."""
    rows = list(real_slugs()[path].values_list("slug", flat=True))
    assert rows, "nothing published: the check would cover nothing"
    operation = schema[path]["GET"]
    for slug in rows:
        response = operation.Case(path_parameters={"slug": slug}).call_and_validate(checks=CHECKS)
        assert response.status_code == 200
        again = operation.Case(path_parameters={"slug": slug}, headers={"If-None-Match": response.headers["etag"][0]})
        assert again.call_and_validate(checks=CHECKS).status_code == 304
