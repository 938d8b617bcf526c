"""One France Travail offer onto ours: what is carried over, what is left empty rather than guessed."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from core.markdown import render_markdown
from jobs.importers.francetravail import BACKOFF, Refused, map_record, retry_after, yearly_pay
from jobs.importers.places import city_and_region
from jobs.models import JobOffer
from jobs.tests.francetravail_fake import offer_record


@pytest.mark.parametrize(
    ("label", "pay"),
    [
        ("Annuel de 45000,00 Euros à 55000,00 Euros sur 12 mois", (45000, 55000)),
        ("Annuel de 40000.0 Euros", (40000, 40000)),
        ("Annuel de 48000.0 Euros à 50000.0 Euros", (48000, 50000)),
        ("Mensuel de 1600,00 Euros à 1800,00 Euros", (None, None)),  # monthly: never converted
        ("Horaire de 11.65 Euros", (None, None)),
        ("Annuel de 45 Euros à 55 Euros", (None, None)),  # thousands? not said
        ("Annuel de 60000 Euros à 50000 Euros", (None, None)),
        ("A partir de 28 k€ brut annuel", (None, None)),
        ("", (None, None)),
    ],
)
def test_a_yearly_amount_is_read_only_when_the_label_states_it(label, pay):
    assert yearly_pay(label) == pay


def test_the_salary_label_is_kept_as_text_even_without_amounts():
    fields = map_record(offer_record(1, salaire={"commentaire": "A partir de 28 k€ brut annuel"})).fields
    assert fields["salary_label"] == "A partir de 28 k€ brut annuel"
    assert fields["salary_low"] is None and fields["salary_high"] is None


@pytest.mark.parametrize(
    ("overrides", "contract"),
    [
        ({"typeContrat": "CDI"}, JobOffer.Contract.CDI),
        ({"typeContrat": "CDD"}, JobOffer.Contract.CDD),
        ({"typeContrat": "MIS"}, JobOffer.Contract.INTERIM),
        ({"typeContrat": "CDD", "natureContrat": "Contrat apprentissage"}, JobOffer.Contract.ALTERNANCE),
        ({"typeContrat": "CDD", "natureContrat": "Cont. professionnalisation"}, JobOffer.Contract.ALTERNANCE),
        ({"typeContrat": "CDI", "alternance": True}, JobOffer.Contract.ALTERNANCE),
    ],
)
def test_contracts(overrides, contract):
    assert map_record(offer_record(1, **overrides)).fields["contract"] == contract


def test_an_unknown_contract_type_is_refused():
    with pytest.raises(Refused, match="FRA"):
        map_record(offer_record(1, typeContrat="FRA"))


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (("51 - REIMS", "51100", "51454"), ("Reims", "44")),
        (("69 - LYON 03", "69003", "69383"), ("Lyon 03", "84")),
        (("2A - AJACCIO", "20000", "2A004"), ("Ajaccio", "94")),
        (("974 - ST DENIS", "97400", "97411"), ("St Denis", "04")),
        (("49 - Maine et Loire", "", ""), ("", "52")),  # a département alone: no city
        (("13 - AIX EN PROVENCE", "13090", ""), ("Aix en Provence", "93")),
        (("France", "", ""), ("", "")),
    ],
)
def test_the_place_gives_our_city_and_region(place, expected):
    assert city_and_region(*place) == expected


def test_place_fields_are_kept_with_their_coordinates():
    fields = map_record(offer_record(0)).fields
    assert (fields["location_label"], fields["postcode"], fields["insee_code"]) == ("69 - LYON 03", "69003", "69383")
    assert (fields["latitude"], fields["longitude"]) == (45.7597, 4.8422)


def test_the_apply_link_is_the_origin_else_the_france_travail_page():
    assert map_record(offer_record(1)).fields["apply_url"].endswith("/detail/190001X")
    partner = offer_record(1, origineOffre={"origine": "2", "urlOrigine": "https://emplois.example.org/o/42"})
    assert map_record(partner).fields["apply_url"] == "https://emplois.example.org/o/42"
    fields = map_record(offer_record(1, origineOffre={"urlOrigine": "javascript:alert(1)"})).fields
    assert fields["apply_url"] == "https://candidat.francetravail.fr/offres/recherche/detail/190001X"
    assert fields["source_url"] == "https://candidat.francetravail.fr/offres/recherche/detail/190001X"


def test_the_description_stays_plain_text():
    text = "# Pas un titre\n- pas une liste\n<script>alert(1)</script> *pas en gras* 3 < 5\nligne 2"
    html = str(render_markdown(map_record(offer_record(1, description=text)).fields["description"]))
    assert "<h1" not in html and "<li>" not in html and "<script" not in html and "<em>" not in html
    assert "# Pas un titre" in html and "- pas une liste" in html and "*pas en gras*" in html
    assert "3 &lt; 5" in html and "<br" in html


@pytest.mark.parametrize(
    ("code", "label", "experience"),
    [
        ("D", "Débutant accepté", JobOffer.Experience.JUNIOR),
        ("E", "Expérience exigée de 6 Mois", JobOffer.Experience.JUNIOR),
        ("E", "3 An(s)", JobOffer.Experience.CONFIRMED),
        ("E", "Expérience exigée de 7 An(s)", JobOffer.Experience.SENIOR),
    ],
)
def test_experience(code, label, experience):
    fields = map_record(offer_record(1, experienceExige=code, experienceLibelle=label)).fields
    assert fields["experience"] == experience and fields["experience_label"] == label


def test_retry_after_is_read_in_seconds_or_as_a_date():
    assert retry_after("12", 1) == 12.0
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= retry_after(soon, 1) <= 30
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1) == 0.0  # already past
    assert retry_after("Wed, 21 Oct 2015 07:28:00 -0000", 1) == 0.0  # no zone given: read as UTC, not a crash
    assert retry_after(None, 3) == BACKOFF * 4 and retry_after("bientôt", 1) == BACKOFF
