import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from careers import loaders
from careers.models import Career, FAQEntry, MarketFigure, Mission, PayFigure, Sector, Source

pytestmark = pytest.mark.django_db

MODELS = [Career, Mission, PayFigure, MarketFigure, FAQEntry, Sector, Source]


def snapshot():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS}


def test_loads_the_chef_de_projet_ia_profile():
    call_command("load_content", stdout=StringIO())
    career = Career.objects.get(slug="chef-de-projet-ia")
    assert career.is_published
    assert [a.slug for a in Career.objects.for_profile().get(pk=career.pk).ancestors()] == [
        "chef-de-projet-it",
        "chef-de-projet-data",
    ]
    assert career.missions.count() == 9
    assert set(career.sectors.values_list("name", flat=True)) == {
        "Santé", "Finance", "Industrie", "Cybersécurité", "Ressources humaines",
    }  # fmt: skip
    salary = career.pay_figures.get(kind=PayFigure.Kind.SALARY, country="FR")
    assert (salary.amount_low, salary.amount_high, salary.currency) == (38000, 54000, "EUR")
    assert salary.source.publisher == "Jedha"
    malt = career.pay_figures.get(kind=PayFigure.Kind.DAY_RATE, amount_low=667)
    assert malt.source.publisher == "Malt"
    expert = career.pay_figures.get(kind=PayFigure.Kind.DAY_RATE, amount_low=None)
    assert expert.amount_high == 1200
    us = career.pay_figures.filter(country="US", currency="USD")
    assert {(f.kind, f.amount_low, f.amount_high) for f in us} == {("salary", 83000, 130000), ("bonus", 29000, 29000)}
    assert career.market_figures.get().offer_count == 250
    # Lists the source lost stay empty for staff: no skills, no certifications.
    assert not career.skills.exists() and not career.certifications.exists()


def test_second_run_creates_nothing(capsys):
    call_command("load_content")
    first = snapshot()
    call_command("load_content")
    assert snapshot() == first
    assert "rien à créer" in capsys.readouterr().out


def test_never_overwrites_staff_edits():
    call_command("load_content", stdout=StringIO())
    Career.objects.filter(slug="chef-de-projet-ia").update(summary="Résumé réécrit par la rédaction.")
    PayFigure.objects.filter(amount_low=38000).update(amount_low=39000)
    call_command("load_content", stdout=StringIO())
    assert Career.objects.get(slug="chef-de-projet-ia").summary == "Résumé réécrit par la rédaction."
    assert PayFigure.objects.filter(amount_low=39000).exists()


def test_dry_run_writes_nothing(capsys):
    call_command("load_content", "--dry-run")
    assert "Simulation" in capsys.readouterr().out
    assert not Career.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "JSON invalide"),
        (b"\xff\xfe\x00broken", "UTF-8"),
        (json.dumps({"careers": [{"slug": "x", "title": "X"}]}), "« summary » manque"),
        (
            json.dumps({"sources": [{"slug": "s", "title": "T", "publisher": "P", "published_on": "octobre"}]}),
            "date invalide",
        ),
        (
            json.dumps(
                {
                    "sources": [{"slug": "s", "title": "T", "publisher": "P", "published_on": "2025-10-01"}],
                    "careers": [
                        {
                            "slug": "x",
                            "title": "X",
                            "summary": "S",
                            "pay_figures": [{"kind": "salary", "amount_low": 9, "amount_high": 1, "source": "s"}],
                        }
                    ],
                }
            ),
            "Le montant bas ne peut pas dépasser le montant haut",
        ),
    ],
)
def test_broken_content_file_is_refused_and_writes_nothing(tmp_path, monkeypatch, content, message):
    path = tmp_path / "careers.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    monkeypatch.setattr(loaders, "CONTENT_FILE", path)
    monkeypatch.setattr(loaders.load, "__defaults__", (path,))
    with pytest.raises(CommandError, match=message):
        call_command("load_content")
    assert not Source.objects.exists() and not Career.objects.exists()
