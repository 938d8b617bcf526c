"""Staff journeys through the admin, with JavaScript: an offer to the public board, programmes round a file.

They need JavaScript (the admin's employer field is an autocomplete widget) and
write, so each runs over a live server of its own (``writing_server``), on its own
data, in a database emptied after it.
"""

import csv
import io
import re

from django.urls import reverse

from jobs.models import JobOffer
from portal.tests.browser.pages import first_bootcamp, job_board, training_catalogue
from training.models import Programme

PASSWORD = "mot-de-passe-de-test"


def log_in(page, server, username):
    page.goto(server.url + reverse("admin:login"))
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_label("Mot de passe").press("Enter")


def test_staff_member_creates_and_publishes_an_offer_then_finds_it_on_the_board(
    writing_server, pages, django_user_model
):
    job_board()
    django_user_model.objects.create_superuser("equipe", "equipe@example.org", PASSWORD)
    page = pages["desktop"]
    log_in(page, writing_server, "equipe")
    assert page.url == writing_server.url + reverse("admin:index")

    page.goto(writing_server.url + reverse("admin:jobs_joboffer_add"))
    page.get_by_label("Intitulé du poste").fill("Ingénieure IA créée dans l’admin")
    # The slug is left to the admin, which derives it from the title as it is typed.
    # The employer is an autocomplete widget: open it beside its <select>, search, pick.
    employer = page.get_by_label("Employeur")
    employer.locator("xpath=following-sibling::span[contains(@class, 'select2')]").click()
    page.keyboard.type("Eiffage")
    page.get_by_role("option", name="Groupe Eiffage").click()
    page.get_by_label("Description").fill("Mettre des modèles en production.")
    page.get_by_label("Adresse pour postuler").fill("https://emploi.example.org/postuler")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Enregistrer$")).click()
    assert page.locator(".messagelist .success").count() == 1, page.locator(".errornote, .errorlist").all_inner_texts()

    created = JobOffer.objects.get(title="Ingénieure IA créée dans l’admin")
    assert created.slug.startswith("ingenieure-ia-creee")
    assert created.status == JobOffer.Status.DRAFT
    page.get_by_role("checkbox", name=re.compile("Ingénieure IA créée dans l’admin")).check()
    page.get_by_role("combobox", name="Action").select_option(label="Publier la sélection")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer").click()
    created.refresh_from_db()
    assert created.status == JobOffer.Status.PUBLISHED

    page.goto(writing_server.url + reverse("jobs:offer_list"))
    assert page.locator(".offer-list h3 a").first.inner_text() == created.title


def test_the_export_pages_select_all_box_works_under_the_csp(writing_server, pages, django_user_model):
    django_user_model.objects.create_superuser("equipe", "equipe@example.org", PASSWORD)
    page = pages["desktop"]
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    log_in(page, writing_server, "equipe")

    page.goto(writing_server.url + reverse("admin:training_programme_export"))
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]')
    assert fields.count() > 2
    toggle = page.get_by_role("checkbox", name="Tout sélectionner")
    toggle.uncheck()
    assert [box.is_checked() for box in fields.all()] == [False] * fields.count()
    toggle.check()
    assert [box.is_checked() for box in fields.all()] == [True] * fields.count()
    assert not [text for text in messages if "Content Security Policy" in text]


def test_staff_member_exports_programmes_edits_the_file_and_imports_it_back(
    writing_server, pages, django_user_model, tmp_path
):
    training_catalogue()
    programme = first_bootcamp()
    untouched = {row.pk: (row.title, row.price, row.format, row.status) for row in Programme.objects.all()}
    django_user_model.objects.create_superuser("equipe", "equipe@example.org", PASSWORD)
    page = pages["desktop"]
    log_in(page, writing_server, "equipe")

    page.goto(writing_server.url + reverse("admin:training_programme_export"))
    page.get_by_label("Format :", exact=True).select_option(label="csv")
    with page.expect_download() as download:
        page.get_by_role("button", name="Envoyer").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    header = rows[0]
    assert {"Identifiant d’URL", "Prix total (€)", "Format"} <= set(header), header
    assert len(rows) == 1 + len(untouched)

    # Edited as a person would, in the admin's words: a price with a space, a format by its label.
    line = next(row for row in rows if row[header.index("Identifiant d’URL")] == programme.slug)
    line[header.index("Prix total (€)")] = "4 800"
    line[header.index("Format")] = "À distance"
    edited = tmp_path / "formations.csv"
    with edited.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)

    page.goto(writing_server.url + reverse("admin:training_programme_import"))
    page.get_by_label("Fichier à importer").set_input_files(edited)
    page.get_by_label("Format :", exact=True).select_option(label="csv")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer").click()
    assert page.locator(".import-problems, .errorlist").count() == 0, page.locator("#content").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Confirmer l’import").click()
    assert page.locator(".messagelist .success").count() == 1, page.locator("#content").inner_text()

    programme.refresh_from_db()
    assert (programme.price, programme.format) == (4_800, Programme.Format.ONLINE)
    for row in Programme.objects.exclude(pk=programme.pk):
        assert (row.title, row.price, row.format, row.status) == untouched[row.pk], row.slug
