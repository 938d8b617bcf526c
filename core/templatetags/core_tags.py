"""Filters every section uses: safe Markdown, French money amounts, JSON-LD."""

import json
from datetime import datetime

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.dates import MONTHS
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.markdown import render_markdown

register = template.Library()

JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
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


@register.simple_tag
def day(moment):
    """``<time datetime="2026-11-27">27 novembre 2026</time>``, the first of the month "1er", the month's name
    from Django's translated ``MONTHS`` (``date_format`` would parse a format for each date of a list)."""
    if moment is None or moment == "":
        return ""
    local = template_localtime(moment)  # a date stays as it is
    calendar_day = local.date() if isinstance(local, datetime) else local
    number = pgettext("first day of a month", "1er") if local.day == 1 else str(local.day)
    return format_html(
        '<time datetime="{}">{} {} {}</time>', calendar_day.isoformat(), number, MONTHS[local.month], local.year
    )


@register.simple_tag
def money_range(low, high) -> str:
    """An announced range, either end possibly missing: "38 000 € – 45 000 €", "à partir de 38 000 €",
    "jusqu’à 45 000 €", or a single amount. A tag, not an include: a list shows twenty of them."""
    if low is None and high is None:
        return ""
    if low is None:
        return f"{_('jusqu’à')} {money(high)}"
    if high is None:
        return f"{_('à partir de')} {money(low)}"
    if low == high:
        return money(low)
    return f"{money(low)} – {money(high)}"


@register.filter
def thousands(amount):
    """A whole number grouped the French way: "3 500"."""
    if amount is None or amount == "":
        return ""
    return number_format(int(amount), decimal_pos=0, use_l10n=True, force_grouping=True)


@register.simple_tag(takes_context=True)
def json_ld(context, data):
    """A ``<script type="application/ld+json">`` block with the CSP nonce; ``<``, ``>`` and ``&`` escaped so no
    string in the data can close the script element."""
    payload = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(JSON_SCRIPT_ESCAPES)
    request = context.get("request")
    # django-csp's lazy nonce is falsy until read, and only a nonce that was read
    # reaches the header: so read it with str(), never test it first.
    lazy_nonce = getattr(request, "csp_nonce", None) if request is not None else None
    nonce = str(lazy_nonce) if lazy_nonce is not None else ""
    safe_payload = mark_safe(payload)  # noqa: S308 - escaped just above
    if nonce:
        return format_html('<script type="application/ld+json" nonce="{}">{}</script>', nonce, safe_payload)
    return format_html('<script type="application/ld+json">{}</script>', safe_payload)


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # Already escaped by its own rendering; whitespace from template indentation dropped.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}…{% endcapture %}``: render once, reuse as ``{{ name }}`` (base.html's title block
    in ``<title>`` and Open Graph alike: a block can appear only once)."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
