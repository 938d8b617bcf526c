"""What a list says when it has nothing to show: written for visitors, with what to try next.

Staff instructions show to staff who can act on them, never to the public.
"""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from careers.tests.factories import CareerFactory, PayFigureFactory, SectorFactory
from jobs.models import JobOffer
from jobs.tests.factories import JobOfferFactory
from training.tests.factories import PathFactory

pytestmark = pytest.mark.django_db
OFFERS = reverse("jobs:offer_list")
CAREERS = reverse("careers:list")
ADD_OFFER = reverse("admin:jobs_joboffer_add")


def test_empty_offer_board_tells_visitors_what_to_try_and_where_to_be_told_of_new_offers(client):
    JobOfferFactory(expired=True)
    text = client.get(OFFERS).text
    assert "Aucune offre n’est ouverte pour le moment" in text
    assert f'<a href="{reverse("jobs:feed_rss")}">flux RSS</a>' in text
    assert f'<a href="{reverse("jobs:feed_atom")}">flux Atom</a>' in text
    assert f'<a href="{CAREERS}">Découvrez les métiers de l’IA et leurs salaires</a>' in text
    assert f'<a href="{reverse("training:programme_list")}">Trouvez une formation qui y mène</a>' in text
    for staff_words in ["administration", "Publier la sélection", "brouillon", ADD_OFFER, "Pour l’équipe"]:
        assert staff_words not in text


def test_empty_offer_board_shows_staff_who_may_add_offers_where_to_add_them(client, moderator):
    client.force_login(moderator)
    text = client.get(OFFERS).text
    assert f'Pour l’équipe : <a href="{ADD_OFFER}">ajouter une offre</a> dans l’administration' in text


def test_the_staff_hint_never_reaches_visitors_through_the_page_cache(client, moderator, settings):
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    settings.CACHES = {"default": {"BACKEND": locmem, "LOCATION": uuid.uuid4().hex}}
    settings.PAGE_CACHE_SECONDS = 60
    staff = Client()
    staff.force_login(moderator)
    assert ADD_OFFER in staff.get(OFFERS).text
    assert ADD_OFFER not in client.get(OFFERS).text
    assert ADD_OFFER not in client.get(OFFERS).text  # now from the cache
    assert ADD_OFFER in staff.get(OFFERS).text


def test_empty_offer_board_gives_no_staff_hint_to_staff_who_cannot_add_offers(staff_client):
    text = staff_client.get(OFFERS).text
    assert "Aucune offre n’est ouverte pour le moment" in text
    assert ADD_OFFER not in text


def test_offers_matching_nothing_offer_to_drop_each_filter_and_to_follow_the_search(client, communes):
    JobOfferFactory(contract=JobOffer.Contract.CDI, city="Lyon")
    response = client.get(OFFERS, {"contrat": "stage", "ville": "Lyon", "tri": "recent", "page": "2"})
    text = response.text
    assert "Aucune offre ouverte ne correspond à ces filtres" in text
    assert "Aucune offre n’est ouverte pour le moment" not in text
    # Each link keeps the other filters and the sort, and goes back to the first page.
    assert '<a href="?ville=Lyon&amp;tri=recent">Sans « Contrat »</a>' in text
    assert '<a href="?contrat=stage&amp;tri=recent">Sans « Ville ou code postal »</a>' in text
    assert f'<a href="{OFFERS}">Voir toutes les offres ouvertes</a>' in text
    assert f'href="{reverse("jobs:feed_rss")}?contrat=stage&amp;ville=Lyon"' in text
    assert "administration" not in text


def test_careers_matching_nothing_offer_to_drop_the_filter(client):
    PayFigureFactory(career=CareerFactory(), amount_low=30_000, amount_high=40_000)
    SectorFactory(slug="sante", name="Santé")
    text = client.get(CAREERS, {"secteur": "sante", "tri": "nom"}).text
    assert "Aucun métier ne correspond à ces filtres" in text
    assert '<a href="?tri=nom">Sans « Secteur »</a>' in text
    assert "Aucune fiche métier n’est encore publiée" not in text


def test_no_published_career_is_not_called_a_filter_mismatch(client):
    CareerFactory(draft=True)
    text = client.get(CAREERS).text
    assert "Aucune fiche métier n’est encore publiée" in text
    assert "ne correspond à ces filtres" not in text
    for url in [reverse("training:programme_list"), OFFERS, reverse("orientation:finder")]:
        assert f'href="{url}"' in text
    assert "administration" not in text


def test_a_refused_filter_alone_is_not_an_active_one(client):
    CareerFactory(draft=True)
    response = client.get(CAREERS, {"salaire_min": "beaucoup"})
    assert response.context["active_filters"] == []
    assert "Aucune fiche métier n’est encore publiée" in response.text


def test_no_published_path_says_where_to_go_instead(client):
    PathFactory(draft=True)
    text = client.get(reverse("training:path_list")).text
    assert "Aucun parcours n’est encore publié" in text
    assert f'href="{CAREERS}"' in text and f'href="{reverse("training:programme_list")}"' in text


def test_a_search_finding_nothing_says_what_to_try(client):
    CareerFactory(title="Chef de projet IA")
    text = client.get(reverse("search"), {"q": "xylophone"}).text
    assert "0 résultats pour « xylophone »" in text
    assert "Vérifiez l’orthographe, essayez un mot plus court" in text
    assert "Vérifiez l’orthographe" not in client.get(reverse("search"), {"q": "chef"}).text


def test_filters_fold_on_phones_and_say_how_many_apply(client):
    SectorFactory(slug="sante", name="Santé")
    text = client.get(CAREERS, {"secteur": "sante", "salaire_min": "30000"}).text
    assert '<details class="filter-panel">' in text
    assert '<summary>Filtrer les métiers <span class="filter-count">(2 filtres actifs)</span></summary>' in text
    assert "<summary>Filtrer les métiers</summary>" in client.get(CAREERS, {"tri": "nom"}).text


def test_filters_show_unfolded_when_a_value_was_refused(client):
    text = client.get(CAREERS, {"salaire_min": "beaucoup"}).text
    assert '<details class="filter-panel" open>' in text
    assert "Certains filtres n’ont pas été appliqués" in text


@pytest.mark.parametrize("url", [CAREERS, OFFERS, "/formations/"])
def test_a_list_search_that_finds_nothing_offers_a_close_spelling(client, url):
    CareerFactory(title="Chef de projet IA")
    # The other filters stay, the page goes.
    text = client.get(url, {"q": "cheff de projet", "tri": "recent", "page": "2"}).text
    assert '« <a href="?q=chef+de+projet&amp;tri=recent">chef de projet</a> » ?' in text


def test_a_list_search_that_finds_something_suggests_nothing(client):
    CareerFactory(title="Chef de projet IA")
    text = client.get(CAREERS, {"q": "chef de projet"}).text
    assert "Chef de projet IA" in text
    assert "Vouliez-vous dire" not in text
