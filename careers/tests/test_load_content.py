import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from careers import loaders
from careers.models import Career, FAQEntry, MarketFigure, Mission, PayFigure, Sector, Skill, Source

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


def use_content(tmp_path, monkeypatch, data):
    path = tmp_path / "careers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(loaders.load, "__defaults__", (path,))
    return path


# Test data in the content file's format, never shipped.
RICH_CONTENT = {
    "sources": [
        {
            "slug": "barometre",
            "title": "Baromètre des salaires",
            "publisher": "Cabinet",
            "url": "https://example.org/barometre",
            "published_on": "2025-01-01",
            "date_precision": "year",
            "read_on": "2026-12-01",
        }
    ],
    "sectors": [{"slug": "finance", "name": "Finance"}],
    "skills": [{"slug": "python", "name": "Python"}],
    "careers": [
        {
            "slug": "data-scientist",
            "title": "Data scientist",
            "summary": "Analyse des données.",
            "studies": "Un **bac+5** en mathématiques ou en informatique.",
            "rome_codes": ["M1405", "M1811"],
            "formacodes": "31026, 31035",
            "search_keywords": ["data scientist", "science des données"],
            "sectors": ["finance"],
            "new_sectors": [{"slug": "energie", "name": "Énergie"}, "Assurance"],
            "skills": ["python", "Apprentissage automatique", {"name": "Esprit critique", "kind": "soft"}],
            "related": ["data-engineer"],
        },
        {
            "slug": "data-engineer",
            "title": "Data engineer",
            "summary": "Construit les flux de données.",
            "skills": ["Python", "apprentissage automatique"],
            "sectors": ["energie"],
        },
    ],
}


def test_loads_codes_studies_skills_by_name_new_sectors_related_careers_and_source_dates(tmp_path, monkeypatch):
    # The careers loader alone: the shipped programmes name careers this test file lacks.
    loaders.load(use_content(tmp_path, monkeypatch, RICH_CONTENT))
    scientist = Career.objects.get(slug="data-scientist")
    assert scientist.rome_code_list == ["M1405", "M1811"]
    assert scientist.formacode_list == ["31026", "31035"]
    assert scientist.keyword_list == ["data scientist", "science des données"]
    assert scientist.studies.startswith("Un **bac+5**")
    assert set(scientist.sectors.values_list("slug", flat=True)) == {"finance", "energie", "assurance"}
    assert sorted(scientist.skills.values_list("name", "kind")) == [
        ("Apprentissage automatique", "technical"),
        ("Esprit critique", "soft"),
        ("Python", "technical"),
    ]
    # The second career reuses the skills by name, whatever the case, and the sector the first declared.
    engineer = Career.objects.get(slug="data-engineer")
    assert Skill.objects.count() == 3
    assert set(engineer.skills.values_list("name", flat=True)) == {"Python", "Apprentissage automatique"}
    assert list(engineer.sectors.values_list("slug", flat=True)) == ["energie"]
    # Related both ways, though the first career named the second before it existed.
    assert list(scientist.related.values_list("slug", flat=True)) == ["data-engineer"]
    assert list(engineer.related.values_list("slug", flat=True)) == ["data-scientist"]
    source = Source.objects.get(slug="barometre")
    assert (source.date_precision, source.read_on.isoformat(), source.date_label) == ("year", "2026-12-01", "2025")


def test_rich_content_loads_once(tmp_path, monkeypatch):
    path = use_content(tmp_path, monkeypatch, RICH_CONTENT)
    assert loaders.load(path)["compétences"] == 3
    first = snapshot() | {"Skill": sorted(Skill.objects.values_list("pk", flat=True))}
    assert loaders.load(path) == {}
    assert snapshot() | {"Skill": sorted(Skill.objects.values_list("pk", flat=True))} == first


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"related": ["inconnu"]}, "métier proche inconnu : inconnu"),
        ({"sectors": ["nulle-part"]}, "secteur inconnu : nulle-part"),
        ({"rome_codes": ["12345"]}, "Un code ROME s’écrit comme M1405"),
        ({"skills": [42]}, "une compétence est un nom ou un objet"),
        ({"search_keywords": {"a": 1}}, "doit être une liste de textes"),
    ],
)
def test_bad_new_keys_are_refused_and_write_nothing(tmp_path, monkeypatch, change, message):
    data = json.loads(json.dumps(RICH_CONTENT))
    data["careers"][0].update(change)
    use_content(tmp_path, monkeypatch, data)
    with pytest.raises(CommandError, match=message):
        call_command("load_content")
    assert not Career.objects.exists() and not Skill.objects.exists()


def test_shipped_content_has_twenty_careers_and_every_figure_a_source_with_an_address():
    call_command("load_content", stdout=StringIO())
    # Twenty careers of AI and data, besides the two families the first profile belongs to.
    assert Career.objects.published().exclude(slug__in=["chef-de-projet-it", "chef-de-projet-data"]).count() >= 20
    assert PayFigure.objects.count() >= 80
    assert not Source.objects.filter(url="").exists()
    assert not PayFigure.objects.filter(source__url="").exists()
    assert not Source.objects.filter(published_on__gt=datetime.date.today()).exists()
    # The first article's figures stay on their career, saying that their publisher sells the training.
    jedha = Source.objects.get(slug="jedha-chef-de-projet-ia-2025-10")
    assert jedha.url.startswith("https://www.jedha.co/")
    assert "vend elle-même des formations" in jedha.note
    assert PayFigure.objects.filter(source=jedha, career__slug="chef-de-projet-ia").count() == 5
    # Related careers and sectors resolved; the sub-specialities sit under their family.
    assert Career.objects.get(slug="ingenieur-nlp").parent.slug == "ingenieur-machine-learning"
    assert Career.objects.get(slug="data-scientist").related.filter(slug="data-engineer").exists()
    assert Career.objects.filter(studies="").filter(status="published").count() <= 3
