"""Every Markdown field, on its public page, goes through the one sanitiser.

Fields are found by their help text (see ``discovery.markdown_fields``); rows
are made by each app's factories and looked at where the public sees them.
"""

from html.parser import HTMLParser

import pytest

from portal.tests.discovery import factory_for, markdown_fields, public_page_of, published

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "script": "<script>alert('xss')</script>",
    "script-mixed-case": "<ScRiPt>alert(1)</sCrIpT>",
    "onerror": '<img src="x" onerror="alert(1)">',
    "onclick-on-allowed-tag": '<a href="https://example.org" onclick="alert(1)">lien</a>',
    "svg-onload": "<svg onload=alert(1)></svg>",
    "markdown-javascript-link": "[clic](javascript:alert(1))",
    "html-javascript-link": '<a href="javascript:alert(1)">clic</a>',
    "encoded-javascript-link": '<a href="jav&#x09;ascript:alert(1)">clic</a>',
    "data-link": "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "style": "<style>body{display:none}</style>",
}
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "style", "img", "form", "base", "meta", "link"}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "/", "#", "?")


class DangerFinder(HTMLParser):
    """Collects what could run in a browser; attribute values arrive entity-decoded."""

    def __init__(self):
        super().__init__()
        self.found = []
        self.in_head = False
        self.before_main = True  # the site header's own search form comes before <main>, the payload after

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag == "main":
            self.before_main = False
        if tag == "form" and self.before_main and attributes.get("action") == "/recherche/":
            return  # The header's search box, on every page.
        if tag == "script" and attributes.get("type") == "application/ld+json":
            return  # Data, not code: the only inline script the CSP allows.
        if tag in DANGEROUS_TAGS and not (self.in_head and tag in {"meta", "link"}):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src", "action", "formaction"} and value is not None:
                compact = "".join(ch for ch in value if ch.isprintable() and not ch.isspace()).lower()
                if not compact.startswith(SAFE_SCHEMES) and ":" in compact.split("/")[0]:
                    self.found.append(f"{tag}[{name}={value!r}]")

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def dangers(html: str) -> list[str]:
    finder = DangerFinder()
    finder.feed(html)
    return finder.found


def test_markdown_fields_are_found():
    assert markdown_fields(), "no Markdown field found: the tests below would cover nothing"


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize(
    ("model", "field"), markdown_fields(), ids=[f"{m._meta.label}.{f.name}" for m, f in markdown_fields()]
)
def test_payload_in_markdown_field_never_reaches_the_page(client, model, field, payload):
    marker = f"marqueur-{model._meta.model_name}-{field.name}"
    obj = factory_for(model)(**published(model), **{field.name: f"Texte **{marker}**.\n\n{payload}\n\nFin."})
    url = public_page_of(obj)
    assert url, f"{model._meta.label} has no public page (no get_absolute_url on it or a parent)"
    response = client.get(url)
    assert response.status_code == 200
    assert f"<strong>{marker}</strong>" in response.text, "the field is rendered on the page, as Markdown"
    assert dangers(response.text) == []


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_each_payload_is_caught_when_markdown_is_not_sanitised(payload):
    """The check above can fail: Markdown rendered without nh3 lets every payload through."""
    import markdown

    assert dangers(markdown.markdown(payload, extensions=["extra"]))
