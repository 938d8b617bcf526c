import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from careers.models import Career, PayFigure
from careers.tests.factories import CareerFactory, PayFigureFactory, SourceFactory

pytestmark = pytest.mark.django_db

INLINE_PREFIXES = ["missions", "pay_figures", "market_figures", "certifications", "faq_entries"]


def inline_management(**totals):
    data = {}
    for prefix in INLINE_PREFIXES:
        data[f"{prefix}-TOTAL_FORMS"] = str(totals.get(prefix, 0))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    return data


def career_form(**overrides):
    data = {
        "title": "Ingénieur MLOps",
        "slug": "ingenieur-mlops",
        "status": Career.Status.DRAFT,
        "summary": "Met les modèles en production.",
        "body": "",
        "other_names": "",
        **inline_management(pay_figures=1, missions=1),
        "missions-0-position": "1",
        "missions-0-title": "Industrialiser les modèles",
        "pay_figures-0-kind": PayFigure.Kind.SALARY,
        "pay_figures-0-experience": PayFigure.Experience.JUNIOR,
        "pay_figures-0-country": "FR",
        "pay_figures-0-currency": "EUR",
        "pay_figures-0-amount_low": "40000",
        "pay_figures-0-amount_high": "48000",
    }
    data.update(overrides)
    return data


def test_add_career_with_inlines_saves(admin_client):
    source = SourceFactory()
    response = admin_client.post(
        reverse("admin:careers_career_add"), career_form(**{"pay_figures-0-source": str(source.pk)})
    )
    assert response.status_code == 302, response.context["errors"] if response.context else response
    career = Career.objects.get(slug="ingenieur-mlops")
    assert career.missions.get().title == "Industrialiser les modèles"
    figure = career.pay_figures.get()
    assert (figure.amount_low, figure.amount_high, figure.source) == (40000, 48000, source)


def test_low_above_high_is_refused_with_a_message(admin_client):
    source = SourceFactory()
    response = admin_client.post(
        reverse("admin:careers_career_add"),
        career_form(**{"pay_figures-0-source": str(source.pk), "pay_figures-0-amount_low": "60000"}),
    )
    assert response.status_code == 200
    assert "Le montant bas ne peut pas dépasser le montant haut." in response.text
    assert not Career.objects.filter(slug="ingenieur-mlops").exists()


def test_database_refuses_low_above_high():
    figure = PayFigureFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PayFigure.objects.filter(pk=figure.pk).update(amount_low=90000, amount_high=10000)


def test_database_refuses_a_figure_without_amount():
    figure = PayFigureFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PayFigure.objects.filter(pk=figure.pk).update(amount_low=None, amount_high=None)


def test_change_page_opens_and_saves(admin_client):
    career = CareerFactory(title="Avant")
    url = reverse("admin:careers_career_change", args=[career.pk])
    assert admin_client.get(url).status_code == 200
    data = career_form(title="Après", slug=career.slug, **inline_management())
    response = admin_client.post(url, data)
    assert response.status_code == 302
    career.refresh_from_db()
    assert career.title == "Après"


def test_staff_with_change_permission_can_edit(client, staff_user):
    from django.contrib.auth.models import Permission

    staff_user.user_permissions.set(Permission.objects.filter(content_type__app_label="careers"))
    client.force_login(staff_user)
    career = CareerFactory()
    assert client.get(reverse("admin:careers_career_change", args=[career.pk])).status_code == 200
    assert client.get(reverse("admin:careers_career_changelist"), {"q": career.title}).status_code == 200


def test_publish_and_unpublish_actions(admin_client):
    drafts = CareerFactory.create_batch(2, draft=True)
    url = reverse("admin:careers_career_changelist")
    ids = [str(c.pk) for c in drafts]
    admin_client.post(url, {"action": "publish_selected", "_selected_action": ids})
    assert Career.objects.published().count() == 2
    admin_client.post(url, {"action": "unpublish_selected", "_selected_action": ids})
    assert Career.objects.published().count() == 0


def test_changelist_filters_and_search(admin_client):
    CareerFactory(title="Prompt engineer", other_names="Ingénieur de requêtes")
    response = admin_client.get(reverse("admin:careers_career_changelist"), {"q": "requêtes", "status": "published"})
    assert response.status_code == 200
    assert "Prompt engineer" in response.text


def test_deleting_a_source_in_use_is_refused(admin_client):
    figure = PayFigureFactory()
    url = reverse("admin:careers_source_delete", args=[figure.source.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "Impossible de supprimer" in response.text or "Cannot delete" in response.text
    assert PayFigure.objects.filter(pk=figure.pk).exists()


def test_autocomplete_endpoints_answer(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "careers", "model_name": "career", "field_name": "parent", "term": "Mét"},
    )
    assert response.status_code == 200
