"""Review before publication: draft → review → published → archived, publishing only with the permission."""

import pytest
from django.urls import reverse

from careers.models import Career
from careers.tests.factories import CareerFactory
from core.admin import PUBLISH_REFUSED
from core.models import Revision
from core.project import project_models
from jobs.models import JobOffer
from jobs.tests.factories import JobOfferFactory
from portal.tests.discovery import factory_for, public_page_of
from training.models import Programme
from training.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

CAREERS = reverse("admin:careers_career_changelist")


def career_form(career, **overrides):
    data = {
        "title": career.title,
        "slug": career.slug,
        "other_names": "",
        "status": career.status,
        "summary": career.summary,
        "body": "",
        "reviewed_on": "",
    }
    for prefix in ("missions", "pay_figures", "market_figures", "certifications", "faq_entries"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | overrides


def act(client, url, action, rows):
    return client.post(url, {"action": action, "_selected_action": [str(r.pk) for r in rows]}, follow=True)


def test_model_transitions_follow_the_review_states():
    career = CareerFactory(draft=True)
    career.submit_for_review()
    assert career.status == Career.Status.REVIEW
    career.submit_for_review()  # Only drafts go to review.
    career.publish()
    career.submit_for_review()
    assert career.status == Career.Status.PUBLISHED
    career.archive()
    career.refresh_from_db()
    assert career.status == Career.Status.ARCHIVED


def test_queryset_transitions_touch_only_rows_in_the_right_state():
    draft, published = CareerFactory(draft=True), CareerFactory()
    assert Career.objects.filter(pk__in=[draft.pk, published.pk]).submit_for_review() == 1
    assert Career.objects.filter(pk__in=[draft.pk, published.pk]).archive() == 2
    assert Career.objects.filter(status=Career.Status.ARCHIVED).count() == 2


def test_an_editor_cannot_save_a_draft_as_published(editor_client):
    career = CareerFactory(draft=True)
    url = reverse("admin:careers_career_change", args=[career.pk])
    response = editor_client.post(url, career_form(career, status="published"))
    assert response.status_code == 200
    assert str(PUBLISH_REFUSED).replace("’", "&#x27;") in response.text or str(PUBLISH_REFUSED) in response.text
    career.refresh_from_db()
    assert career.status == Career.Status.DRAFT


def test_an_editor_sends_a_draft_to_review_and_proposes_a_change_to_a_published_career(editor_client):
    draft, published = CareerFactory(draft=True), CareerFactory(title="Titre en ligne")
    editor_client.post(reverse("admin:careers_career_change", args=[draft.pk]), career_form(draft, status="review"))
    editor_client.post(
        reverse("admin:careers_career_change", args=[published.pk]), career_form(published, title="Nouveau titre")
    )
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == Career.Status.REVIEW
    assert (published.title, published.status) == ("Titre en ligne", Career.Status.PUBLISHED)
    assert Revision.objects.pending().of(published).get().proposed["fields"]["title"] == "Nouveau titre"


def test_an_editor_cannot_create_a_published_career(editor_client):
    career = CareerFactory.build(slug="nouveau")
    response = editor_client.post(reverse("admin:careers_career_add"), career_form(career, status="published"))
    assert response.status_code == 200
    assert not Career.objects.filter(slug="nouveau").exists()


def test_an_editor_is_not_offered_the_publish_action_and_cannot_force_it(editor_client):
    career = CareerFactory(draft=True)
    page = editor_client.get(CAREERS)
    assert 'value="submit_selected"' in page.text and 'value="publish_selected"' not in page.text
    act(editor_client, CAREERS, "publish_selected", [career])
    career.refresh_from_db()
    assert career.status == Career.Status.DRAFT
    response = act(editor_client, CAREERS, "submit_selected", [career])
    assert "1 élément envoyé en relecture" in response.text
    career.refresh_from_db()
    assert career.status == Career.Status.REVIEW


def test_an_editor_cannot_publish_a_programme_from_its_providers_page(editor_client):
    programme = ProgrammeFactory(draft=True)
    provider = programme.provider
    data = {
        "name": provider.name,
        "slug": provider.slug,
        "kind": provider.kind,
        "programmes-TOTAL_FORMS": "1",
        "programmes-INITIAL_FORMS": "1",
        "programmes-0-id": str(programme.pk),
        "programmes-0-provider": str(provider.pk),
        "programmes-0-title": programme.title,
        "programmes-0-slug": programme.slug,
        "programmes-0-path": str(programme.path_id),
        "programmes-0-summary": programme.summary,
        "programmes-0-status": "published",
    }
    response = editor_client.post(reverse("admin:training_provider_change", args=[provider.pk]), data)
    assert response.status_code == 200
    programme.refresh_from_db()
    assert programme.status == Programme.Status.DRAFT


def test_a_publisher_publishes_from_review_and_archives(admin_client):
    career = CareerFactory(status=Career.Status.REVIEW)
    assert "1 élément publié" in act(admin_client, CAREERS, "publish_selected", [career]).text
    assert "1 élément archivé" in act(admin_client, CAREERS, "archive_selected", [career]).text
    career.refresh_from_db()
    assert career.status == Career.Status.ARCHIVED


def test_a_moderator_publishes_an_offer_in_review_dated_now(moderator_client):
    offer = JobOfferFactory(in_review=True)
    act(moderator_client, reverse("admin:jobs_joboffer_changelist"), "publish_selected", [offer])
    offer.refresh_from_db()
    assert offer.status == JobOffer.Status.PUBLISHED and offer.published_at and offer.expires_at
    assert JobOffer.objects.open().filter(pk=offer.pk).exists()


def test_state_is_shown_in_the_lists(admin_client):
    CareerFactory(title="Relu bientôt", status=Career.Status.REVIEW)
    assert "En relecture" in admin_client.get(CAREERS).text


def publishable_models():
    return [m for m in project_models() if hasattr(m, "publish_permission") and hasattr(m, "get_absolute_url")]


@pytest.mark.parametrize("model", publishable_models(), ids=lambda m: m._meta.label)
def test_staff_preview_any_draft_at_its_public_url_with_a_banner(client, staff_user, model):
    obj = factory_for(model)(
        status=model.Status.DRAFT, **({"published_at": None, "expires_at": None} if model is JobOffer else {})
    )
    url = public_page_of(obj)
    assert client.get(url).status_code == 404
    client.force_login(staff_user)
    response = client.get(url)
    assert response.status_code == 200
    assert "banner-draft" in response.text and "Brouillon" in response.text
