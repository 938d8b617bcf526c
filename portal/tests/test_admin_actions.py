"""Every role against every list action of every reviewed model, offered or not, and POSTed directly.

Sending to review needs the model's "change" permission. Publishing,
unpublishing and archiving change what the public sees, so they need its
"publish" permission; so does extending a published offer, which keeps it
on the board longer. A refused action changes nothing in the database.
"""

from datetime import timedelta

import pytest
from django.urls import reverse

from careers.models import Career
from careers.tests.factories import CareerFactory
from jobs.models import JobOffer
from jobs.tests.factories import JobOfferFactory
from training.models import Path, Programme
from training.tests.factories import PathFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

FACTORIES = {Career: CareerFactory, Path: PathFactory, Programme: ProgrammeFactory, JobOffer: JobOfferFactory}
ROLES = ["anonymous", "editor", "chief_editor", "moderator", "superuser"]
# Who may publish each model (and so unpublish, archive, extend); "change" rights are wider only for editors.
PUBLISHERS = {
    Career: {"chief_editor", "superuser"},
    Path: {"chief_editor", "superuser"},
    Programme: {"chief_editor", "superuser"},
    JobOffer: {"moderator", "superuser"},
}
CHANGERS = {
    Career: {"editor", "chief_editor", "superuser"},
    Path: {"editor", "chief_editor", "superuser"},
    Programme: {"editor", "chief_editor", "superuser"},
    JobOffer: {"moderator", "superuser"},
}
# action: (status before, status after, permission it needs)
MOVES = {
    "submit_selected": ("draft", "review", "change"),
    "publish_selected": ("review", "published", "publish"),
    "unpublish_selected": ("published", "draft", "publish"),
    "archive_selected": ("published", "archived", "publish"),
}


def client_for(role, client, request):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def make(model, status):
    extra = {}
    if model is JobOffer and status in ("draft", "review"):
        extra = {"published_at": None, "expires_at": None}
    return FACTORIES[model](status=status, **extra)


def allowed(model, role, permission):
    return role in (PUBLISHERS if permission == "publish" else CHANGERS)[model]


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


CASES = [(model, action, role) for model in FACTORIES for action in MOVES for role in ROLES]


@pytest.mark.parametrize(
    ("model", "action", "role"),
    CASES,
    ids=[f"{m.__name__}-{a}-{r}" for m, a, r in CASES],
)
def test_each_role_may_run_exactly_the_actions_its_permissions_allow(client, request, model, action, role):
    before, after, permission = MOVES[action]
    rows = [make(model, before), make(model, before)]
    client = client_for(role, client, request)
    url = changelist(model)
    page = client.get(url)
    response = client.post(url, {"action": action, "_selected_action": [str(row.pk) for row in rows]})
    expected = after if allowed(model, role, permission) else before
    assert [model._base_manager.get(pk=row.pk).status for row in rows] == [expected, expected]
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response.url
    elif page.status_code == 200:
        assert (f'value="{action}"' in page.text) == allowed(model, role, permission), "offered iff allowed"
    else:
        assert page.status_code == 403 and response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_extending_a_published_offer_needs_the_publish_permission(client, request, role):
    offer = JobOfferFactory()
    expiry = offer.expires_at
    client = client_for(role, client, request)
    url = changelist(JobOffer)
    page = client.get(url)
    client.post(url, {"action": "extend_selected", "_selected_action": [str(offer.pk)]})
    offer.refresh_from_db()
    may = role in PUBLISHERS[JobOffer]
    assert offer.expires_at == (expiry + timedelta(days=30) if may else expiry)
    if page.status_code == 200:
        assert ('value="extend_selected"' in page.text) == may


def test_a_user_who_may_change_offers_but_not_publish_extends_drafts_only(client, staff_user):
    """Extending a draft's expiry shows the public nothing; a published offer's keeps it on the board."""
    from django.contrib.auth.models import Permission

    staff_user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_joboffer", "change_joboffer"], content_type__app_label="jobs")
    )
    client.force_login(staff_user)
    draft = JobOfferFactory(draft=True, expires_at=JobOfferFactory.build().expires_at)
    published = JobOfferFactory()
    expiries = {draft.pk: draft.expires_at, published.pk: published.expires_at}
    response = client.post(
        changelist(JobOffer),
        {"action": "extend_selected", "_selected_action": [str(draft.pk), str(published.pk)]},
        follow=True,
    )
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.expires_at > expiries[draft.pk]
    assert published.expires_at == expiries[published.pk]
    assert "1 offre publiée n’a pas été prolongée" in response.text


def test_the_offer_moderators_cannot_unpublish_careers(moderator_client):
    """The probe's finding: one POST from the offers' moderators took every career offline."""
    careers = CareerFactory.create_batch(3)
    moderator_client.post(
        changelist(Career), {"action": "unpublish_selected", "_selected_action": [str(c.pk) for c in careers]}
    )
    assert Career.objects.published().count() == 3
    assert all(moderator_client.get(c.get_absolute_url()).status_code == 200 for c in careers)


def test_editors_cannot_archive_published_content(editor_client):
    career, path, programme = CareerFactory(), PathFactory(), ProgrammeFactory()
    for model, row in ((Career, career), (Path, path), (Programme, programme)):
        editor_client.post(changelist(model), {"action": "archive_selected", "_selected_action": [str(row.pk)]})
        row.refresh_from_db()
        assert row.status == model.Status.PUBLISHED


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_an_editor_cannot_take_a_published_row_offline_by_its_form_either(editor_client, status):
    from core.admin import OFFLINE_REFUSED
    from portal.tests.admin_forms import change_page_data

    for row in (CareerFactory(), PathFactory(), ProgrammeFactory()):
        url = reverse(f"admin:{row._meta.app_label}_{row._meta.model_name}_change", args=[row.pk])
        response = editor_client.post(url, {**change_page_data(editor_client, url), "status": status})
        assert response.status_code == 200
        assert str(OFFLINE_REFUSED)[:40] in response.text.replace("&#x27;", "’")
        row.refresh_from_db()
        assert row.status == "published"


def test_an_editor_moves_a_draft_to_review_and_back_by_its_form(editor_client):
    from portal.tests.admin_forms import change_page_data

    career = CareerFactory(draft=True)
    url = reverse("admin:careers_career_change", args=[career.pk])
    for status in ("review", "draft"):
        editor_client.post(url, {**change_page_data(editor_client, url), "status": status})
        career.refresh_from_db()
        assert career.status == status


def test_the_offer_moderators_only_read_careers(moderator_client):
    from portal.tests.admin_forms import change_page_data

    career = CareerFactory(title="Lu seulement")
    url = reverse("admin:careers_career_change", args=[career.pk])
    data = change_page_data(moderator_client, url)
    assert moderator_client.post(url, {**data, "title": "Changé"}).status_code == 403
    career.refresh_from_db()
    assert career.title == "Lu seulement"
