import factory
from django.contrib.auth import get_user_model

from core.models import DataSource, ImportRun, PendingImport, Synonym


class DataSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataSource
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"source-{n}")
    name = factory.Sequence(lambda n: f"Catalogue ouvert n°{n}")
    publisher = "Caisse des Dépôts"
    licence = "Licence Ouverte 2.0"


class ImportRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportRun

    source = factory.SubFactory(DataSourceFactory)
    status = ImportRun.Status.COMPLETE
    created = 3


class UserFactory(factory.django.DjangoModelFactory):
    """A staff account, as a superuser adds one to a group."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"personne-{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    is_staff = True


class PendingImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PendingImport

    key = factory.Sequence(lambda n: f"{n:032x}")
    model = "training.programme"
    data = b"slug,title\r\nexemple,Exemple\r\n"


class SynonymFactory(factory.django.DjangoModelFactory):
    """A published synonym; ``draft=True`` for one still waiting for a publisher."""

    class Meta:
        model = Synonym
        django_get_or_create = ["term"]

    class Params:
        draft = factory.Trait(status=Synonym.Status.DRAFT)

    term = factory.Sequence(lambda n: f"terme{n}")
    equivalents = factory.Sequence(lambda n: f"equivalent{n}")
    status = Synonym.Status.PUBLISHED
