"""Admin login limits (django-axes): one account from one address, and a higher ceiling for the address.

Counting failures per account alone would let anyone who knows a staff
name keep that account locked; per address alone, one person behind a
shared address (an office, a school) would lock out every colleague. So
``AXES_FAILURE_LIMIT`` failures lock the (account, address) pair, and
``AXES_ADDRESS_FAILURE_LIMIT`` failures from one address, whatever the
accounts tried, lock the address: someone trying many names gets no further.
"""

import math
from dataclasses import dataclass

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, Sum
from django.shortcuts import render


@dataclass(frozen=True)
class Failures:
    pair: int  # this account from this address
    address: int  # every account from this address

    @property
    def address_locked(self) -> bool:
        return self.address >= settings.AXES_ADDRESS_FAILURE_LIMIT


def recent_failures(request, credentials=None) -> Failures:
    """Failures within the cool-off, by the request's (account, address) and by its address, in one query."""
    attempts = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
    )
    totals = attempts.aggregate(
        pair=Sum("failures_since_start", filter=Q(username=get_client_username(request, credentials))),
        address=Sum("failures_since_start"),
    )
    return Failures(pair=totals["pair"] or 0, address=totals["address"] or 0)


class PairAndAddressHandler(AxesDatabaseHandler):
    """django-axes' database handler with the two limits: a success resets its pair's failures only, and the
    address ceiling is a count that reaches the pair's limit once the address has reached its own."""

    def get_failures(self, request, credentials=None) -> int:
        failures = recent_failures(request, credentials)
        if failures.address_locked:
            return max(failures.pair, get_failure_limit(request, credentials))
        return failures.pair


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a French page saying what is locked and for how long."""
    cool_off = get_cool_off(request)
    # Each try during the lock starts the cool-off again (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
    seconds = math.ceil(cool_off.total_seconds())
    address_locked = recent_failures(request, credentials).address_locked
    context = {
        "address_locked": address_locked,
        "failure_limit": settings.AXES_ADDRESS_FAILURE_LIMIT
        if address_locked
        else get_failure_limit(request, credentials),
        "cooloff_minutes": math.ceil(seconds / 60),
    }
    response = render(request, "portal/lockout.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
