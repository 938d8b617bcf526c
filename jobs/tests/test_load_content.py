import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jobs import loaders
from jobs.models import Employer, JobOffer

pytestmark = pytest.mark.django_db


def test_loads_the_employers_the_source_names_and_no_offer():
    call_command("load_content", stdout=StringIO())
    employers = {e.slug: e for e in Employer.objects.all()}
    assert set(employers) == {"groupe-eiffage", "em-lyon-business-school", "agoriade"}
    assert employers["em-lyon-business-school"].name == "EM Lyon Business School"
    for employer in employers.values():
        # The source names them and nothing else: no sector, city or site is invented.
        assert (employer.sector, employer.city, employer.website) == ("", "", "")
        assert "Jedha, octobre 2025" in employer.description
    assert not JobOffer.objects.exists()


def test_second_run_creates_nothing():
    assert sum(loaders.load().values()) == 3
    assert sum(loaders.load().values()) == 0
    assert Employer.objects.count() == 3


def test_never_overwrites_staff_edits():
    loaders.load()
    Employer.objects.filter(slug="agoriade").update(city="Ville saisie par la rédaction")
    loaders.load()
    assert Employer.objects.get(slug="agoriade").city == "Ville saisie par la rédaction"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{broken", "JSON invalide"),
        (json.dumps({"employers": [{"slug": "x"}]}), "« name » manque"),
        (json.dumps({"employers": [{"slug": "x", "name": "X", "website": "pas une adresse"}]}), "website"),
    ],
)
def test_broken_content_file_is_refused_and_writes_nothing(tmp_path, monkeypatch, content, message):
    path = tmp_path / "jobs.json"
    path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(loaders.load, "__defaults__", (path,))
    with pytest.raises(CommandError, match=message):
        call_command("load_content", stdout=StringIO())
    assert not Employer.objects.exists()
