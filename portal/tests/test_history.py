"""Every change to tracked content is recorded with who, when and what, shown in the admin, and revertible."""

import pytest
from django.urls import reverse

from careers.models import Career
from careers.tests.factories import CareerFactory
from core.project import is_historical, project_models, tracked_model
from portal.tests.test_review import career_form

pytestmark = pytest.mark.django_db

TRACKED = {"Career", "PayFigure", "Path", "Programme", "Outcome", "Employer", "JobOffer"}


def test_the_content_the_issue_names_is_tracked():
    assert {tracked_model(m).__name__ for m in project_models() if is_historical(m)} == TRACKED


def test_an_admin_change_records_who_and_what(editor_client, editor):
    career = CareerFactory(title="Ancien titre", draft=True)
    editor_client.post(
        reverse("admin:careers_career_change", args=[career.pk]), career_form(career, title="Nouveau titre")
    )
    latest = career.history.latest()
    assert (latest.title, latest.history_user, latest.history_type) == ("Nouveau titre", editor, "~")
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("title", "Ancien titre", "Nouveau titre")]


def test_history_is_visible_in_the_admin(editor_client):
    career = CareerFactory(title="Ancien titre", draft=True)
    editor_client.post(
        reverse("admin:careers_career_change", args=[career.pk]), career_form(career, title="Nouveau titre")
    )
    response = editor_client.get(reverse("admin:careers_career_history", args=[career.pk]))
    assert response.status_code == 200
    assert "redactrice" in response.text and "Ancien titre" in response.text


def test_a_change_is_reverted_from_the_history(admin_client):
    career = CareerFactory(title="Bon titre", summary="Bon résumé.")
    admin_client.post(
        reverse("admin:careers_career_change", args=[career.pk]), career_form(career, title="Titre fautif")
    )
    good = career.history.earliest()
    url = reverse("admin:careers_career_simple_history", args=[career.pk, good.history_id])
    assert "Bon titre" in admin_client.get(url).text
    response = admin_client.post(url, career_form(good.instance))
    assert response.status_code == 302
    career.refresh_from_db()
    assert career.title == "Bon titre"
    assert career.history.count() == 3, "the revert is itself on record"


def test_reverting_to_a_published_version_needs_the_publish_permission(editor_client):
    career = CareerFactory()
    career.archive()
    published = career.history.earliest()
    url = reverse("admin:careers_career_simple_history", args=[career.pk, published.history_id])
    response = editor_client.post(url, career_form(published.instance))
    assert response.status_code == 200
    career.refresh_from_db()
    assert career.status == Career.Status.ARCHIVED


def test_a_bulk_action_records_each_row_and_who_did_it(moderator_client, moderator):
    """Publishing from the list (one UPDATE for all the ticked rows) writes a version per row, by its user."""
    from jobs.models import JobOffer
    from jobs.tests.factories import JobOfferFactory

    offers = [JobOfferFactory(draft=True) for _ in range(3)]
    changelist = reverse("admin:jobs_joboffer_changelist")
    moderator_client.post(changelist, {"action": "publish_selected", "_selected_action": [o.pk for o in offers]})
    for offer in offers:
        latest = offer.history.latest()
        assert latest.status == JobOffer.Status.PUBLISHED
        assert latest.history_type == "~"
        assert latest.history_user == moderator


def test_expire_offers_records_each_archived_offer(capsys):
    from django.core.management import call_command

    from jobs.models import JobOffer
    from jobs.tests.factories import JobOfferFactory

    expired, still_open = JobOfferFactory(expired=True), JobOfferFactory()
    versions = {offer.pk: offer.history.count() for offer in (expired, still_open)}
    call_command("expire_offers")
    assert expired.history.count() == versions[expired.pk] + 1
    assert expired.history.latest().status == JobOffer.Status.ARCHIVED
    assert expired.history.latest().history_user is None  # a command, not a person
    assert still_open.history.count() == versions[still_open.pk]
