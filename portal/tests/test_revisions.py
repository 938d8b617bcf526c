"""Changes to published content by someone who may not publish wait, beside the live version, for a publisher.

Every path is covered: the change form with its inlines and links, a child
row's own page (pay figures, outcomes), a history revert, an import, and the
forms that edit several rows at once (a provider's programmes, the paths'
order). The public pages and the API show the live version until a publisher
approves; approving and rejecting are both in the row's history.
"""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format

from careers.models import Career, PayFigure
from careers.tests.factories import CareerFactory, MissionFactory, PayFigureFactory, SectorFactory, SourceFactory
from core.models import Revision
from jobs.models import JobOffer
from jobs.tests.factories import JobOfferFactory
from portal.tests.admin_forms import add_inline_row, change_page_data, form_fields
from training.models import Outcome, Path, Programme
from training.tests.factories import CityFactory, OutcomeFactory, PathFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def revision_url(revision):
    return reverse("admin:core_revision_change", args=[revision.pk])


def decide(client, revision, decision, **extra):
    return client.post(
        reverse("admin:core_revision_decide", args=[revision.pk]), {"decision": decision, **extra}, follow=True
    )


def pending_of(obj):
    return Revision.objects.pending().of(obj)


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def career():
    """A published career with a mission and a pay figure, as the public sees it."""
    career = CareerFactory(title="Ingénieur IA", slug="ingenieur-ia", summary="Conçoit des systèmes d’IA.")
    MissionFactory(career=career, title="Entraîner les modèles", position=1)
    PayFigureFactory(career=career, amount_low=40000, amount_high=50000, note="Moyenne nationale")
    return career


def propose_career_change(client, career):
    """The editor changes the title, a pay figure and adds a mission, all in one save."""
    data = change_page_data(client, change_url(career))
    data["title"] = "Ingénieure ou ingénieur IA"
    data["pay_figures-0-amount_high"] = "65000"
    data = add_inline_row(data, "missions", position="2", title="Surveiller la dérive des modèles", description="")
    return client.post(change_url(career), data)


# The change form and its inlines.


def test_an_editors_change_to_a_published_career_waits_and_the_public_sees_the_live_version(
    editor_client, editor, career, client
):
    versions = career.history.count()
    response = propose_career_change(editor_client, career)
    revision = pending_of(career).get()
    assert response.status_code == 302 and response.url == revision_url(revision)
    career.refresh_from_db()
    assert career.title == "Ingénieur IA"
    assert list(career.missions.values_list("title", flat=True)) == ["Entraîner les modèles"]
    assert career.pay_figures.get().amount_high == 50000
    assert career.history.count() == versions, "no version that never went live"
    assert revision.author == editor
    assert revision.proposed["fields"]["title"] == "Ingénieure ou ingénieur IA"

    client.logout()
    page = client.get(career.get_absolute_url()).text
    assert "Ingénieur IA" in page and "Ingénieure ou ingénieur IA" not in page
    assert "Surveiller la dérive" not in page
    api = client.get(reverse("api:career-detail", args=[career.slug])).json()
    assert api["title"] == "Ingénieur IA"
    assert [m["title"] for m in api["missions"]] == ["Entraîner les modèles"]


def test_the_editor_is_told_the_change_waits_and_sees_it_on_the_rows_page(editor_client, career):
    response = propose_career_change(editor_client, career)
    message = editor_client.get(response.url).text
    assert "attend l’accord d’une personne habilitée à publier" in message.replace("&#x27;", "’")
    page = editor_client.get(change_url(career)).text
    assert "une modification attend l’accord" in page
    assert revision_url(pending_of(career).get()) in page


def test_a_publisher_sees_the_pending_list_and_the_diff(editor_client, chief_editor, career):
    propose_career_change(editor_client, career)
    revision = pending_of(career).get()
    chief = login(Client(), chief_editor)
    index = chief.get(reverse("admin:index"))
    counts = {queue.key: count for queue, count in index.context["review_counts"]}
    assert counts["revisions-career"] == 1
    queue = chief.get(reverse("admin:review")).text
    assert "Modifications proposées en attente d’accord : métiers" in queue
    assert revision_url(revision) in queue
    listing = chief.get(reverse("admin:core_revision_changelist"), {"state__exact": "pending"}).text
    assert "Ingénieur IA" in listing
    diff = chief.get(revision_url(revision)).text
    amounts = (number_format(50000, force_grouping=True), number_format(65000, force_grouping=True))
    for text in ("Ingénieur IA", "Ingénieure ou ingénieur IA", *amounts, "Surveiller la dérive des modèles"):
        assert text in diff.replace("&#x27;", "’")
    assert "Approuver et mettre en ligne" in diff and "Rejeter" in diff


def test_approving_puts_the_whole_change_online_with_its_history(editor_client, chief_editor, career, client):
    propose_career_change(editor_client, career)
    revision = pending_of(career).get()
    chief = login(Client(), chief_editor)
    response = decide(chief, revision, "approve")
    assert "approuvée : elle est en ligne" in response.text
    career.refresh_from_db()
    assert career.title == "Ingénieure ou ingénieur IA"
    assert list(career.missions.order_by("position").values_list("title", flat=True)) == [
        "Entraîner les modèles",
        "Surveiller la dérive des modèles",
    ]
    figure = career.pay_figures.get()
    assert (figure.amount_low, figure.amount_high, figure.note) == (40000, 65000, "Moyenne nationale")
    assert career.reviewed_on == timezone.localdate(), "approving is reviewing"
    latest = career.history.latest()
    assert latest.history_user == chief_editor and latest.title == "Ingénieure ou ingénieur IA"
    assert f"Proposition n° {revision.pk} de redactrice approuvée" == latest.history_change_reason
    assert figure.history.latest().history_user == chief_editor
    revision.refresh_from_db()
    assert (revision.state, revision.decided_by) == (Revision.State.APPROVED, chief_editor)
    page = client.get(career.get_absolute_url()).text
    assert "Ingénieure ou ingénieur IA" in page and "Surveiller la dérive des modèles" in page
    assert client.get(reverse("api:career-detail", args=[career.slug])).json()["title"] == career.title


def test_rejecting_discards_the_change_and_says_so_in_the_history(editor_client, chief_editor, career):
    propose_career_change(editor_client, career)
    revision = pending_of(career).get()
    versions = career.history.count()
    chief = login(Client(), chief_editor)
    response = decide(chief, revision, "reject", note="Le titre épicène est déjà dans les autres intitulés.")
    assert "rejetée : la version en ligne reste inchangée" in response.text
    career.refresh_from_db()
    assert career.title == "Ingénieur IA" and career.missions.count() == 1
    revision.refresh_from_db()
    assert revision.state == Revision.State.REJECTED and revision.note.startswith("Le titre épicène")
    assert career.history.count() == versions + 1
    latest = career.history.latest()
    assert latest.history_user == chief_editor
    assert latest.history_change_reason.startswith(f"Proposition n° {revision.pk} de redactrice rejetée")
    assert "Le titre épicène" in editor_client.get(revision_url(revision)).text, "the author reads why"


def test_a_decided_proposal_cannot_be_decided_again(editor_client, chief_editor, career):
    propose_career_change(editor_client, career)
    revision = pending_of(career).get()
    chief = login(Client(), chief_editor)
    decide(chief, revision, "reject")
    response = decide(chief, revision, "approve")
    assert "déjà été traitée" in response.text.replace("&#x27;", "’")
    career.refresh_from_db()
    assert career.title == "Ingénieur IA"


def test_only_publishers_of_the_model_may_decide(editor_client, editor, moderator, career):
    propose_career_change(editor_client, career)
    revision = pending_of(career).get()
    url = reverse("admin:core_revision_decide", args=[revision.pk])
    assert editor_client.post(url, {"decision": "approve"}).status_code == 403
    assert login(Client(), moderator).post(url, {"decision": "approve"}).status_code == 404
    assert login(Client(), moderator).get(revision_url(revision)).status_code == 404
    anonymous = Client().post(url, {"decision": "approve"})
    assert anonymous.status_code == 302 and "/login/" in anonymous.url
    assert "Approuver" not in editor_client.get(revision_url(revision)).text
    revision.refresh_from_db()
    career.refresh_from_db()
    assert revision.is_pending and career.title == "Ingénieur IA"


def test_decisions_need_a_csrf_token_and_a_post(editor_client, chief_editor, career):
    propose_career_change(editor_client, career)
    revision = pending_of(career).get()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(chief_editor)
    url = reverse("admin:core_revision_decide", args=[revision.pk])
    assert strict.post(url, {"decision": "approve"}).status_code == 403
    assert strict.get(url).status_code == 405
    revision.refresh_from_db()
    assert revision.is_pending


def test_the_author_may_withdraw_a_pending_proposal(editor_client, career):
    propose_career_change(editor_client, career)
    revision = pending_of(career).get()
    response = decide(editor_client, revision, "withdraw")
    assert "retirée" in response.text
    revision.refresh_from_db()
    assert revision.state == Revision.State.WITHDRAWN
    career.refresh_from_db()
    assert career.title == "Ingénieur IA"


def test_a_save_that_changes_nothing_proposes_nothing(editor_client, career):
    response = editor_client.post(change_url(career), change_page_data(editor_client, change_url(career)), follow=True)
    assert "aucune modification n’a été proposée" in response.text.replace("&#x27;", "’")
    assert not Revision.objects.exists()


def test_approving_over_a_later_change_to_the_same_field_is_refused(editor_client, chief_editor, career):
    propose_career_change(editor_client, career)
    revision = pending_of(career).get()
    chief = login(Client(), chief_editor)
    data = change_page_data(chief, change_url(career))
    chief.post(change_url(career), {**data, "title": "Ingénieur en IA"})
    assert "changé depuis cette proposition" in chief.get(revision_url(revision)).text
    response = decide(chief, revision, "approve")
    assert "elle n’a pas été appliquée" in response.text.replace("&#x27;", "’")
    career.refresh_from_db()
    assert career.title == "Ingénieur en IA" and career.missions.count() == 1
    revision.refresh_from_db()
    assert revision.is_pending


def test_approving_keeps_what_a_publisher_changed_elsewhere_since(editor_client, chief_editor, career):
    propose_career_change(editor_client, career)
    revision = pending_of(career).get()
    chief = login(Client(), chief_editor)
    data = change_page_data(chief, change_url(career))
    chief.post(change_url(career), {**data, "summary": "Conçoit, entraîne et déploie des systèmes d’IA."})
    decide(chief, revision, "approve")
    career.refresh_from_db()
    assert career.title == "Ingénieure ou ingénieur IA"
    assert career.summary == "Conçoit, entraîne et déploie des systèmes d’IA."


def test_an_editor_edits_drafts_directly(editor_client):
    draft = CareerFactory(draft=True, title="Brouillon")
    data = change_page_data(editor_client, change_url(draft))
    editor_client.post(change_url(draft), {**data, "title": "Brouillon relu"})
    draft.refresh_from_db()
    assert draft.title == "Brouillon relu" and not Revision.objects.exists()


def test_links_and_removed_children_are_applied_on_approval(client, staff_user, chief_editor, career):
    """A user who may change and delete careers' rows, but not publish: links added, a figure removed."""
    staff_user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="careers").exclude(codename__startswith="publish_")
    )
    sector = SectorFactory(name="Santé")
    editor = login(client, staff_user)
    data = change_page_data(editor, change_url(career))
    data["sectors"] = [str(sector.pk)]
    data["pay_figures-0-DELETE"] = "on"
    editor.post(change_url(career), data)
    assert career.pay_figures.count() == 1 and not career.sectors.exists()
    decide(login(Client(), chief_editor), pending_of(career).get(), "approve")
    assert list(career.sectors.all()) == [sector]
    assert not career.pay_figures.exists()


def test_a_history_revert_of_a_published_career_waits_too(editor_client, chief_editor, career):
    chief = login(Client(), chief_editor)
    chief.post(change_url(career), {**change_page_data(chief, change_url(career)), "title": "Titre corrigé"})
    first = career.history.earliest()
    url = reverse("admin:careers_career_simple_history", args=[career.pk, first.history_id])
    page = editor_client.get(url)
    editor_client.post(url, form_fields(page.context["adminform"].form))
    career.refresh_from_db()
    assert career.title == "Titre corrigé"
    assert pending_of(career).get().proposed["fields"]["title"] == "Ingénieur IA"


@pytest.mark.parametrize("proposals", [1, 4])
def test_the_pending_notice_costs_two_queries_however_many_wait(
    editor_client, career, proposals, django_assert_num_queries
):
    for n in range(proposals):
        data = change_page_data(editor_client, change_url(career))
        editor_client.post(change_url(career), {**data, "summary": f"Résumé proposé n° {n}."})
    assert pending_of(career).count() == proposals
    editor_client.get(reverse("admin:index"))  # shows, and so drops, the messages of the saves
    # Session, user, the career, the editor's permissions (user and groups), the pending proposals the editor
    # may read with their authors, and their count; then the form's own: the career again, its three links'
    # choices (sectors, skills, related careers), its five inlines' rows and the sources the pay figures' picker
    # shows.
    with django_assert_num_queries(17):
        assert editor_client.get(change_url(career)).status_code == 200


@pytest.mark.parametrize("proposals", [1, 6])
def test_the_pending_list_and_a_diff_page_cost_a_fixed_number_of_queries(
    editor_client, chief_editor, proposals, django_assert_num_queries
):
    careers = [CareerFactory() for _ in range(proposals)]
    for career in careers:
        data = change_page_data(editor_client, change_url(career))
        editor_client.post(change_url(career), {**data, "title": f"{career.title} revu"})
    chief = login(Client(), chief_editor)
    chief.get(reverse("admin:index"))
    # Session, user, permissions (user and groups), the two counts of the list (filtered and total), the rows
    # with their authors and deciders.
    with django_assert_num_queries(7):
        assert chief.get(reverse("admin:core_revision_changelist")).status_code == 200
    # Session, user, permissions, the proposal, the live career, its three links (sectors, skills, related
    # careers) and five kinds of owned rows (the live version, for conflicts), and the proposal's author.
    url = revision_url(pending_of(careers[-1]).get())
    with django_assert_num_queries(15):
        assert chief.get(url).status_code == 200


# Programmes: outcomes inline and links.


def test_a_programmes_outcomes_and_links_wait_then_go_live(editor_client, chief_editor, client):
    programme = ProgrammeFactory(title="Bootcamp Data", price=6000)
    OutcomeFactory(programme=programme, satisfaction_rate=90, satisfaction_measure="Recommandent la formation")
    city, career = CityFactory(name="Lyon"), CareerFactory(title="Data analyst")
    data = change_page_data(editor_client, change_url(programme))
    data["price"] = "6500"
    data["cities"] = [str(city.pk)]
    data["careers"] = [str(career.pk)]
    data["outcomes-0-satisfaction_rate"] = "60"
    editor_client.post(change_url(programme), data)
    programme.refresh_from_db()
    assert programme.price == 6000 and programme.outcomes.get().satisfaction_rate == 90
    assert not programme.cities.exists()
    api = client.get(reverse("api:programme-detail", args=[programme.slug])).json()
    assert api["price"] == 6000

    decide(login(Client(), chief_editor), pending_of(programme).get(), "approve")
    programme.refresh_from_db()
    assert programme.price == 6500 and programme.outcomes.get().satisfaction_rate == 60
    assert list(programme.cities.all()) == [city] and list(programme.careers.all()) == [career]


def test_an_invalid_proposal_is_refused_by_the_form_as_always(editor_client):
    programme = ProgrammeFactory()
    data = change_page_data(editor_client, change_url(programme))
    response = editor_client.post(change_url(programme), {**data, "price": "-1"})
    assert response.status_code == 200
    assert not Revision.objects.exists()


# Child rows' own pages.


def test_a_pay_figure_changed_on_its_own_page_waits_as_a_change_to_its_career(editor_client, chief_editor, career):
    figure = career.pay_figures.get()
    data = change_page_data(editor_client, change_url(figure))
    response = editor_client.post(change_url(figure), {**data, "amount_low": "45000"})
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.amount_low == 40000
    revision = pending_of(career).get()
    assert revision.proposed["children"]["pay_figures"][str(figure.pk)]["amount_low"] == 45000
    assert "une modification attend l’accord" in editor_client.get(change_url(figure)).text
    decide(login(Client(), chief_editor), revision, "approve")
    figure.refresh_from_db()
    assert figure.amount_low == 45000


def test_a_pay_figure_added_on_its_own_page_to_a_published_career_waits(editor_client, career):
    source = SourceFactory()
    response = editor_client.post(
        reverse("admin:careers_payfigure_add"),
        {
            "career": str(career.pk),
            "kind": PayFigure.Kind.DAY_RATE,
            "experience": PayFigure.Experience.SENIOR,
            "country": "FR",
            "currency": "EUR",
            "amount_low": "600",
            "amount_high": "900",
            "source": str(source.pk),
        },
    )
    assert response.status_code == 302
    assert career.pay_figures.count() == 1
    added = pending_of(career).get().proposed["children"]["pay_figures"]["new-1"]
    assert (added["amount_low"], added["amount_high"]) == (600, 900)


def test_a_pay_figure_cannot_be_moved_off_a_published_career_without_the_publish_right(editor_client, career):
    figure = career.pay_figures.get()
    draft = CareerFactory(draft=True)
    data = change_page_data(editor_client, change_url(figure))
    response = editor_client.post(change_url(figure), {**data, "career": str(draft.pk)})
    assert response.status_code == 200
    assert "seule une personne habilitée à publier peut rattacher" in response.text.replace("&#x27;", "’")
    figure.refresh_from_db()
    assert figure.career == career and not Revision.objects.exists()


def test_a_figure_of_a_draft_career_changes_at_once(editor_client):
    figure = PayFigureFactory(career=CareerFactory(draft=True))
    data = change_page_data(editor_client, change_url(figure))
    editor_client.post(change_url(figure), {**data, "amount_low": "41000"})
    figure.refresh_from_db()
    assert figure.amount_low == 41000 and not Revision.objects.exists()


def test_an_outcome_changed_on_its_own_page_waits_as_a_change_to_its_programme(editor_client, chief_editor):
    outcome = OutcomeFactory(completion_rate=70)
    data = change_page_data(editor_client, change_url(outcome))
    editor_client.post(change_url(outcome), {**data, "completion_rate": "95"})
    outcome.refresh_from_db()
    assert outcome.completion_rate == 70
    decide(login(Client(), chief_editor), pending_of(outcome.programme).get(), "approve")
    assert Outcome.objects.get(pk=outcome.pk).completion_rate == 95


def test_a_chief_editor_changes_published_rows_at_once(chief_editor, career):
    chief = login(Client(), chief_editor)
    figure = career.pay_figures.get()
    chief.post(change_url(figure), {**change_page_data(chief, change_url(figure)), "amount_low": "42000"})
    figure.refresh_from_db()
    assert figure.amount_low == 42000 and not Revision.objects.exists()


# Forms that edit several rows at once.


def test_a_published_programme_is_not_changed_from_its_providers_page(editor_client):
    programme = ProgrammeFactory(title="Bootcamp IA")
    provider = programme.provider
    data = change_page_data(editor_client, change_url(provider))
    response = editor_client.post(change_url(provider), {**data, "programmes-0-title": "Bootcamp IA générative"})
    assert response.status_code == 200
    assert "modifiez-le depuis sa propre page" in response.text
    programme.refresh_from_db()
    assert programme.title == "Bootcamp IA"


def test_the_order_of_published_paths_is_a_publishers_call(editor_client, chief_editor):
    published, draft = PathFactory(position=1), PathFactory(draft=True, position=2)
    changelist = reverse("admin:training_path_changelist")

    def post_positions(client, positions):
        data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "_save": "Enregistrer"}
        for index, (path, position) in enumerate(positions):
            data |= {f"form-{index}-id": str(path.pk), f"form-{index}-position": str(position)}
        return client.post(changelist, data)

    ordered = list(Path.objects.order_by("position", "title"))
    response = post_positions(editor_client, [(path, 9 if path == published else path.position) for path in ordered])
    assert response.status_code == 200
    published.refresh_from_db()
    assert published.position == 1
    post_positions(editor_client, [(path, 7 if path == draft else path.position) for path in ordered])
    draft.refresh_from_db()
    assert draft.position == 7
    chief = login(Client(), chief_editor)
    post_positions(chief, [(path, 9 if path == published else path.position) for path in ordered])
    published.refresh_from_db()
    assert published.position == 9


# Imports keyed on a published slug.

IMPORT_URL = reverse("admin:training_programme_import")
CONFIRM_URL = reverse("admin:training_programme_process_import")


def import_programmes(client, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["slug", "title", "provider", "path", "summary", "price"])
    writer.writerows(rows)
    upload = io.BytesIO(out.getvalue().encode())
    upload.name = "formations.csv"
    preview = client.post(IMPORT_URL, {"format": "0", "import_file": upload})
    assert preview.status_code == 200 and "confirm_form" in preview.context, preview.context.get("errors")
    confirm = preview.context["confirm_form"].initial
    return client.post(CONFIRM_URL, confirm, follow=True)


def programme_row(programme, **overrides):
    row = {
        "slug": programme.slug,
        "title": programme.title,
        "provider": programme.provider.slug,
        "path": programme.path.slug,
        "summary": programme.summary,
        "price": programme.price,
    }
    return list((row | overrides).values())


def test_an_import_changing_a_published_programme_waits_for_a_publisher(editor_client, chief_editor, client):
    published = ProgrammeFactory(title="Bootcamp Data", price=6000)
    draft = ProgrammeFactory(draft=True, title="Master IA", price=0)
    response = import_programmes(
        editor_client, [programme_row(published, price="9000"), programme_row(draft, price="250")]
    )
    assert "1 ligne modifie un élément publié" in response.text
    published.refresh_from_db()
    draft.refresh_from_db()
    assert published.price == 6000, "the live row is unchanged"
    assert draft.price == 250, "a draft is written as before"
    assert client.get(reverse("api:programme-detail", args=[published.slug])).json()["price"] == 6000
    revision = pending_of(published).get()
    assert revision.proposed["fields"]["price"] == 9000
    decide(login(Client(), chief_editor), revision, "approve")
    published.refresh_from_db()
    assert published.price == 9000


def test_a_chief_editors_import_changes_published_programmes_at_once(chief_editor):
    published = ProgrammeFactory(price=6000)
    import_programmes(login(Client(), chief_editor), [programme_row(published, price="7000")])
    published.refresh_from_db()
    assert published.price == 7000 and not Revision.objects.exists()


def test_an_import_preview_writes_no_revision(editor_client):
    published = ProgrammeFactory(price=6000)
    out = io.StringIO()
    csv.writer(out).writerows(
        [["slug", "title", "provider", "path", "summary", "price"], programme_row(published, price="9000")]
    )
    upload = io.BytesIO(out.getvalue().encode())
    upload.name = "formations.csv"
    editor_client.post(IMPORT_URL, {"format": "0", "import_file": upload})
    assert not Revision.objects.exists()


# Offers: the mechanism is the same; moderators publish, so their changes go live.


def test_offer_moderators_change_published_offers_at_once(moderator_client):
    offer = JobOfferFactory(title="Data engineer")
    data = change_page_data(moderator_client, change_url(offer))
    moderator_client.post(change_url(offer), {**data, "title": "Data engineer confirmé"})
    offer.refresh_from_db()
    assert offer.title == "Data engineer confirmé" and not Revision.objects.exists()


def test_someone_who_may_change_offers_but_not_publish_them_proposes(client, staff_user, moderator):
    codenames = ["view_joboffer", "change_joboffer", "view_career", "view_employer"]
    staff_user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    offer = JobOfferFactory(title="Data engineer")
    writer = login(client, staff_user)
    data = change_page_data(writer, change_url(offer))
    writer.post(change_url(offer), {**data, "title": "Data engineer senior"})
    offer.refresh_from_db()
    assert offer.title == "Data engineer" and offer.status == JobOffer.Status.PUBLISHED
    decide(login(Client(), moderator), pending_of(offer).get(), "approve")
    offer.refresh_from_db()
    assert offer.title == "Data engineer senior"


# "Relu le": publishing is reviewing.


def test_publishing_a_career_records_todays_review_date(chief_editor_client):
    by_action, by_form = CareerFactory(status=Career.Status.REVIEW), CareerFactory(draft=True)
    chief_editor_client.post(
        reverse("admin:careers_career_changelist"),
        {"action": "publish_selected", "_selected_action": [str(by_action.pk)]},
    )
    data = change_page_data(chief_editor_client, change_url(by_form))
    chief_editor_client.post(change_url(by_form), {**data, "status": "published"})
    for career in (by_action, by_form):
        career.refresh_from_db()
        assert career.status == Career.Status.PUBLISHED
        assert career.reviewed_on == timezone.localdate()
    sections = chief_editor_client.get(reverse("admin:review")).context["sections"]
    never_reviewed = next(section for section in sections if section["queue"].key == "careers")
    assert not {by_action, by_form} & set(never_reviewed["rows"]), "not listed as never reviewed"


def test_publishing_from_a_queryset_records_the_review_date_too():
    career = CareerFactory(draft=True)
    assert Career.objects.filter(pk=career.pk).publish() == 1
    career.refresh_from_db()
    assert career.reviewed_on == timezone.localdate()


def test_saving_an_already_published_career_keeps_its_review_date(chief_editor_client):
    career = CareerFactory(reviewed_on=timezone.localdate().replace(year=2024))
    data = change_page_data(chief_editor_client, change_url(career))
    chief_editor_client.post(change_url(career), {**data, "summary": "Résumé revu."})
    career.refresh_from_db()
    assert career.reviewed_on.year == 2024


def test_programmes_have_no_review_date_and_publish_as_before(chief_editor_client):
    programme = ProgrammeFactory(draft=True)
    chief_editor_client.post(
        reverse("admin:training_programme_changelist"),
        {"action": "publish_selected", "_selected_action": [str(programme.pk)]},
    )
    programme.refresh_from_db()
    assert programme.status == Programme.Status.PUBLISHED


def test_removing_a_row_a_publisher_changed_since_is_a_conflict(client, staff_user, chief_editor, career):
    staff_user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="careers").exclude(codename__startswith="publish_")
    )
    remover = login(client, staff_user)
    data = change_page_data(remover, change_url(career))
    remover.post(change_url(career), {**data, "pay_figures-0-DELETE": "on"})
    figure = career.pay_figures.get()
    PayFigure.objects.filter(pk=figure.pk).update(note="Corrigé par la cheffe d’édition")
    chief = login(Client(), chief_editor)
    assert "changé en ligne depuis la proposition" in chief.get(revision_url(pending_of(career).get())).text
    decide(chief, pending_of(career).get(), "approve")
    assert career.pay_figures.get().note == "Corrigé par la cheffe d’édition"


def test_a_proposal_made_invalid_since_is_refused_with_the_reason(editor_client, chief_editor):
    """The editor adds a low bound; meanwhile a publisher lowers the high one under it: the pair is invalid."""
    career = CareerFactory()
    figure = PayFigureFactory(career=career, amount_low=None, amount_high=50000)
    data = change_page_data(editor_client, change_url(career))
    editor_client.post(change_url(career), {**data, "pay_figures-0-amount_low": "45000"})
    PayFigure.objects.filter(pk=figure.pk).update(amount_high=42000)
    response = decide(login(Client(), chief_editor), pending_of(career).get(), "approve")
    assert "Le montant bas ne peut pas dépasser le montant haut." in response.text
    figure.refresh_from_db()
    assert (figure.amount_low, figure.amount_high) == (None, 42000)
    assert pending_of(career).get().is_pending
