"""``manage.py setup_roles``: the staff groups, and what each may open, change and publish in the admin."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from careers.tests.factories import CareerFactory
from conftest import member_of
from jobs.tests.factories import JobOfferFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("setup_roles", *args, stdout=out)
    return out.getvalue()


def codenames(name):
    return set(Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename"))


GROUPS = ("Rédaction", "Chef d’édition", "Modération des offres")


def test_creates_every_group_then_changes_nothing():
    assert "Rédaction : créé" in run()
    first = {name: codenames(name) for name in GROUPS}
    output = run()
    assert all(f"{name} : inchangé" in output for name in GROUPS)
    assert {name: codenames(name) for name in first} == first
    assert Group.objects.count() == len(GROUPS)


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
    assert not {app for app, _ in perms} - {"careers", "training", "core", "places"}
    # The imports' runs and sources, to read only; the search synonyms, to propose; the communes, to read (a
    # programme's city names one).
    assert {codename for app, codename in perms if app == "core"} == {
        "view_importrun",
        "view_datasource",
        "add_synonym",
        "change_synonym",
        "view_synonym",
    }
    assert {codename for app, codename in perms if app == "places"} == {"view_commune"}


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


def test_the_editor_in_chief_writes_what_editors_write_and_publishes_it():
    run()
    chief, editors = codenames("Chef d’édition"), codenames("Rédaction")
    assert editors < chief
    # Publishing, and choosing whether what an imported source brings is published at once.
    assert {codename for _, codename in chief - editors} == {
        "publish_career",
        "publish_path",
        "publish_programme",
        "publish_synonym",
        "change_datasource",
    }
    assert not {codename for _, codename in chief if codename.startswith("delete_")}
    assert not {app for app, _ in chief} - {"careers", "training", "core", "places"}  # offers stay with moderators


def test_an_editor_in_chief_publishes_a_career_an_editor_sent_to_review(client):
    from careers.models import Career

    chief = member_of("Chef d’édition", "cheffe")
    career = CareerFactory(status=Career.Status.REVIEW)
    client.force_login(chief)
    changelist = reverse("admin:careers_career_changelist")
    assert 'value="publish_selected"' in client.get(changelist).text
    response = client.post(changelist, {"action": "publish_selected", "_selected_action": [career.pk]}, follow=True)
    assert response.status_code == 200
    career.refresh_from_db()
    assert career.status == Career.Status.PUBLISHED
    assert client.get(career.get_absolute_url()).status_code == 200
    assert client.get(reverse("admin:jobs_joboffer_changelist")).status_code == 403
