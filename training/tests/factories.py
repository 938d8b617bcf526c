import datetime

import factory

from careers.tests.factories import SourceFactory
from training.models import City, Outcome, Path, Programme, Provider


class PathFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Path

    title = factory.Sequence(lambda n: f"Parcours {n}")
    slug = factory.Sequence(lambda n: f"parcours-{n}")
    position = factory.Sequence(lambda n: n)
    summary = "Une voie d’accès aux métiers de l’IA."
    status = Path.Status.PUBLISHED

    class Params:
        draft = factory.Trait(status=Path.Status.DRAFT)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"École {n}")
    slug = factory.Sequence(lambda n: f"ecole-{n}")
    kind = Provider.Kind.BOOTCAMP


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Ville {n}")
    slug = factory.Sequence(lambda n: f"ville-{n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory)
    path = factory.SubFactory(PathFactory)
    title = factory.Sequence(lambda n: f"Formation {n}")
    slug = factory.Sequence(lambda n: f"formation-{n}")
    summary = "Une formation aux métiers de l’IA."
    status = Programme.Status.PUBLISHED

    class Params:
        draft = factory.Trait(status=Programme.Status.DRAFT)

    @factory.post_generation
    def careers(self, create, extracted, **kwargs):
        if create and extracted:
            self.careers.set(extracted)

    @factory.post_generation
    def cities(self, create, extracted, **kwargs):
        if create and extracted:
            self.cities.set(extracted)


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    programme = factory.SubFactory(ProgrammeFactory)
    source = factory.SubFactory(SourceFactory)
    observed_on = datetime.date(2025, 10, 1)

    class Params:
        placement = factory.Trait(
            employed_rate=80, employed_within_months=6, employed_definition="CDI ou CDD de plus de six mois"
        )
