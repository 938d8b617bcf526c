"""Structured logs: one JSON object per line, each carrying the request id."""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

# Set by ``RequestIDMiddleware`` for the duration of a request; "-" outside one.
request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

# Attributes every LogRecord has; anything else was passed through ``extra``.
STANDARD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
# Extras never written out: the request object would dump headers and cookies.
OMITTED_EXTRAS = {"request", "request_id"}


# What a client sends (a path, a Host header) can be kilobytes long; a log line holds this much of it.
MAX_MESSAGE_LENGTH = 300


def shorten(text: str, limit: int = MAX_MESSAGE_LENGTH) -> str:
    """``text`` cut to ``limit`` characters, saying how long it was."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} characters)"


class ShortRecordFilter(logging.Filter):
    """One short line for what a client caused: no message past ``MAX_MESSAGE_LENGTH``, no traceback for a
    refused request (``django.security.*``: a bad Host header, too many fields), whose traceback is Django's own."""

    def filter(self, record):
        if record.name.startswith("django.security."):
            record.exc_info = record.exc_text = None
        message = record.getMessage()
        if len(message) > MAX_MESSAGE_LENGTH:
            record.msg, record.args = shorten(message), ()
        return True


class RequestIDFilter(logging.Filter):
    """Give every record the id of the request being served."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JSONFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message", "request_id", ...extras, "exception"}``."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for key, value in vars(record).items():
            if key not in STANDARD_ATTRIBUTES and key not in OMITTED_EXTRAS:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
