"""How training figures read in French: prices, durations, rates."""

from django import template
from django.utils.translation import gettext as _

from core.templatetags.core_tags import money
from training.models import DAYS_PER_MONTH, DAYS_PER_WEEK, format_duration

register = template.Library()


@register.filter
def price(amount):
    """``None`` is unknown, ``0`` is free; both read differently from an amount."""
    if amount is None or amount == "":
        return _("non communiqué")
    if int(amount) == 0:
        return _("Gratuit")
    return money(amount)


@register.filter
def price_range(programme):
    """The price as the source gives it: one amount, or "de 1 200 € à 2 400 €" when sessions differ."""
    low, high = programme.price, programme.price_high
    if low is not None and high is not None and high != low:
        return _("de %(low)s à %(high)s") % {"low": price(low), "high": money(high)}
    if low is None and high:
        return _("jusqu’à %(high)s") % {"high": money(high)}
    return price(low)


@register.filter
def days_as_duration(days):
    """A computed number of days back in the unit people think in (weeks under three months)."""
    if days is None or days == "":
        return _("non communiqué")
    if days < 3 * DAYS_PER_MONTH and days % DAYS_PER_WEEK == 0:
        return format_duration(weeks=days // DAYS_PER_WEEK)
    return format_duration(months=round(days / DAYS_PER_MONTH))


@register.filter
def percent(rate):
    if rate is None or rate == "":
        return _("non communiqué")
    return f"{rate}\xa0%"
