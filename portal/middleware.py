"""Request id and access log for every request."""

import logging
import re
import time
import uuid

from portal.logs import request_id_var, shorten

logger = logging.getLogger("portal.request")

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is kept only if it cannot smuggle anything into a log line or a header.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
# Enough to tell pages apart, short enough that the whole line stays under the log's limit.
MAX_LOGGED_PATH = 200


def incoming_request_id(request) -> str:
    """The id a proxy gave the request if it looks sane, else a new random one."""
    candidate = request.headers.get(REQUEST_ID_HEADER, "")
    if SANE_REQUEST_ID.fullmatch(candidate):
        return candidate
    return uuid.uuid4().hex


class RequestIDMiddleware:
    """Tag the request, its log records and its response with one id, and log it once; outermost, so the 404s
    and 500s built further in carry it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = incoming_request_id(request)
        token = request_id_var.set(request.request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request.request_id
            level = logging.ERROR if response.status_code >= 500 else logging.INFO
            path = shorten(request.path, MAX_LOGGED_PATH)
            logger.log(
                level,
                "%s %s %s",
                request.method,
                path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)
