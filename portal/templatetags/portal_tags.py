"""Filters every section uses: safe Markdown and French money amounts."""

from django import template
from django.utils.formats import number_format

from portal.markdown import render_markdown

register = template.Library()

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$\xa0US", "GBP": "£", "CHF": "CHF", "CAD": "$\xa0CA"}


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


@register.filter
def money(amount, currency="EUR"):
    """``38000|money`` gives "38 000 €", spaces unbreakable, the French way."""
    if amount is None or amount == "":
        return ""
    try:
        value = int(round(float(amount)))
    except (TypeError, ValueError):
        return ""
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    return f"{number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)}\xa0{symbol}"


@register.filter
def thousands(amount):
    """A whole number grouped the French way: "3 500"."""
    if amount is None or amount == "":
        return ""
    return number_format(int(amount), decimal_pos=0, use_l10n=True, force_grouping=True)
