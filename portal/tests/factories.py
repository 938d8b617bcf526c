"""Factories for project models whose app ships none yet; found by ``discovery.factory_for``."""

import factory
from django.contrib.auth import get_user_model

from careers.models import Certification
from careers.tests.factories import CareerFactory


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    career = factory.SubFactory(CareerFactory)
    name = factory.Sequence(lambda n: f"Certification {n}")
    issuer = "Organisme certificateur"


class UserFactory(factory.django.DjangoModelFactory):
    """An account, for the rows that name who did what (history)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"compte-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    is_staff = True
