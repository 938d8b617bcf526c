import datetime

import factory
from django.utils import timezone

from jobs.models import Employer, JobOffer


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"Employeur {n}")
    slug = factory.Sequence(lambda n: f"employeur-{n}")


def days_ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


class JobOfferFactory(factory.django.DjangoModelFactory):
    """An open offer by default: published yesterday, expiring in 59 days."""

    class Meta:
        model = JobOffer

    title = factory.Sequence(lambda n: f"Ingénieur IA {n}")
    slug = factory.Sequence(lambda n: f"ingenieur-ia-{n}")
    employer = factory.SubFactory(EmployerFactory)
    description = "Rejoindre une équipe qui met des modèles en production."
    apply_url = "https://emploi.example.org/postuler"
    # An imported offer carries its id at the source (a database constraint), a typed one none.
    data_source = None
    external_id = factory.Maybe("data_source", factory.Sequence(lambda n: f"{n:06d}T"), "")
    status = JobOffer.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: days_ago(1))
    expires_at = factory.LazyAttribute(
        lambda o: None if o.published_at is None else o.published_at + datetime.timedelta(days=60)
    )

    class Params:
        draft = factory.Trait(status=JobOffer.Status.DRAFT, published_at=None, expires_at=None)
        in_review = factory.Trait(status=JobOffer.Status.REVIEW, published_at=None, expires_at=None)
        expired = factory.Trait(
            published_at=factory.LazyFunction(lambda: days_ago(61)),
            expires_at=factory.LazyFunction(lambda: days_ago(1)),
        )
        archived = factory.Trait(status=JobOffer.Status.ARCHIVED)
