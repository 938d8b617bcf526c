import datetime

import factory

from careers.models import Career, FAQEntry, MarketFigure, Mission, PayFigure, Sector, Skill, Source
from core import snapshots
from core.models import Revision
from core.tests.factories import UserFactory


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Étude des salaires n°{n}")
    publisher = "Apec"
    published_on = datetime.date(2025, 10, 1)


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Secteur {n}")
    slug = factory.Sequence(lambda n: f"secteur-{n}")


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    name = factory.Sequence(lambda n: f"Compétence {n}")
    slug = factory.Sequence(lambda n: f"competence-{n}")


class CareerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Career

    title = factory.Sequence(lambda n: f"Métier {n}")
    slug = factory.Sequence(lambda n: f"metier-{n}")
    summary = "Un métier de l’intelligence artificielle."
    status = Career.Status.PUBLISHED

    class Params:
        draft = factory.Trait(status=Career.Status.DRAFT)


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission

    career = factory.SubFactory(CareerFactory)
    title = factory.Sequence(lambda n: f"Mission {n}")


class FAQEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQEntry

    career = factory.SubFactory(CareerFactory)
    question = factory.Sequence(lambda n: f"Question {n} ?")
    answer = "Une réponse."


class PayFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PayFigure

    career = factory.SubFactory(CareerFactory)
    source = factory.SubFactory(SourceFactory)
    kind = PayFigure.Kind.SALARY
    experience = PayFigure.Experience.ALL
    amount_low = 40000
    amount_high = 50000


class MarketFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MarketFigure

    career = factory.SubFactory(CareerFactory)
    source = factory.SubFactory(SourceFactory)
    offer_count = 120
    observed_on = datetime.date(2025, 10, 1)
    platforms = "LinkedIn, Apec"


class RevisionFactory(factory.django.DjangoModelFactory):
    """A pending change to a published career's title, proposed by an editor."""

    class Meta:
        model = Revision

    class Params:
        career = factory.SubFactory(CareerFactory)

    model_label = "careers.career"
    object_id = factory.LazyAttribute(lambda o: o.career.pk)
    object_repr = factory.LazyAttribute(lambda o: str(o.career))
    base = factory.LazyAttribute(lambda o: snapshots.take(o.career))
    proposed = factory.LazyAttribute(
        lambda o: {**o.base, "fields": {**o.base["fields"], "title": f"{o.career.title} (proposé)"}}
    )
    author = factory.SubFactory(UserFactory)
