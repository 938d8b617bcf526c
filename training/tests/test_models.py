import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError

from careers.models import Source
from careers.tests.factories import CareerFactory
from training.models import Outcome, Path, Programme
from training.tests.factories import OutcomeFactory, PathFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def refused(queryset, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**values)


@pytest.mark.parametrize("field", ["completion_rate", "employed_rate", "satisfaction_rate"])
@pytest.mark.parametrize("value", [-1, 101])
def test_database_refuses_rates_outside_0_100(field, value):
    outcome = OutcomeFactory(placement=True, satisfaction_rate=90, satisfaction_measure="Satisfaits")
    refused(Outcome.objects.filter(pk=outcome.pk), **{field: value})


@pytest.mark.parametrize("value", [0, 100])
def test_rates_at_the_bounds_are_accepted(value):
    outcome = OutcomeFactory(placement=True, completion_rate=value)
    Outcome.objects.filter(pk=outcome.pk).update(employed_rate=value)
    outcome.refresh_from_db()
    assert (outcome.completion_rate, outcome.employed_rate) == (value, value)


@pytest.mark.parametrize("field", ["price", "duration_months", "duration_weeks", "duration_hours"])
def test_database_refuses_negative_price_and_durations(field):
    programme = ProgrammeFactory()
    refused(Programme.objects.filter(pk=programme.pk), **{field: -5})


def test_database_refuses_negative_path_figures():
    path = PathFactory()
    refused(Path.objects.filter(pk=path.pk), cost_low=-1)
    refused(Path.objects.filter(pk=path.pk), duration_months_low=12, duration_months_high=6)


def test_duration_is_given_in_one_unit_only():
    programme = ProgrammeFactory(duration_months=3)
    refused(Programme.objects.filter(pk=programme.pk), duration_weeks=12)


def test_placement_rate_needs_its_delay_and_definition():
    outcome = OutcomeFactory(placement=True)
    refused(Outcome.objects.filter(pk=outcome.pk), employed_definition="")
    refused(Outcome.objects.filter(pk=outcome.pk), employed_within_months=None)


def test_satisfaction_rate_needs_what_it_measures():
    outcome = OutcomeFactory(satisfaction_rate=97, satisfaction_measure="Se sentent mieux dans leur nouveau métier")
    refused(Outcome.objects.filter(pk=outcome.pk), satisfaction_measure="")


def test_full_clean_reports_the_constraint_message():
    programme = ProgrammeFactory.build(price=-1, slug="comparer")
    with pytest.raises(ValidationError) as error:
        programme.full_clean(exclude=["provider", "path"])
    errors = error.value.message_dict
    assert "price" in errors
    assert errors["__all__"] == ["« comparer » est réservé à la page de comparaison."]


def test_duration_in_days_is_computed_by_the_database():
    weeks = ProgrammeFactory(duration_weeks=12)
    months = ProgrammeFactory(duration_months=3)
    unknown = ProgrammeFactory()
    days = dict(Programme.objects.values_list("pk", "duration_days"))
    assert (days[weeks.pk], days[months.pk], days[unknown.pk]) == (84, 90, None)


def test_deleting_a_career_keeps_its_programmes():
    career = CareerFactory()
    programme = ProgrammeFactory(careers=[career])
    career.delete()
    assert Programme.objects.filter(pk=programme.pk).exists()
    assert not programme.careers.exists()


def test_deleting_a_provider_or_path_with_programmes_is_refused():
    programme = ProgrammeFactory()
    with pytest.raises(ProtectedError):
        programme.provider.delete()
    with pytest.raises(ProtectedError):
        programme.path.delete()


def test_deleting_a_programme_deletes_its_outcomes_not_their_source():
    outcome = OutcomeFactory()
    outcome.programme.delete()
    assert not Outcome.objects.exists()
    assert Source.objects.filter(pk=outcome.source_id).exists()


def test_figures_take_each_value_from_the_newest_outcome_that_gives_it():
    programme = ProgrammeFactory()
    old = OutcomeFactory(programme=programme, placement=True, observed_on=datetime.date(2024, 1, 1), completion_rate=70)
    new = OutcomeFactory(programme=programme, observed_on=datetime.date(2025, 1, 1), completion_rate=90)
    figures = Programme.objects.for_page().get(pk=programme.pk).figures
    assert figures["completion_rate"] == new
    assert figures["employed_rate"] == old
    assert "median_salary" not in figures


@pytest.mark.parametrize(
    ("months", "weeks", "hours", "label"),
    [
        (60, None, None, "5 ans"),
        (18, None, None, "18 mois"),
        (1, None, None, "1 mois"),
        (None, 12, 400, "12 semaines (400 heures)"),
        (None, 1, None, "1 semaine"),
        (None, None, 300, "300 heures"),
        (None, None, None, "non communiqué"),
    ],
)
def test_duration_label_reads_naturally(months, weeks, hours, label):
    programme = ProgrammeFactory.build(duration_months=months, duration_weeks=weeks, duration_hours=hours)
    assert programme.duration_label == label
