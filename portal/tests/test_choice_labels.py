"""``get_FOO_display()`` reads a dict built once per field (`core.models.ChoiceLabels`): same labels as Django."""

import pytest
from django.apps import apps
from django.db import models

CHOICE_FIELDS = [
    pytest.param(model, field, id=f"{model._meta.label}.{field.name}")
    for model in apps.get_models()
    if model.__module__.split(".")[0] in {"careers", "training", "jobs", "portal"}
    for field in model._meta.concrete_fields
    if field.choices
]


def test_the_project_has_choice_fields_to_check():
    assert len(CHOICE_FIELDS) >= 10


@pytest.mark.parametrize(("model", "field"), CHOICE_FIELDS)
def test_every_label_is_the_one_django_gives(model, field):
    instance = model()
    for value in [*(value for value, _ in field.flatchoices), "pas-un-choix", None]:
        setattr(instance, field.attname, value)
        shown = getattr(instance, f"get_{field.name}_display")()
        assert shown == models.Model._get_FIELD_display(instance, field)
        assert isinstance(shown, str) or shown is None


def test_a_label_is_translated_text_not_a_lazy_object():
    from jobs.models import JobOffer

    offer = JobOffer(region="84", contract="cdi")
    assert offer.get_region_display() == "Auvergne-Rhône-Alpes"
    assert type(offer.get_contract_display()) is str
