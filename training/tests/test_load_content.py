import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from careers.models import Career, Source
from training import loaders
from training.models import City, Outcome, Path, Programme, Provider

pytestmark = pytest.mark.django_db

MODELS = [Path, City, Provider, Programme, Outcome]


def snapshot():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS}


def test_loads_the_six_paths_in_order():
    call_command("load_content", stdout=StringIO())
    assert list(Path.objects.published().values_list("slug", flat=True)) == [
        "ecole-specialisee-post-bac", "universite", "ecole-ingenieurs", "bootcamp", "reconversion", "alternance",
    ]  # fmt: skip
    school = Path.objects.get(slug="ecole-specialisee-post-bac")
    assert school.admission == Path.Admission.DIRECT
    # Figures the source does not give stay empty.
    assert not Path.objects.filter(cost_low__isnull=False).exists()
    assert not Path.objects.filter(cost_high__isnull=False).exists()


def test_loads_jedha_and_its_programmes_with_only_the_facts_given():
    call_command("load_content", stdout=StringIO())
    jedha = Provider.objects.get(slug="jedha")
    assert (jedha.kind, jedha.city, jedha.website) == (Provider.Kind.SPECIALISED_SCHOOL, "", "")
    chef = Career.objects.get(slug="chef-de-projet-ia")
    post_bac = Programme.objects.filter(provider=jedha, path__slug="ecole-specialisee-post-bac")
    assert post_bac.count() == 2
    for programme in post_bac:
        assert programme.is_published
        assert (programme.duration_months, programme.entry_level, programme.admission) == (
            60, Programme.EntryLevel.BAC, Path.Admission.DIRECT,
        )  # fmt: skip
        assert list(programme.careers.all()) == [chef]
        assert programme.price is None and programme.cpf_eligible is None and programme.format == ""
    bootcamp = Programme.objects.get(provider=jedha, path__slug="bootcamp")
    assert bootcamp.cpf_eligible is True
    assert bootcamp.price is None and bootcamp.duration_weeks is None and bootcamp.next_start is None
    assert list(bootcamp.careers.all()) == [chef]


def test_outcome_figures_say_what_they_measure_and_cite_their_source():
    call_command("load_content", stdout=StringIO())
    outcome = Outcome.objects.get()
    assert outcome.programme.slug == "jedha-bootcamp-reconversion"
    assert (outcome.people_trained, outcome.people_trained_at_least) == (3500, True)
    assert outcome.satisfaction_rate == 97
    assert "nouvelle carrière" in outcome.satisfaction_measure
    # 97 % is a satisfaction figure, not a placement rate.
    assert outcome.employed_rate is None and outcome.completion_rate is None
    assert outcome.source == Source.objects.get(slug="jedha-chef-de-projet-ia-2025-10")
    assert outcome.observed_on.isoformat() == "2025-10-01"


def test_career_profile_lists_the_shipped_programmes(client):
    call_command("load_content", stdout=StringIO())
    text = client.get("/metiers/chef-de-projet-ia/").text
    assert "Les formations qui y mènent" in text and "Bootcamp intensif de reconversion" in text


def test_second_run_creates_nothing(capsys):
    call_command("load_content")
    first = snapshot()
    call_command("load_content")
    assert snapshot() == first
    assert "rien à créer" in capsys.readouterr().out


def test_never_overwrites_staff_edits():
    call_command("load_content", stdout=StringIO())
    Programme.objects.filter(slug="jedha-bootcamp-reconversion").update(price=7000)
    Path.objects.filter(slug="universite").update(summary="Réécrit par la rédaction.")
    call_command("load_content", stdout=StringIO())
    assert Programme.objects.get(slug="jedha-bootcamp-reconversion").price == 7000
    assert Path.objects.get(slug="universite").summary == "Réécrit par la rédaction."


def write(tmp_path, monkeypatch, content):
    path = tmp_path / "training.json"
    path.write_text(json.dumps(content))
    monkeypatch.setattr(loaders, "CONTENT_FILE", path)
    monkeypatch.setattr(loaders.load, "__defaults__", (path,))


PATH = {"slug": "p", "title": "P", "summary": "S"}
PROVIDER = {"slug": "o", "name": "O", "kind": "bootcamp"}
PROGRAMME = {"slug": "f", "title": "F", "summary": "S", "provider": "o", "path": "p"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"paths": [{"slug": "p", "title": "P"}]}, "summary"),
        ({"paths": [dict(PATH, colour="bleu")]}, "champ inconnu"),
        ({"paths": [dict(PATH, title="P\u001b")]}, r"title : Ce texte contient un caractère de contrôle invisible"),
        ({"paths": [PATH], "providers": [PROVIDER], "programmes": [dict(PROGRAMME, provider="x")]}, "organisme"),
        ({"paths": [PATH], "providers": [PROVIDER], "programmes": [dict(PROGRAMME, careers=["x"])]}, "métier"),
        ({"paths": [PATH], "providers": [PROVIDER], "programmes": [dict(PROGRAMME, price=-3)]}, "price"),
        (
            {"paths": [PATH], "providers": [PROVIDER],
             "programmes": [dict(PROGRAMME, outcomes=[{"source": "nope", "observed_on": "2025-10-01"}])]},
            "source",
        ),
        (
            {"paths": [PATH], "providers": [PROVIDER],
             "programmes": [dict(PROGRAMME, outcomes=[{"source": "jedha-chef-de-projet-ia-2025-10",
                                                        "observed_on": "2025-10-01", "satisfaction_rate": 97}])]},
            "Un taux de satisfaction doit dire ce qu’il mesure",
        ),
    ],
)  # fmt: skip
def test_broken_content_file_is_refused_and_writes_nothing(tmp_path, monkeypatch, content, message):
    write(tmp_path, monkeypatch, content)
    with pytest.raises(CommandError, match=message):
        call_command("load_content")
    assert not Path.objects.exists() and not Programme.objects.exists() and not Career.objects.exists()
