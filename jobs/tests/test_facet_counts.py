"""The facet counts of /offres/ against an independent oracle: one ORM count per option (hypothesis).

The page counts every facet in one grouped query; here each option's count is
recomputed the plain way, with every active filter but the option's own.
"""

import itertools
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from careers.models import Career
from careers.tests.factories import CareerFactory
from jobs.models import JobOffer
from jobs.tests.factories import JobOfferFactory, days_ago

pytestmark = pytest.mark.django_db
URL = reverse("jobs:offer_list")
CONTRACTS = [JobOffer.Contract.CDI, JobOffer.Contract.CDD, JobOffer.Contract.FREELANCE]
REGIONS = ["11", "84", ""]
REMOTES = list(JobOffer.Remote)
EXPERIENCES = list(JobOffer.Experience)
AGES = [0.2, 3, 12, 45]  # days since publication: within 1, 7, 30 days, and older


@pytest.fixture
def board():
    """Offers over every facet value, two careers (one a draft), closed offers that must never count."""
    published = CareerFactory(slug="data-scientist", title="Data scientist")
    draft = CareerFactory(slug="brouillon", title="Brouillon", status=Career.Status.DRAFT)
    careers = itertools.cycle([published, None, draft, published])
    rows = itertools.product(CONTRACTS, REGIONS, REMOTES[:2], EXPERIENCES[:2], AGES)
    for index, (contract, region, remote, experience, age) in enumerate(rows):
        if index % 3:  # a sample of the combinations, so counts differ between options
            continue
        JobOfferFactory(
            contract=contract, region=region, remote=remote, experience=experience, career=next(careers),
            published_at=days_ago(age), salary_low=30000 + 1000 * (index % 40),
            title=f"Offre {'data' if index % 2 else 'web'}",
        )  # fmt: skip
    JobOfferFactory(contract=JobOffer.Contract.CDI, region="11", expired=True)
    JobOfferFactory(contract=JobOffer.Contract.CDI, region="11", archived=True)


def oracle(params: dict) -> JobOffer.objects:
    """Open offers through ``params``, written without the FilterSet."""
    queryset = JobOffer.objects.open()
    lookups = {"contrat": "contract", "region": "region", "teletravail": "remote", "experience": "experience"}
    for name, value in params.items():
        if name in lookups:
            queryset = queryset.filter(**{lookups[name]: value})
        elif name == "metier":
            queryset = queryset.filter(career__slug=value)
        elif name == "publie":
            queryset = queryset.filter(published_at__gte=timezone.now() - timedelta(days=int(value)))
        elif name == "salaire_min":
            queryset = queryset.filter(salary_top__gte=int(value))
        elif name == "q":
            queryset = queryset.filter(title__icontains=value)
    return queryset


def shown_counts(response, name) -> dict:
    """{option value: the count in its label} for one filter select."""
    counts = {}
    for value, label in response.context["filter"].form.fields[name].widget.choices:
        if value:
            counts[value] = int(
                re.search(r"\(([\d\s\u202f\xa0]+)\)$", str(label))
                .group(1)
                .replace("\u202f", "")
                .replace("\xa0", "")
                .replace(" ", "")
            )
    return counts


FILTERS = st.fixed_dictionaries(
    {},
    optional={
        "contrat": st.sampled_from([c.value for c in CONTRACTS]),
        "region": st.sampled_from(["11", "84"]),
        "teletravail": st.sampled_from([r.value for r in REMOTES[:2]]),
        "experience": st.sampled_from([e.value for e in EXPERIENCES[:2]]),
        "metier": st.just("data-scientist"),
        "publie": st.sampled_from(["1", "7", "30"]),
        "salaire_min": st.sampled_from(["45000", "60000"]),
        "q": st.just("data"),
    },
)


@hypothesis_settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=FILTERS)
def test_every_option_counts_what_choosing_it_would_give(client, board, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert not response.context["filter"].form.errors
    assert response.context["paginator"].count == oracle(params).count()
    for name in ("contrat", "region", "teletravail", "experience", "publie", "metier"):
        for value, count in shown_counts(response, name).items():
            expected = oracle({**params, name: value}).count()
            assert count == expected, f"{name}={value} with {params}: shows {count}, choosing it gives {expected}"
    # Only published careers are options; the chosen one stays even at zero.
    assert set(shown_counts(response, "metier")) <= {"data-scientist"}
