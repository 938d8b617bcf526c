"""Every page type passes the Nu HTML checker with zero errors, and so does every stylesheet.

The pages are fetched with Django's test client and checked in one run of vnu,
since starting Java costs more than checking a page.
"""

import json
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from portal.tests.browser.pages import ALL, PAGE_TYPES


def stylesheets():
    """Our own CSS files (not Django's or other packages'), by their static path."""
    found = {}
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            file = Path(storage.path(path)).resolve()
            if path.endswith(".css") and file.is_relative_to(settings.BASE_DIR) and "site-packages" not in file.parts:
                found.setdefault(path, file)
    return found


@pytest.fixture(scope="module")
def vnu_errors(world, vnu_command, artifacts):
    """Errors by file, from one vnu run: page type names, then static paths of stylesheets."""
    folder = artifacts / "html"
    folder.mkdir(exist_ok=True)
    files = {}
    for page_type in PAGE_TYPES:
        response = Client().get(page_type.path())
        assert response.status_code == page_type.status, f"{page_type.name} answered {response.status_code}"
        files[page_type.name] = folder / f"{page_type.name}.html"
        files[page_type.name].write_bytes(response.content)
    files.update(stylesheets())
    result = subprocess.run(
        [*vnu_command, "--also-check-css", "--format", "json", *map(str, files.values())],
        capture_output=True,
        text=True,
        timeout=300,
    )
    (folder / "vnu.json").write_text(result.stderr, encoding="utf-8")
    names = {path.resolve(): name for name, path in files.items()}
    errors = {name: [] for name in files}
    for message in json.loads(result.stderr)["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            name = names[Path(urlparse(message["url"]).path).resolve()]
            errors[name].append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


@pytest.mark.parametrize("page_type", ALL)
def test_page_is_valid_html(vnu_errors, page_type):
    assert vnu_errors[page_type.name] == [], "\n".join(vnu_errors[page_type.name])


def test_stylesheets_are_valid_css(vnu_errors):
    css = {name: found for name, found in vnu_errors.items() if name.endswith(".css")}
    assert css, "no stylesheet found"
    assert all(found == [] for found in css.values()), css
