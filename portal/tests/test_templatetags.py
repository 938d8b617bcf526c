from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from core.markdown import render_markdown


def render(source, **context):
    return Template("{% load core_tags %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (38000, "EUR", "38\xa0000\xa0€"),
        (1200, "EUR", "1\xa0200\xa0€"),
        (667, "EUR", "667\xa0€"),
        (130000, "USD", "130\xa0000\xa0$\xa0US"),
        (None, "EUR", ""),
    ],
)
def test_money_is_formatted_the_french_way(amount, currency, expected):
    assert render("{{ amount|money:currency }}", amount=amount, currency=currency) == expected


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (38000, 45000, "38\xa0000\xa0€ – 45\xa0000\xa0€"),
        (38000, None, "à partir de 38\xa0000\xa0€"),
        (None, 45000, "jusqu’à 45\xa0000\xa0€"),
        (40000, 40000, "40\xa0000\xa0€"),
        (None, None, ""),
    ],
)
def test_a_pay_range_reads_with_either_end_missing(low, high, expected):
    assert render("{% money_range low high %}", low=low, high=high) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # 23:30 in UTC is already the next day in Paris: the day shown is the reader's.
        (datetime(2026, 3, 14, 23, 30, tzinfo=UTC), '<time datetime="2026-03-15">15 mars 2026</time>'),
        (datetime(2026, 11, 1, 9, 0, tzinfo=UTC), '<time datetime="2026-11-01">1er novembre 2026</time>'),
        (date(2027, 9, 1), '<time datetime="2027-09-01">1er septembre 2027</time>'),
        (None, ""),
    ],
)
def test_a_day_is_machine_readable_and_french(moment, expected):
    with translation.override("fr"):
        assert render("{% day moment %}", moment=moment) == expected


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[clic](javascript:alert(1))",
        '<a href="javascript:alert(1)">clic</a>',
        '<iframe src="https://evil.example"></iframe>',
    ],
)
def test_markdown_strips_dangerous_html(payload):
    html = render_markdown(f"Texte {payload}")
    for needle in ("<script", "onerror", "javascript:", "<iframe"):
        assert needle not in html


def test_markdown_keeps_formatting():
    html = render_markdown("## Titre\n\n- **un**\n- [lien](https://example.org)")
    assert "<h2>Titre</h2>" in html and "<strong>un</strong>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_json_ld_cannot_be_closed_by_data():
    html = render("{% json_ld data %}", data={"name": "</script><script>alert(1)</script>", "n": 1})
    assert html.startswith('<script type="application/ld+json">')
    assert html.count("</script>") == 1
    import json

    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body) == {"name": "</script><script>alert(1)</script>", "n": 1}
