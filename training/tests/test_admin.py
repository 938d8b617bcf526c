import datetime

import pytest
from django.urls import reverse

from careers.tests.factories import CareerFactory, SourceFactory
from training.models import Path, Programme, Provider
from training.tests.factories import CityFactory, OutcomeFactory, PathFactory, ProgrammeFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def outcome_management(total=0):
    return {"outcomes-TOTAL_FORMS": str(total), "outcomes-INITIAL_FORMS": "0"}


def programme_form(provider, path, **overrides):
    data = {
        "title": "Bootcamp MLOps",
        "slug": "bootcamp-mlops",
        "status": Programme.Status.DRAFT,
        "provider": str(provider.pk),
        "path": str(path.pk),
        "summary": "Mettre les modèles en production.",
        "body": "",
        "url": "",
        "entry_level": "",
        "admission": "",
        "award_title": "",
        "rncp_level": "",
        "duration_weeks": "12",
        "price": "6500",
        "cpf_eligible": "true",
        "work_study": "unknown",
        "format": Programme.Format.HYBRID,
        "rhythm": "",
        "next_start": "2026-03-02",
        **outcome_management(),
    }
    data.update(overrides)
    return data


def test_add_programme_with_careers_cities_and_outcome(admin_client):
    provider, path, source = ProviderFactory(), PathFactory(), SourceFactory()
    career, city = CareerFactory(), CityFactory()
    data = programme_form(
        provider, path, careers=[str(career.pk)], cities=[str(city.pk)], **outcome_management(1),
        **{"outcomes-0-observed_on": "2025-10-01", "outcomes-0-source": str(source.pk),
           "outcomes-0-satisfaction_rate": "97", "outcomes-0-satisfaction_measure": "Se sentent mieux"},
    )  # fmt: skip
    response = admin_client.post(reverse("admin:training_programme_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    programme = Programme.objects.get(slug="bootcamp-mlops")
    assert (programme.price, programme.duration_weeks, programme.cpf_eligible, programme.work_study) == (
        6500, 12, True, None,
    )  # fmt: skip
    assert list(programme.careers.all()) == [career] and list(programme.cities.all()) == [city]
    outcome = programme.outcomes.get()
    assert (outcome.satisfaction_rate, outcome.source) == (97, source)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"price": "-1"}, "Assurez-vous que cette valeur est supérieure ou égale à 0."),
        ({"duration_months": "3"}, "Indiquez la durée en mois ou en semaines, pas les deux."),
        ({"slug": "comparer"}, "« comparer » est réservé à la page de comparaison."),
        (
            {**outcome_management(1), "outcomes-0-observed_on": "2025-10-01", "outcomes-0-employed_rate": "80"},
            "Un taux d’emploi doit indiquer son délai en mois et la définition de l’emploi retenue.",
        ),
        (
            {**outcome_management(1), "outcomes-0-observed_on": "2025-10-01", "outcomes-0-completion_rate": "120",
             "outcomes-0-satisfaction_rate": "90"},
            "Un taux de satisfaction doit dire ce qu’il mesure.",
        ),
    ],
)  # fmt: skip
def test_invalid_programme_is_refused_with_a_message(admin_client, overrides, message):
    source = SourceFactory()
    data = programme_form(ProviderFactory(), PathFactory(), **overrides)
    if "outcomes-0-observed_on" in data:
        data["outcomes-0-source"] = str(source.pk)
    response = admin_client.post(reverse("admin:training_programme_add"), data)
    assert response.status_code == 200
    assert message in response.text
    assert not Programme.objects.exists()


def test_rate_above_100_is_refused_with_the_constraint_message(admin_client):
    source = SourceFactory()
    data = programme_form(
        ProviderFactory(), PathFactory(), **outcome_management(1),
        **{"outcomes-0-observed_on": "2025-10-01", "outcomes-0-source": str(source.pk),
           "outcomes-0-completion_rate": "120"},
    )  # fmt: skip
    response = admin_client.post(reverse("admin:training_programme_add"), data)
    assert "Un taux est compris entre 0 et 100 %." in response.text
    assert not Programme.objects.exists()


def test_changelist_filters_search_and_flags_old_outcomes(admin_client):
    fresh = ProgrammeFactory(title="Chiffres récents")
    stale = ProgrammeFactory(title="Chiffres anciens")
    ProgrammeFactory(title="Sans chiffres")
    today = datetime.date.today()
    OutcomeFactory(programme=fresh, observed_on=today - datetime.timedelta(days=30))
    OutcomeFactory(programme=stale, observed_on=today - datetime.timedelta(days=400))
    url = reverse("admin:training_programme_changelist")
    text = admin_client.get(url).text
    assert "plus de 12 mois, à vérifier" in text
    assert text.count("plus de 12 mois, à vérifier") == 1
    old_only = admin_client.get(url, {"resultats": "anciens"}).text
    assert "Chiffres anciens" in old_only and "Chiffres récents" not in old_only
    assert "Sans chiffres" in admin_client.get(url, {"resultats": "aucun"}).text
    filtered = admin_client.get(url, {"q": "récents", "cpf_eligible__isnull": "True", "status": "published"})
    assert filtered.status_code == 200 and "Chiffres récents" in filtered.text


def test_publish_and_unpublish_actions(admin_client):
    drafts = ProgrammeFactory.create_batch(2, draft=True)
    url = reverse("admin:training_programme_changelist")
    ids = [str(p.pk) for p in drafts]
    admin_client.post(url, {"action": "publish_selected", "_selected_action": ids})
    assert Programme.objects.published().count() == 2
    admin_client.post(url, {"action": "unpublish_selected", "_selected_action": ids})
    assert Programme.objects.published().count() == 0


@pytest.mark.parametrize(
    ("model_name", "field_name", "term", "expected"),
    [
        ("programme", "provider", "Alpha", "École Alpha"),
        ("programme", "careers", "Chef", "Chef de projet IA"),
        ("programme", "cities", "Lyo", "Lyon"),
        ("outcome", "source", "insertion", "Rapport d’insertion"),
    ],
)
def test_autocomplete_for_provider_careers_cities_and_sources(admin_client, model_name, field_name, term, expected):
    ProviderFactory(name="École Alpha")
    CareerFactory(title="Chef de projet IA")
    CityFactory(name="Lyon", slug="lyon")
    SourceFactory(title="Rapport d’insertion")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "training", "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    assert expected in [result["text"] for result in response.json()["results"]][0]


def test_provider_page_lists_its_programmes_inline(admin_client):
    programme = ProgrammeFactory(title="Bootcamp inline")
    response = admin_client.get(reverse("admin:training_provider_change", args=[programme.provider.pk]))
    assert response.status_code == 200
    assert "Bootcamp inline" in response.text


def test_add_provider_with_a_programme_inline(admin_client):
    path = PathFactory()
    data = {
        "name": "Université de test", "slug": "universite-de-test", "kind": Provider.Kind.UNIVERSITY, "city": "Lyon",
        "website": "", "description": "",
        "programmes-TOTAL_FORMS": "1", "programmes-INITIAL_FORMS": "0",
        "programmes-0-title": "Master IA", "programmes-0-slug": "master-ia", "programmes-0-path": str(path.pk),
        "programmes-0-summary": "Deux ans.", "programmes-0-status": Programme.Status.DRAFT, "programmes-0-price": "500",
        "programmes-0-cpf_eligible": "unknown",
    }  # fmt: skip
    response = admin_client.post(reverse("admin:training_provider_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert Provider.objects.get(slug="universite-de-test").programmes.get().title == "Master IA"


def test_deleting_a_provider_with_programmes_is_refused_and_explained(admin_client):
    programme = ProgrammeFactory(title="Bootcamp protégé")
    url = reverse("admin:training_provider_delete", args=[programme.provider.pk])
    page = admin_client.get(url).text
    assert "Un organisme qui propose encore des formations ne peut pas être supprimé" in page
    assert "objets liés et protégés" in page and "Bootcamp protégé" in page
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "ne peut pas être supprimé" in response.text
    assert Provider.objects.filter(pk=programme.provider.pk).exists()
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_bulk_deleting_providers_with_programmes_is_refused_and_explained(admin_client):
    programme = ProgrammeFactory()
    url = reverse("admin:training_provider_changelist")
    response = admin_client.post(url, {"action": "delete_selected", "_selected_action": [str(programme.provider.pk)]})
    assert "ne peut pas être supprimé" in response.text
    admin_client.post(
        url, {"action": "delete_selected", "_selected_action": [str(programme.provider.pk)], "post": "yes"}
    )
    assert Provider.objects.filter(pk=programme.provider.pk).exists()


def test_deleting_a_provider_without_programmes_works(admin_client):
    provider = ProviderFactory()
    response = admin_client.post(reverse("admin:training_provider_delete", args=[provider.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Provider.objects.exists()


def test_path_admin_lists_and_saves(admin_client):
    path = PathFactory(title="Avant")
    ProgrammeFactory(path=path)
    assert admin_client.get(reverse("admin:training_path_changelist")).status_code == 200
    url = reverse("admin:training_path_change", args=[path.pk])
    data = {
        "title": "Après", "slug": path.slug, "status": Path.Status.PUBLISHED, "position": "3",
        "audience": Path.Audience.STUDENT, "summary": "Résumé.", "body": "", "strengths": "", "limits": "",
        "duration_months_low": "24", "duration_months_high": "12", "cost_low": "", "cost_high": "", "cost_note": "",
        "funding": "", "level_reached": "", "admission": "", "admission_note": "",
    }  # fmt: skip
    response = admin_client.post(url, data)
    assert "La durée basse ne peut pas dépasser la durée haute." in response.text
    response = admin_client.post(url, {**data, "duration_months_low": "12", "duration_months_high": "24"})
    assert response.status_code == 302
    path.refresh_from_db()
    assert (path.title, path.duration_months_low, path.duration_months_high) == ("Après", 12, 24)


def test_staff_with_training_permissions_can_edit(client, staff_user):
    from django.contrib.auth.models import Permission

    staff_user.user_permissions.set(Permission.objects.filter(content_type__app_label="training"))
    client.force_login(staff_user)
    programme = ProgrammeFactory()
    assert client.get(reverse("admin:training_programme_change", args=[programme.pk])).status_code == 200
