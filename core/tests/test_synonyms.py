"""Search synonyms: shipped by ``load_content``, kept by staff in the admin under the review rules."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from careers.tests.factories import CareerFactory
from core import loaders, search
from core.models import Synonym
from core.tests.factories import SynonymFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:core_synonym_changelist")
ADD = reverse("admin:core_synonym_add")


def titles_found(client, q):
    response = client.get("/recherche/", {"q": q})
    [group] = [g for g in response.context["results"].groups if g.kind == "careers"]
    return sorted(hit.title for hit in group.results)


def test_load_content_ships_the_synonyms_published_and_once():
    call_command("load_content", stdout=StringIO())
    pairs = dict(Synonym.objects.published().values_list("term", "equivalents"))
    assert pairs["alternance"].startswith("apprentissage")
    assert pairs["IA"].startswith("intelligence artificielle")
    assert pairs["ML"].startswith("machine learning")
    assert pairs["data"] == "données"
    assert pairs["DPO"].startswith("délégué à la protection des données")
    out = StringIO()
    call_command("load_content", stdout=out)
    assert "rien à créer" in out.getvalue()


def test_load_content_never_overwrites_a_synonym_staff_edited():
    Synonym.objects.create(term="Alternance", equivalents="contrat d’apprentissage", status=Synonym.Status.DRAFT)
    loaders.load()
    assert Synonym.objects.filter(term__iexact="alternance").get().equivalents == "contrat d’apprentissage"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"synonyms": [{"term": "IA"}]}, "le champ « equivalents » manque"),
        ({"synonyms": [{"term": "IA", "equivalents": "AI"}]}, "« equivalents » est une liste de textes"),
        ({"synonyms": [{"term": "I\u0007A", "equivalents": ["AI"]}]}, "caractère de contrôle"),
    ],
)
def test_a_bad_synonym_file_writes_nothing(tmp_path, monkeypatch, content, message):
    path = tmp_path / "synonyms.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    monkeypatch.setattr(loaders, "CONTENT_FILE", path)
    monkeypatch.setattr(loaders.load, "__defaults__", (path,))
    with pytest.raises(CommandError, match=message):
        call_command("load_content", stdout=StringIO())
    assert not Synonym.objects.exists()


def test_parse_expands_each_phrase_to_its_group_longest_first():
    SynonymFactory(term="ML", equivalents="machine learning, apprentissage automatique")
    SynonymFactory(term="alternance", equivalents="apprentissage")
    query = search.parse("Apprentissage automatique à Lyon")
    assert query.clauses == (
        (("apprentissage", "automatique"), ("ml",), ("machine", "learning")),
        (("a",),),
        (("lyon",),),
    )
    assert search.parse("apprentissage").clauses == ((("apprentissage",), ("alternance",)),)


def test_a_query_grows_within_bounds_whatever_the_synonyms():
    SynonymFactory(term="data", equivalents=", ".join(f"mot{n} autre{n}" for n in range(30)))
    query = search.parse("data " * 8)
    assert all(len(clause) <= search.MAX_ALTERNATIVES for clause in query.clauses)
    assert sum(len(phrase) for clause in query.clauses for phrase in clause) <= search.MAX_EXPANDED_WORDS


def test_an_editor_proposes_a_synonym_that_works_once_the_chief_publishes_it(editor_client, chief_editor, client):
    CareerFactory(title="Ingénieur machine learning")
    response = editor_client.post(ADD, {"term": "ML", "equivalents": "machine learning", "status": "published"})
    assert response.status_code == 200  # an editor may not publish: the form says so
    assert not Synonym.objects.exists()
    response = editor_client.post(ADD, {"term": "ML", "equivalents": "machine learning", "status": "review"})
    assert response.status_code == 302
    synonym = Synonym.objects.get()
    assert titles_found(client, "ML") == []  # in review: not yet used by the search
    client.force_login(chief_editor)
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [synonym.pk]})
    synonym.refresh_from_db()
    assert synonym.is_published
    client.logout()
    assert titles_found(client, "ml") == ["Ingénieur machine learning"]


def test_an_edit_to_a_published_synonym_waits_for_a_publisher(editor_client, client):
    synonym = SynonymFactory(term="data", equivalents="données")
    CareerFactory(title="Analyste de données")
    CareerFactory(title="Statisticien")
    change = reverse("admin:core_synonym_change", args=[synonym.pk])
    response = editor_client.post(change, {"term": "data", "equivalents": "statistique", "status": "published"})
    assert response.status_code == 302
    synonym.refresh_from_db()
    assert synonym.equivalents == "données"
    client.logout()
    assert titles_found(client, "data") == ["Analyste de données"]


def test_the_admin_lists_and_searches_synonyms(admin_client):
    SynonymFactory(term="DPO", equivalents="délégué à la protection des données")
    SynonymFactory(term="IA", equivalents="intelligence artificielle", draft=True)
    response = admin_client.get(CHANGELIST, {"q": "protection"})
    assert response.status_code == 200
    assert "DPO" in response.text and "intelligence artificielle" not in response.text
