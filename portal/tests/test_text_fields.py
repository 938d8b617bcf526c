"""Every text field of every project model refuses control characters, however the row is written.

Fields are found by introspection (``core.project.project_models``), rows made
by each app's factories (``discovery.factory_for``): a model added later is
covered the day it exists.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from core.project import project_models
from jobs.models import JobOffer
from jobs.tests.factories import EmployerFactory
from portal.tests.discovery import factory_for

pytestmark = pytest.mark.django_db


def text_fields():
    return [
        pytest.param(model, field, id=f"{model._meta.label}.{field.name}")
        for model in project_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]


def tainted(field, char: str) -> str:
    """A value the field would otherwise take (a valid choice, a slug, an address), with ``char`` inside."""
    if field.choices:
        return f"{field.flatchoices[0][0]}{char}"
    if isinstance(field, models.EmailField):
        return f"a{char}b@example.org"
    if isinstance(field, models.URLField):
        return f"https://example.org/a{char}b"
    return f"a{char}b"


def refusal_codes(obj, field) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    assert field.name in caught.value.error_dict, f"{field.model._meta.label}.{field.name} accepted it"
    return [error.code for error in caught.value.error_dict[field.name]]


CONTROL_CHARACTERS = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\ufffe"]
LINE_BREAKS = ["\t", "\n", "\r"]


@pytest.mark.parametrize(("model", "field"), text_fields())
def test_every_text_field_refuses_control_characters_and_line_breaks_where_single_line(model, field):
    obj = factory_for(model)()
    for char in CONTROL_CHARACTERS:
        setattr(obj, field.attname, tainted(field, char))
        codes = refusal_codes(obj, field)
        if not field.choices:  # a choice field refuses any value off its list before validators run
            assert "control_character" in codes, repr(char)
    for char in LINE_BREAKS:
        setattr(obj, field.attname, tainted(field, char))
        if isinstance(field, models.TextField):
            try:
                obj.full_clean()
            except ValidationError as exc:
                assert field.name not in exc.error_dict, exc.error_dict[field.name]
        else:
            refusal_codes(obj, field)


def test_the_admin_form_says_which_character_and_where(admin_client):
    employer = EmployerFactory()
    response = admin_client.post(
        reverse("admin:jobs_joboffer_add"),
        {
            "title": "Data\x1b scientist",
            "slug": "data-scientist",
            "employer": employer.pk,
            "status": JobOffer.Status.DRAFT,
            "contract": JobOffer.Contract.CDI,
            "experience": JobOffer.Experience.ANY,
            "remote": JobOffer.Remote.NONE,
            "source": JobOffer.Source.DIRECT,
            "description": "Le poste.",
        },
    )
    assert response.status_code == 200
    assert "caractère de contrôle invisible (U+001B) en position 5" in response.text
    assert not JobOffer.objects.exists()
