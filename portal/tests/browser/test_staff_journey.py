"""A staff member's journey through the admin to the public board, with JavaScript.

It needs JavaScript (the admin's employer field is an autocomplete widget) and
writes, so it runs over a live server of its own (``writing_server``), on its own
data, in a database emptied after it.
"""

import re

from django.urls import reverse

from jobs.models import JobOffer
from portal.tests.browser.pages import job_board


def test_staff_member_creates_and_publishes_an_offer_then_finds_it_on_the_board(
    writing_server, pages, django_user_model
):
    job_board()
    password = "mot-de-passe-de-test"
    django_user_model.objects.create_superuser("equipe", "equipe@example.org", password)
    page = pages["desktop"]
    page.goto(writing_server.url + reverse("admin:login"))
    page.get_by_label("Nom d’utilisateur").fill("equipe")
    page.get_by_label("Mot de passe").fill(password)
    with page.expect_navigation():
        page.get_by_label("Mot de passe").press("Enter")
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
    password = "mot-de-passe-de-test"
    django_user_model.objects.create_superuser("equipe", "equipe@example.org", password)
    page = pages["desktop"]
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(writing_server.url + reverse("admin:login"))
    page.get_by_label("Nom d’utilisateur").fill("equipe")
    page.get_by_label("Mot de passe").fill(password)
    with page.expect_navigation():
        page.get_by_label("Mot de passe").press("Enter")

    page.goto(writing_server.url + reverse("admin:training_programme_export"))
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]')
    assert fields.count() > 2
    toggle = page.get_by_role("checkbox", name="Tout sélectionner")
    toggle.uncheck()
    assert [box.is_checked() for box in fields.all()] == [False] * fields.count()
    toggle.check()
    assert [box.is_checked() for box in fields.all()] == [True] * fields.count()
    assert not [text for text in messages if "Content Security Policy" in text]
