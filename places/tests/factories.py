import factory

from places.models import Commune, name_key


class CommuneFactory(factory.django.DjangoModelFactory):
    """A made-up commune (test data); real ones come from places/tests/test_data_communes.csv."""

    class Meta:
        model = Commune

    code = factory.Sequence(lambda n: f"99{n:03d}")
    name = factory.Sequence(lambda n: f"Commune d’essai {n}")
    key = factory.LazyAttribute(lambda commune: name_key(commune.name))
    postcodes = " 99000 "
    department = "99"
    region = "84"
    population = 1000
    latitude = 45.0
    longitude = 5.0
