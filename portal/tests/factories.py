"""Factories for project models whose app ships none yet; found by ``discovery.factory_for``."""

import factory

from careers.models import Certification
from careers.tests.factories import CareerFactory


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    career = factory.SubFactory(CareerFactory)
    name = factory.Sequence(lambda n: f"Certification {n}")
    issuer = "Organisme certificateur"
