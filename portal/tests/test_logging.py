"""Logs are JSON lines on stdout; every request has an id, in its logs and its response."""

import io
import json
import logging

import pytest

from portal.logs import JSONFormatter, RequestIDFilter, request_id_var

pytestmark = pytest.mark.django_db


def test_request_gets_a_fresh_id_in_its_response(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_sane_id_from_the_proxy_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-2026.11.27:abc-123"})
    assert response["X-Request-ID"] == "lb-2026.11.27:abc-123"


@pytest.mark.parametrize("incoming", ["short", "x" * 129, "a b c d e f g h", "abc\r\nSet-Cookie: x=1", "<script>1234"])
def test_an_odd_id_from_outside_is_replaced(client, incoming):
    response = client.get("/healthz", headers={"X-Request-ID": incoming})
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_each_request_is_logged_once_with_its_id(client, caplog):
    caplog.set_level(logging.INFO, logger="portal.request")
    response = client.get("/metiers/?page=abc", headers={"X-Request-ID": "req-0000-test"})
    records = [r for r in caplog.records if r.name == "portal.request"]
    assert len(records) == 1
    record = records[0]
    assert (record.method, record.path, record.status) == ("GET", "/metiers/", response.status_code)
    assert record.duration_ms >= 0


def format_record(record):
    RequestIDFilter().filter(record)
    return JSONFormatter().format(record)


def test_json_formatter_writes_one_line_with_the_request_id():
    token = request_id_var.set("req-42-abcdef")
    try:
        record = logging.LogRecord("portal.request", logging.INFO, __file__, 1, "GET %s", ("/é",), None)
        record.status = 200
        record.request = object()  # Django attaches the request; it must never be dumped.
        line = format_record(record)
    finally:
        request_id_var.reset(token)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "GET /é"
    assert entry["request_id"] == "req-42-abcdef"
    assert entry["level"] == "INFO" and entry["logger"] == "portal.request" and entry["status"] == 200
    assert "request" not in entry
    assert entry["time"].endswith("+00:00")


def test_json_formatter_keeps_the_traceback_on_one_line():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), sys.exc_info()
        )
    line = format_record(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert "ValueError: boom" in entry["exception"]
    assert entry["request_id"] == "-", "outside a request"


@pytest.mark.urls("portal.tests.urls")
def test_a_server_error_is_logged_as_json_with_the_id_of_its_response(client):
    """The real logging set-up: errors reach stdout as JSON carrying the request id."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIDFilter())
    handler.setFormatter(JSONFormatter())
    logging.getLogger("django.request").addHandler(handler)
    try:
        client.raise_request_exception = False
        response = client.get("/test-500/")
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    entries = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [e["level"] for e in entries] == ["ERROR"]
    assert entries[0]["request_id"] == response["X-Request-ID"]
    assert entries[0]["status_code"] == 500
    assert "secret-detail-from-the-server" in entries[0]["exception"], "the log keeps what the page hides"


def test_console_handler_writes_json_to_stdout_in_production():
    from django.conf import settings

    handler = settings.LOGGING["handlers"]["console"]
    assert handler["stream"] == "ext://sys.stdout"
    assert "request_id" in handler["filters"]
    assert settings.LOGGING["formatters"]["json"]["()"] == "portal.logs.JSONFormatter"


@pytest.fixture(params=["text", "json"])
def console(request):
    """What the configured console handler writes (its filters), in either format, instead of stdout."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream, formatter = io.StringIO(), handler.formatter
    previous = handler.setStream(stream)
    if request.param == "json":
        handler.setFormatter(JSONFormatter())
    yield stream
    handler.setStream(previous)
    handler.setFormatter(formatter)


def test_a_very_long_url_writes_one_short_line(client, console):
    response = client.get("/" + "a" * 20_000 + "/")
    assert response.status_code == 404
    lines = console.getvalue().splitlines()
    assert len(lines) == 1
    assert len(lines[0]) < 1000
    assert "404" in lines[0] and "(20002 characters)" in lines[0]


@pytest.mark.parametrize("host", ["evil.example", "x" * 5000 + ".example"])
def test_a_bad_host_header_writes_short_lines_without_traceback(client, console, host):
    response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 400
    lines = console.getvalue().splitlines()
    # Django's refusal, then the request's own line, each with the request's id.
    assert len(lines) == 2
    assert "django.security.DisallowedHost" in lines[0] and "Invalid HTTP_HOST header" in lines[0]
    assert "portal.request" in lines[1] and "400" in lines[1]
    assert all(len(line) < 1000 and response["X-Request-ID"] in line for line in lines)
    assert "Traceback" not in console.getvalue()
