"""Nothing is lost by cascade: every relation of every project model is reviewed.

A foreign key may only CASCADE when its rows are owned: edited inline in the
parent's admin, so they are shown with it and listed before it is deleted.
Any other relation must refuse the deletion (PROTECT) or keep the rows
(SET_NULL); the tests below prove both through the admin, for every such key.
History tables are the one exception, by design: they copy each key without
a database constraint and DO_NOTHING, so a row's history outlives the row.
"""

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import escape

from careers.models import Career
from careers.tests.factories import CareerFactory
from core.project import is_historical, project_models, tracked_model
from portal.tests.discovery import factory_for, published

KEEPS_ROWS = {models.SET_NULL, models.SET_DEFAULT}
REFUSES = {models.PROTECT, models.RESTRICT}


def relations():
    """(model, field) for every foreign key and one-to-one a project model declares."""
    return [
        (model, field)
        for model in project_models()
        for field in model._meta.fields
        if field.many_to_one or (field.one_to_one and not field.remote_field.parent_link)
    ]


def relation_id(relation):
    model, field = relation
    return f"{model._meta.label}.{field.name}"


def owned_inline(model, parent_model) -> bool:
    model_admin = admin.site._registry.get(parent_model)
    return model_admin is not None and any(inline.model is model for inline in model_admin.inlines)


def with_rule(rules):
    return [r for r in relations() if r[1].remote_field.on_delete in rules]


def test_relations_are_found():
    assert with_rule(REFUSES) and with_rule(KEEPS_ROWS), "nothing discovered: the tests below would cover nothing"


@pytest.mark.parametrize("relation", relations(), ids=relation_id)
def test_no_relation_deletes_content_by_cascade(relation):
    model, field = relation
    on_delete = field.remote_field.on_delete
    if on_delete in KEEPS_ROWS | REFUSES:
        return
    if is_historical(model):
        assert on_delete is models.DO_NOTHING and not field.db_constraint, (
            f"{relation_id(relation)}: a history row must keep the id of a deleted row, not follow or block it."
        )
        return
    assert on_delete is models.CASCADE and owned_inline(model, field.related_model), (
        f"{relation_id(relation)} uses {on_delete.__name__}: deleting a {field.related_model._meta.label} "
        "would delete these rows. Use PROTECT (refused while in use) or SET_NULL (rows kept), or, if the rows "
        f"belong to it, edit {model.__name__} inline in the {field.related_model.__name__} admin."
    )


def make_pair(model, field):
    """A target row and a row of ``model`` that points to it."""
    target = factory_for(field.related_model)(**published(field.related_model))
    row = factory_for(model)(**published(model), **{field.name: target})
    return target, row


@pytest.mark.django_db
@pytest.mark.parametrize("relation", with_rule(REFUSES), ids=relation_id)
def test_deleting_a_row_in_use_is_refused_in_the_admin_with_the_reason(admin_client, relation):
    model, field = relation
    target, row = make_pair(model, field)
    opts = target._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[target.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert f"Impossible de supprimer {opts.verbose_name}" in response.text
    assert "objets liés et protégés suivants" in response.text
    assert escape(str(row)) in response.text, "the admin names the row that still uses it"
    assert type(target).objects.filter(pk=target.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("relation", with_rule(REFUSES), ids=relation_id)
def test_bulk_delete_of_rows_in_use_is_refused_too(admin_client, relation):
    model, field = relation
    target, row = make_pair(model, field)
    opts = target._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [target.pk], "post": "yes"}
    )
    assert response.status_code == 200
    assert "objets liés et protégés suivants" in response.text
    assert escape(str(row)) in response.text
    assert type(target).objects.filter(pk=target.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("relation", with_rule(KEEPS_ROWS), ids=relation_id)
def test_deleting_the_target_in_the_admin_keeps_the_rows(admin_client, relation):
    model, field = relation
    target, row = make_pair(model, field)
    opts = target._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[target.pk])
    response = admin_client.post(url, {"post": "yes"})
    if response.status_code == 403:
        # Reference data nobody deletes in the admin (the communes): its loader deletes what its source dropped.
        assert not admin.site._registry[type(target)].has_delete_permission(response.wsgi_request)
        target.delete()
    else:
        assert response.status_code == 302
    assert not type(target).objects.filter(pk=target.pk).exists()
    row.refresh_from_db()
    assert getattr(row, field.attname) == field.get_default()


@pytest.mark.django_db
def test_deleting_a_family_keeps_its_specialities_online(admin_client, client):
    family = CareerFactory(title="Chef de projet Data")
    speciality = CareerFactory(title="Chef de projet IA", parent=family)
    admin_client.post(reverse("admin:careers_career_delete", args=[family.pk]), {"post": "yes"})
    speciality.refresh_from_db()
    assert speciality.parent is None and speciality.status == Career.Status.PUBLISHED
    assert client.get(speciality.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_deleting_a_career_lists_its_owned_rows_before_confirmation(admin_client):
    from careers.tests.factories import MissionFactory

    mission = MissionFactory(title="Cadrer le projet")
    response = admin_client.get(reverse("admin:careers_career_delete", args=[mission.career.pk]))
    assert response.status_code == 200
    assert "Cadrer le projet" in response.text


def historical_models():
    return [model for model in project_models() if is_historical(model)]


def test_historical_models_are_found():
    assert historical_models(), "no history table found: the test below would cover nothing"


@pytest.mark.django_db
@pytest.mark.parametrize("history_model", historical_models(), ids=lambda m: m._meta.label)
def test_deleting_a_tracked_row_in_the_admin_keeps_its_history(admin_client, history_model):
    model = tracked_model(history_model)
    row = factory_for(model)(**published(model))
    opts = model._meta
    response = admin_client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[row.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not model.objects.filter(pk=row.pk).exists()
    kinds = list(
        history_model.objects.filter(id=row.pk).order_by("history_date").values_list("history_type", flat=True)
    )
    assert kinds[0] == "+" and kinds[-1] == "-", "the creation and the deletion are both on record"
