"""``manage.py setup_roles``: the two staff groups, and what each may open in the admin."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from careers.tests.factories import CareerFactory
from jobs.tests.factories import JobOfferFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("setup_roles", *args, stdout=out)
    return out.getvalue()


def codenames(name):
    return set(Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename"))


def test_creates_both_groups_then_changes_nothing():
    assert "Rédaction : créé" in run()
    first = {name: codenames(name) for name in ("Rédaction", "Modération des offres")}
    output = run()
    assert "Rédaction : inchangé" in output and "Modération des offres : inchangé" in output
    assert {name: codenames(name) for name in first} == first
    assert Group.objects.count() == 2


def test_restores_a_permission_removed_by_hand():
    run()
    group = Group.objects.get(name="Rédaction")
    group.permissions.remove(group.permissions.get(codename="change_career"))
    assert "Rédaction : mis à jour" in run()
    assert ("careers", "change_career") in codenames("Rédaction")


def test_dry_run_writes_nothing():
    assert "Simulation" in run("--dry-run")
    assert not Group.objects.exists()


def test_editors_add_and_change_but_never_delete_publish_or_manage_accounts():
    run()
    perms = codenames("Rédaction")
    assert {("careers", "add_career"), ("careers", "change_source"), ("training", "change_programme")} <= perms
    assert not {codename for _, codename in perms if codename.startswith(("delete_", "publish_"))}
    assert not {app for app, _ in perms} - {"careers", "training"}


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (reverse("admin:careers_career_add"), 200),
        (reverse("admin:training_programme_changelist"), 200),
        (reverse("admin:training_provider_add"), 200),
        (reverse("admin:careers_source_add"), 200),
        (reverse("admin:training_programme_import"), 200),
        (reverse("admin:jobs_joboffer_changelist"), 403),
        (reverse("admin:jobs_employer_add"), 403),
        (reverse("admin:auth_user_changelist"), 403),
        (reverse("admin:auth_group_changelist"), 403),
    ],
)
def test_what_an_editor_can_open(editor_client, url, status):
    assert editor_client.get(url).status_code == status


def test_an_editor_cannot_delete_a_career(editor_client):
    career = CareerFactory()
    assert editor_client.get(reverse("admin:careers_career_delete", args=[career.pk])).status_code == 403
    assert (
        editor_client.post(reverse("admin:careers_career_delete", args=[career.pk]), {"post": "yes"}).status_code == 403
    )


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (reverse("admin:jobs_joboffer_add"), 200),
        (reverse("admin:jobs_employer_changelist"), 200),
        (reverse("admin:jobs_joboffer_import"), 200),
        (reverse("admin:careers_career_changelist"), 200),  # Read only: to pick an offer's career.
        (reverse("admin:careers_career_add"), 403),
        (reverse("admin:training_programme_changelist"), 403),
        (reverse("admin:auth_user_changelist"), 403),
    ],
)
def test_what_a_moderator_can_open(moderator_client, url, status):
    assert moderator_client.get(url).status_code == status


def test_a_moderator_publishes_offers_but_not_careers(moderator_client):
    offer = JobOfferFactory(draft=True)
    offers = moderator_client.get(reverse("admin:jobs_joboffer_changelist"))
    assert 'value="publish_selected"' in offers.text
    assert 'value="delete_selected"' not in offers.text
    careers = moderator_client.get(reverse("admin:careers_career_changelist"))
    assert 'value="publish_selected"' not in careers.text
    assert moderator_client.get(reverse("admin:jobs_joboffer_delete", args=[offer.pk])).status_code == 403
