import pytest
from django.template import Context, Template

from portal.markdown import render_markdown


def render(source, **context):
    return Template("{% load portal_tags %}" + source).render(Context(context))


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
