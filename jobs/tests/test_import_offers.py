"""``manage.py import_offers francetravail`` against a local fake of the API (jobs/tests/francetravail_fake.py)."""

import http.client
import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from careers.tests.factories import CareerFactory
from core.models import DataSource, ImportRun
from jobs.importers import francetravail
from jobs.models import Employer, JobOffer
from jobs.tests.factories import EmployerFactory, JobOfferFactory
from jobs.tests.francetravail_fake import CLIENT_ID, CLIENT_SECRET, FakeFranceTravail, offer_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def waits(monkeypatch):
    """The pauses the client asked for, instead of sleeping them."""
    asked = []
    monkeypatch.setattr(francetravail, "pause", asked.append)
    return asked


@pytest.fixture
def fake(settings, waits):
    with FakeFranceTravail() as server:
        settings.FRANCE_TRAVAIL_CLIENT_ID = CLIENT_ID
        settings.FRANCE_TRAVAIL_CLIENT_SECRET = CLIENT_SECRET
        settings.FRANCE_TRAVAIL_TOKEN_URL = server.token_url
        settings.FRANCE_TRAVAIL_API_URL = server.api_url
        yield server


@pytest.fixture
def career():
    return CareerFactory(title="Data scientist", rome_codes="M1405", search_keywords="data scientist")


@pytest.fixture
def publish_at_once():
    source, _ = DataSource.objects.get_or_create(
        key=francetravail.SOURCE_KEY, defaults={**francetravail.SOURCE_DEFAULTS, "publish_at_once": True}
    )
    return source


def run_import(*args) -> str:
    out = io.StringIO()
    call_command("import_offers", "francetravail", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def latest_run() -> ImportRun:
    return ImportRun.objects.latest("started_at", "pk")


def imported(external_id) -> JobOffer:
    return JobOffer.objects.get(external_id=external_id)


def test_without_credentials_it_says_so_and_changes_nothing(settings, career):
    settings.FRANCE_TRAVAIL_CLIENT_ID = ""
    settings.FRANCE_TRAVAIL_CLIENT_SECRET = ""
    with pytest.raises(CommandError, match="FRANCE_TRAVAIL_CLIENT_ID"):
        run_import()
    assert not DataSource.objects.exists() and not ImportRun.objects.exists() and not JobOffer.objects.exists()


def test_a_first_run_imports_each_offer_with_its_provenance(fake, career, publish_at_once):
    fake.offers = [offer_record(n) for n in range(3)]
    output = run_import()
    assert "3 créée(s)" in output
    assert "Recherche 1 / 1 : Data scientist : « data scientist » (M1405)" in output  # progress as it goes
    offer = imported("190001X")
    assert offer.data_source == publish_at_once and offer.source == JobOffer.Source.FRANCE_TRAVAIL
    assert offer.is_published and offer.read_at is not None and offer.career == career
    assert offer.title == "Data scientist H/F n° 1" and offer.city == "Paris 11" and offer.region == "11"
    assert (offer.postcode, offer.insee_code) == ("75011", "75111")
    assert offer.salary_low == 45000 and offer.salary_high == 55000
    assert offer.published_at == offer.source_created_at
    assert offer.employer.name == "Société d’essai 1"
    run = latest_run()
    assert (run.status, run.created, run.refused) == (ImportRun.Status.COMPLETE, 3, 0)
    # The token was asked for with the client credentials, and each search carried the career's codes.
    assert fake.searches[0]["codeROME"] == "M1405" and fake.searches[0]["motsCles"] == "data scientist"
    assert fake.searches[0]["range"] == "0-149"


def test_offers_wait_in_review_unless_the_source_publishes_at_once(fake, career):
    fake.offers = [offer_record(1)]
    run_import()
    offer = imported("190001X")
    assert offer.status == JobOffer.Status.REVIEW and offer.published_at is None
    assert not JobOffer.objects.open().exists()


def test_two_runs_give_one_set_of_offers(fake, career, publish_at_once):
    fake.offers = [offer_record(n) for n in range(5)]
    run_import()
    first = {o.external_id: (o.pk, o.slug, o.updated_at) for o in JobOffer.objects.all()}
    history = JobOffer.history.count()
    output = run_import()
    assert "0 créée(s), 0 mise(s) à jour, 5 inchangée(s)" in output
    assert {o.external_id: (o.pk, o.slug, o.updated_at) for o in JobOffer.objects.all()} == first
    assert JobOffer.history.count() == history  # reading again writes no version
    assert Employer.objects.count() == 5


def test_paging_goes_past_1150_results_by_splitting_the_search(fake, career, publish_at_once):
    # 1 300 offers match: past the API's 1 150, so the search is split by département.
    fake.offers = [offer_record(n) for n in range(1300)]
    run_import()
    assert JobOffer.objects.filter(data_source=publish_at_once).count() == 1300
    ranges = [q["range"] for q in fake.searches if q.get("departement") == "69"]
    assert ranges == ["0-149", "150-299"]  # 163 offers in Lyon: two pages
    assert all(int(q["range"].split("-")[1]) <= 1149 for q in fake.searches)
    assert latest_run().status == ImportRun.Status.COMPLETE


def test_a_departement_over_the_cap_is_split_by_creation_window(fake, career, publish_at_once):
    lyon = {"libelle": "69 - LYON 03", "codePostal": "69003", "commune": "69383"}
    fake.offers = [offer_record(n, lieuTravail=lyon) for n in range(1200)]
    run_import()
    assert JobOffer.objects.count() == 1200
    windows = [q for q in fake.searches if "minCreationDate" in q]
    assert windows and all(q["departement"] == "69" for q in windows)
    assert latest_run().status == ImportRun.Status.COMPLETE


def test_a_slice_still_over_the_cap_is_logged_and_the_run_closes_nothing(fake, career, publish_at_once, caplog):
    stale = JobOfferFactory(data_source=publish_at_once, external_id="ANCIENNE", source=JobOffer.Source.FRANCE_TRAVAIL)
    lyon = {"libelle": "69 - LYON 03", "codePostal": "69003", "commune": "69383"}
    same_minute = "2026-11-20T10:00:00.000Z"
    fake.offers = [offer_record(n, lieuTravail=lyon, dateCreation=same_minute) for n in range(1200)]
    run_import()
    assert "import sera partiel" in caplog.text
    run = latest_run()
    assert run.status == ImportRun.Status.PARTIAL and run.closed == 0
    assert JobOffer.objects.count() == 1150 + 1
    stale.refresh_from_db()
    assert stale.is_published


def test_a_complete_run_closes_what_it_no_longer_finds_and_its_page_answers_410(fake, career, publish_at_once, client):
    fake.offers = [offer_record(n) for n in range(3)]
    run_import()
    gone = imported("190002X")
    fake.offers = fake.offers[:2]
    output = run_import()
    assert "1 fermée(s)" in output
    gone.refresh_from_db()
    assert gone.status == JobOffer.Status.ARCHIVED and gone.closed_at_source is not None
    assert client.get(gone.get_absolute_url()).status_code == 410
    assert client.get(reverse("api:offer-detail", args=[gone.slug])).status_code == 410
    assert latest_run().closed == 1


def test_an_offer_that_comes_back_reopens(fake, career, publish_at_once, client):
    fake.offers = [offer_record(n) for n in range(2)]
    run_import()
    fake.offers = fake.offers[:1]
    run_import()
    fake.offers = [offer_record(n) for n in range(2)]
    output = run_import()
    assert "1 rouverte(s)" in output
    back = imported("190001X")
    assert back.is_published and back.closed_at_source is None
    assert client.get(back.get_absolute_url()).status_code == 200
    assert latest_run().reopened == 1


def test_a_429_is_retried_after_its_retry_after(fake, career, publish_at_once, waits):
    fake.offers = [offer_record(1)]
    fake.script = [(429, {"Retry-After": "7"}, b""), (500, {}, b"")]
    run_import()
    assert waits == [7.0, 4.0]  # Retry-After, then the backoff's second step
    assert JobOffer.objects.count() == 1 and latest_run().status == ImportRun.Status.COMPLETE


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ((500, {}, b"panne"), "réponse 500, après 5 essais"),
        ((200, {"Content-Type": "application/json"}, b"<html>maintenance</html>"), "pas du JSON"),
        ((200, {"Content-Type": "application/json"}, b'{"offres": []}'), "sans liste « resultats »"),
        ((400, {}, b'{"codeHttp":400,"message":"Le code ROME est invalide."}'), "réponse 400"),
    ],
)
def test_a_failing_source_writes_nothing(fake, career, publish_at_once, answer, reason):
    fake.offers = [offer_record(n) for n in range(300)]
    kept = JobOfferFactory(data_source=publish_at_once, external_id="ANCIENNE", source=JobOffer.Source.FRANCE_TRAVAIL)
    # The first page goes through; the second fails (for 500, on every attempt).
    fake.script = [fake.search({"codeROME": "M1405", "motsCles": "data scientist", "range": "0-149"})]
    fake.script += [answer] * (francetravail.MAX_ATTEMPTS if answer[0] == 500 else 1)
    with pytest.raises(CommandError, match="Rien n’a été écrit"):
        run_import()
    assert list(JobOffer.objects.all()) == [kept]
    kept.refresh_from_db()
    assert kept.is_published
    run = latest_run()
    assert run.status == ImportRun.Status.FAILED and reason in run.message


def test_a_429_asking_too_long_a_wait_fails_the_run(fake, career, publish_at_once):
    fake.script = [(429, {"Retry-After": "3600"}, b"")]
    with pytest.raises(CommandError, match="429"):
        run_import()
    assert latest_run().status == ImportRun.Status.FAILED and not JobOffer.objects.exists()


def test_the_network_down_fails_the_run_after_bounded_retries(settings, career, waits):
    settings.FRANCE_TRAVAIL_CLIENT_ID, settings.FRANCE_TRAVAIL_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    with FakeFranceTravail() as server:
        settings.FRANCE_TRAVAIL_TOKEN_URL = server.token_url
        settings.FRANCE_TRAVAIL_API_URL = server.api_url
    # The fake has stopped: every connection is refused.
    with pytest.raises(CommandError, match="réseau"):
        run_import()
    assert waits == [2.0, 4.0, 8.0, 16.0]
    assert latest_run().status == ImportRun.Status.FAILED


def test_a_bad_record_is_refused_with_its_id_and_reason_and_the_rest_imported(fake, career, publish_at_once):
    fake.offers = [
        offer_record(1),
        offer_record(2, dateCreation="hier"),
        offer_record(3, entreprise={}),
        offer_record(4, typeContrat="FRA"),
        offer_record(5, intitule="Data scientist " + "x" * 300),
    ]
    err = io.StringIO()
    call_command("import_offers", "francetravail", stdout=io.StringIO(), stderr=err)
    assert list(JobOffer.objects.values_list("external_id", flat=True)) == ["190001X"]
    run = latest_run()
    assert run.refused == 4 and run.status == ImportRun.Status.COMPLETE
    reasons = {error["ref"]: error["reason"] for error in run.errors}
    assert "dateCreation illisible" in reasons["190002X"]
    assert "employeur non communiqué" in reasons["190003X"]
    assert "FRA" in reasons["190004X"]
    assert "160 caractères" in reasons["190005X"]
    assert "190002X" in err.getvalue()
    assert ImportRun.objects.needing_attention().get() == run


def test_an_offer_staff_edited_is_not_overwritten(fake, career, publish_at_once, admin_client):
    fake.offers = [offer_record(1)]
    run_import()
    offer = imported("190001X")
    offer.title = "Data scientist confirmé (titre revu par l’équipe)"
    offer.save()
    fake.offers = [
        offer_record(1, intitule="Data scientist — nouvel intitulé", dateActualisation="2026-11-30T08:00:00.000Z")
    ]
    output = run_import()
    offer.refresh_from_db()
    assert offer.title == "Data scientist confirmé (titre revu par l’équipe)"
    assert "laissée(s) telle(s)" in output
    run_import()  # and the run after that
    offer.refresh_from_db()
    assert offer.title == "Data scientist confirmé (titre revu par l’équipe)"


def test_an_offer_staff_withdrew_is_not_reopened(fake, career, publish_at_once):
    fake.offers = [offer_record(1), offer_record(2)]
    run_import()
    JobOffer.objects.filter(external_id="190001X").archive()
    JobOffer.objects.filter(external_id="190002X").unpublish()
    run_import()
    assert imported("190001X").status == JobOffer.Status.ARCHIVED
    assert imported("190002X").status == JobOffer.Status.DRAFT


def test_the_same_offer_relayed_twice_appears_once(fake, career, publish_at_once):
    twin = offer_record(2, intitule="Data scientist H/F n° 1", lieuTravail=offer_record(1)["lieuTravail"])
    twin["entreprise"] = {"nom": "SOCIÉTÉ D’ESSAI 1"}
    fake.offers = [offer_record(1), twin]
    output = run_import()
    assert JobOffer.objects.count() == 1
    assert "1 doublon(s)" in output
    # Nor is an offer staff already put on the board repeated.
    JobOffer.objects.all().delete()
    employer = EmployerFactory(name="Société d’essai 1")
    JobOfferFactory(employer=employer, title="Data scientist H/F n° 1", city="Paris 11")
    run_import()
    assert not JobOffer.objects.filter(data_source__isnull=False).exists()


def test_an_employer_is_matched_by_name_or_created(fake, career, publish_at_once):
    known = EmployerFactory(name="SOCIÉTÉ D’ESSAI 1")
    fake.offers = [offer_record(1), offer_record(2)]
    run_import()
    assert imported("190001X").employer == known
    created = imported("190002X").employer
    assert created.name == "Société d’essai 2" and created.slug == "societe-dessai-2"


def test_a_dry_run_writes_nothing_but_says_what_would_change(fake, career, publish_at_once):
    fake.offers = [offer_record(n) for n in range(4)]
    output = run_import("--dry-run")
    assert "Simulation : 4 créée(s)" in output and "Rien n’a été écrit" in output
    assert not JobOffer.objects.exists() and not Employer.objects.exists()
    assert latest_run().dry_run


def test_a_saved_search_file_is_imported_and_closes_nothing(tmp_path, career, publish_at_once, settings):
    settings.FRANCE_TRAVAIL_CLIENT_ID = ""  # a file needs no credentials
    stale = JobOfferFactory(data_source=publish_at_once, external_id="ANCIENNE", source=JobOffer.Source.FRANCE_TRAVAIL)
    path = tmp_path / "recherche.json"
    path.write_text(json.dumps({"resultats": [offer_record(1), offer_record(2)], "filtresPossibles": []}))
    output = run_import("--file", str(path))
    assert "2 créée(s)" in output and "aucune offre fermée" in output
    stale.refresh_from_db()
    assert stale.is_published
    assert imported("190001X").career == career  # by its ROME code


def test_a_file_that_is_not_a_search_answer_is_refused_in_one_line(tmp_path, publish_at_once):
    path = tmp_path / "autre.json"
    path.write_text("[1, 2]")
    with pytest.raises(CommandError, match="pas de liste « resultats »"):
        run_import("--file", str(path))
    assert latest_run().status == ImportRun.Status.FAILED


def test_an_imported_offer_keeps_open_while_it_is_found(fake, career, publish_at_once):
    fake.offers = [offer_record(1)]
    run_import()
    JobOffer.objects.filter(external_id="190001X").update(expires_at=timezone.now() + timedelta(days=2))
    run_import()
    assert imported("190001X").expires_at > timezone.now() + timedelta(days=50)


def test_an_expired_offer_found_again_reopens(fake, career, publish_at_once):
    fake.offers = [offer_record(1)]
    run_import()
    JobOffer.objects.filter(external_id="190001X").update(
        published_at=timezone.now() - timedelta(days=70), expires_at=timezone.now() - timedelta(days=1)
    )
    call_command("expire_offers", stdout=io.StringIO())
    assert imported("190001X").status == JobOffer.Status.ARCHIVED
    run_import()
    assert JobOffer.objects.open().filter(external_id="190001X").exists()


def test_an_offer_changed_at_the_source_is_updated_and_its_history_kept(fake, career, publish_at_once):
    fake.offers = [offer_record(1)]
    run_import()
    offer = imported("190001X")
    fake.offers = [offer_record(1, intitule="Data scientist senior H/F", salaire={"libelle": "Mensuel de 4000 Euros"})]
    output = run_import()
    assert "1 mise(s) à jour" in output
    offer.refresh_from_db()
    assert offer.title == "Data scientist senior H/F" and offer.salary_label == "Mensuel de 4000 Euros"
    assert offer.salary_low is None and offer.salary_high is None
    assert [h.title for h in offer.history.order_by("history_date")] == ["Data scientist H/F n° 1", offer.title]
    run_import()  # what the import itself wrote is not mistaken for a staff edit
    offer.refresh_from_db()
    fake.offers = [offer_record(1, intitule="Data scientist principal H/F")]
    run_import()
    offer.refresh_from_db()
    assert offer.title == "Data scientist principal H/F"


def test_an_expired_token_is_renewed_once(fake, career, publish_at_once):
    fake.offers = [offer_record(1)]
    fake.script = [(401, {}, b"")]
    run_import()
    assert len(fake.tokens) == 2 and JobOffer.objects.count() == 1


def test_refused_credentials_fail_the_run_in_one_line(fake, career, settings):
    settings.FRANCE_TRAVAIL_CLIENT_SECRET = "pas-le-bon"
    with pytest.raises(CommandError, match="jeton : réponse 401"):
        run_import()
    assert latest_run().status == ImportRun.Status.FAILED and not JobOffer.objects.exists()


def test_a_search_answered_204_finds_nothing_and_a_complete_run_closes_the_rest(fake, career, publish_at_once):
    fake.offers = [offer_record(1)]
    run_import()
    fake.offers = []
    run_import()
    assert fake.searches[-1]["range"] == "0-149"
    assert imported("190001X").status == JobOffer.Status.ARCHIVED
    assert latest_run().closed == 1


def test_offers_named_alike_in_two_departements_without_a_commune_are_both_kept(fake, career, publish_at_once):
    same = {"intitule": "Data scientist H/F", "entreprise": {"nom": "Société d’essai"}}
    fake.offers = [
        offer_record(1, lieuTravail={"libelle": "49 - Maine et Loire"}, **same),
        offer_record(2, lieuTravail={"libelle": "44 - Loire Atlantique"}, **same),
    ]
    run_import()
    assert sorted(JobOffer.objects.values_list("location_label", "region")) == [
        ("44 - Loire Atlantique", "52"),
        ("49 - Maine et Loire", "52"),
    ]


def test_pages_that_run_out_before_their_count_make_a_partial_run(fake, career, publish_at_once):
    stale = JobOfferFactory(data_source=publish_at_once, external_id="ANCIENNE", source=JobOffer.Source.FRANCE_TRAVAIL)
    fake.offers = [offer_record(n) for n in range(300)]
    fake.script = [fake.search({"codeROME": "M1405", "motsCles": "data scientist", "range": "0-149"}), (204, {}, b"")]
    output = run_import()
    assert "pages incomplètes" in output
    run = latest_run()
    assert run.status == ImportRun.Status.PARTIAL and run.created == 150 and run.closed == 0
    stale.refresh_from_db()
    assert stale.is_published


def test_a_connection_cut_short_is_retried_then_fails_the_run(fake, career, publish_at_once, monkeypatch):
    calls = []

    def cut(*args, **kwargs):
        calls.append(1)
        raise http.client.IncompleteRead(b"{")

    monkeypatch.setattr(francetravail.urllib.request, "urlopen", cut)
    with pytest.raises(CommandError, match="réseau"):
        run_import()
    assert len(calls) == francetravail.MAX_ATTEMPTS
    assert latest_run().status == ImportRun.Status.FAILED and not JobOffer.objects.exists()


def test_after_a_429_the_calls_are_spaced(fake, career, publish_at_once, monkeypatch):
    spaced = []
    monkeypatch.setattr(francetravail, "pace", spaced.append)
    fake.offers = [offer_record(n) for n in range(300)]
    fake.script = [(429, {"Retry-After": "1"}, b"")]
    run_import()
    assert spaced and all(0 < wait <= francetravail.PACING[0] for wait in spaced)
    assert JobOffer.objects.count() == 300


def test_an_imported_offer_takes_the_commune_of_its_insee_code(fake, career, publish_at_once, communes):
    lyon_3 = {"libelle": "69 - LYON 03", "codePostal": "69003", "commune": "69383"}
    fake.offers = [offer_record(1, lieuTravail=lyon_3)]
    run_import()
    offer = imported("190001X")
    assert offer.commune == communes["69383"]
