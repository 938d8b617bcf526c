"""/offres/ and /api/v1/offers/ by place: ville, rayon, ou en télétravail complet."""

import pytest
from django.urls import reverse

from jobs.models import JobOffer
from jobs.tests.factories import JobOfferFactory, days_ago

URL = reverse("jobs:offer_list")
API = "/api/v1/offers/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(communes):
    """Offers around Lyon, one in Grenoble (about 95 km away), one in Paris and one remote."""
    place = {
        "lyon": ("Lyon", "69123"),
        "lyon3": ("Lyon 3e", "69383"),
        "villeurbanne": ("Villeurbanne", "69266"),
        "bron": ("Bron", "69029"),
        "grenoble": ("Grenoble", "38185"),
        "paris": ("Paris", "75056"),
    }
    made = {
        slug: JobOfferFactory(slug=slug, title=f"Offre {city}", city=city, region="84", commune=communes[code],
                              published_at=days_ago(index + 1))
        for index, (slug, (city, code)) in enumerate(place.items())
    }  # fmt: skip
    made["distance"] = JobOfferFactory(slug="distance", title="Offre à distance", remote=JobOffer.Remote.FULL)
    return made


def slugs(response):
    return [offer.slug for offer in response.context["offers"]]


def api_slugs(response):
    assert response.status_code == 200, response.json()
    return [row["slug"] for row in response.json()["results"]]


def test_a_commune_alone_finds_its_offers(client, offers):
    assert slugs(client.get(URL, {"ville": "Villeurbanne"})) == ["villeurbanne"]


def test_a_city_covers_its_arrondissements(client, offers):
    assert set(slugs(client.get(URL, {"ville": "Lyon"}))) == {"lyon", "lyon3"}
    assert slugs(client.get(URL, {"ville": "Lyon 3e"})) == ["lyon3"]


def test_a_postcode_names_its_commune(client, offers):
    assert slugs(client.get(URL, {"ville": "69100"})) == ["villeurbanne"]
    assert slugs(client.get(URL, {"ville": "69003"})) == ["lyon3"]


def test_villeurbanne_within_20_km_finds_lyon_nearest_first_with_the_distance_shown(client, offers):
    response = client.get(URL, {"ville": "Villeurbanne", "rayon": "20"})
    assert slugs(response) == ["villeurbanne", "lyon3", "lyon", "bron"]  # 0, 2.2, 3.1 and 4 km
    distances = [round(offer.distance, 1) for offer in response.context["offers"]]
    assert distances == sorted(distances) and distances[0] == 0
    text = response.content.decode()
    assert "à moins d’1 km" in text  # Villeurbanne itself
    assert "à 3 km" in text  # Lyon, 3.1 km away
    assert "GeoNames" in text and "Licence Ouverte" in text


def test_the_radius_is_a_circle_not_its_box(client, offers):
    assert "grenoble" not in slugs(client.get(URL, {"ville": "Lyon", "rayon": "50"}))
    assert "grenoble" in slugs(client.get(URL, {"ville": "Lyon", "rayon": "100"}))
    assert "paris" not in slugs(client.get(URL, {"ville": "Lyon", "rayon": "100"}))


def test_or_fully_remote_adds_remote_offers_last(client, offers):
    response = client.get(URL, {"ville": "Grenoble", "rayon": "10", "ou_a_distance": "oui"})
    assert slugs(response) == ["grenoble", "distance"]
    box = response.content.decode().split('name="ou_a_distance"')[1].split(">")[0]
    assert box.count('value="oui"') == 1 and "checked" in box
    unticked = client.get(URL, {"ville": "Grenoble"}).content.decode().split('name="ou_a_distance"')[1].split(">")[0]
    assert unticked.count('value="oui"') == 1 and "checked" not in unticked
    assert slugs(client.get(URL, {"ville": "Grenoble", "rayon": "10"})) == ["grenoble"]


def test_another_sort_stands_with_a_place(client, offers):
    response = client.get(URL, {"ville": "Villeurbanne", "rayon": "20", "tri": "date"})
    assert slugs(response) == ["lyon", "lyon3", "villeurbanne", "bron"]  # newest first
    assert response.context["offers"][0].distance == pytest.approx(3.09, abs=0.01)


def test_homonyms_take_the_most_populous_and_say_so(client, communes):
    JobOfferFactory(slug="reunion", city="Saint-Denis", region="04", commune=communes["97411"])
    JobOfferFactory(slug="seine", city="Saint-Denis", region="11", commune=communes["93066"])
    response = client.get(URL, {"ville": "Saint-Denis"})
    assert slugs(response) == ["reunion"]
    assert (
        "« Saint-Denis » désigne aussi une autre commune, Saint-Denis (93) : voici Saint-Denis (974), la plus "
        "peuplée. Pour l’autre, tapez « Saint-Denis (93) »."
    ) in response.content.decode()
    assert slugs(client.get(URL, {"ville": "Saint-Denis (93)"})) == ["seine"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"ville": "Atlantide"}, "ville", "Commune inconnue : « Atlantide »"),
        ({"rayon": "20"}, "rayon", "Choisissez une ville pour chercher dans un rayon."),
        ({"ville": "Lyon", "rayon": "15"}, "rayon", "Sélectionnez un choix valide"),
        ({"ville": "Lyon", "rayon": "-1"}, "rayon", "Sélectionnez un choix valide"),
        ({"ville": "L'Abergement-Clémenciat", "rayon": "10"}, "rayon", "n’est pas connue"),
        ({"ville": "Lyon", "ou_a_distance": "non"}, "ou_a_distance", "Sélectionnez un choix valide"),
        ({"ville": "x" * 121}, "ville", "au plus 120 caractères"),
    ],
)
def test_bad_place_input_is_a_form_error_and_a_json_400(client, offers, params, field, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert message in " ".join(response.context["filter"].form.errors[field])
    assert message in response.content.decode().replace("&#x27;", "'")
    answer = client.get(API, params)
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == [field]


def test_a_commune_without_position_is_found_without_radius(client, communes):
    JobOfferFactory(slug="village", city="L'Abergement-Clémenciat", commune=communes["01001"])
    response = client.get(URL, {"ville": "L'Abergement-Clémenciat"})
    assert slugs(response) == ["village"]
    assert "distance" not in vars(response.context["offers"][0]), "no position: no distance to show"


def test_the_api_filters_and_sorts_alike_and_gives_the_distance(client, offers):
    response = client.get(API, {"ville": "69100", "rayon": "20", "ou_a_distance": "oui"})
    assert api_slugs(response) == ["villeurbanne", "lyon3", "lyon", "bron", "distance"]
    rows = response.json()["results"]
    assert rows[0]["distance_km"] == 0
    assert rows[2]["distance_km"] == pytest.approx(3.1, abs=0.05)
    assert rows[4]["distance_km"] is None
    assert client.get(API).json()["results"][0]["distance_km"] is None


def test_the_facet_counts_follow_the_place(client, offers):
    response = client.get(URL, {"ville": "Lyon", "rayon": "10"})
    assert response.context["paginator"].count == 4
    assert "Télétravail complet (0)" in response.content.decode()


@pytest.mark.parametrize("count", [3, 40])
def test_query_count_with_a_radius_does_not_grow_with_offers(client, communes, django_assert_num_queries, count):
    for index in range(count):
        commune = communes["69266" if index % 2 else "69383"]
        JobOfferFactory(city=commune.name, commune=commune, published_at=days_ago(index % 30))
    # 2 for the commune named (Lyon) and its arrondissements, 1 for the published careers' names, 1 aggregate
    # counting every option and the results, the page's ids nearest first, then their offers with employer,
    # career and distance.
    with django_assert_num_queries(6):
        response = client.get(URL, {"ville": "Lyon", "rayon": "20", "ou_a_distance": "oui"})
    assert response.status_code == 200
    assert len(response.context["offers"]) == min(count, 20)
    # The counts are cached: the commune and the page remain.
    with django_assert_num_queries(4):
        assert client.get(URL, {"ville": "Lyon", "rayon": "20", "ou_a_distance": "oui"}).status_code == 200


def test_an_imported_offer_takes_its_commune_from_the_column_or_its_city(tmp_path, communes):
    import io

    from django.core.management import CommandError, call_command

    from core.tests.import_helpers import csv_file
    from jobs.tests.factories import EmployerFactory

    EmployerFactory(slug="acme", name="Acme")
    header = [
        "Identifiant d’URL",
        "Intitulé du poste",
        "Employeur",
        "Ville",
        "Commune",
        "Description",
        "Adresse pour postuler",
    ]  # noqa: E501
    rows = [
        ["par-code", "Data engineer", "acme", "Lyon", "69383", "Le poste.", "https://example.org"],
        ["par-nom", "Data engineer", "acme", "Lyon", "Lyon 3e", "Le poste.", "https://example.org"],
        ["par-ville", "Data engineer", "acme", "Villeurbanne", "", "Le poste.", "https://example.org"],
    ]
    path = tmp_path / "offres.csv"
    path.write_bytes(csv_file(header, rows).getvalue())
    call_command("import_file", "offres", str(path), stdout=io.StringIO())
    found = dict(JobOffer.objects.values_list("slug", "commune__code"))
    assert found == {"par-code": "69383", "par-nom": "69383", "par-ville": "69266"}
    path.write_bytes(
        csv_file(
            header, [["autre", "Data", "acme", "Lyon", "Atlantide", "Le poste.", "https://example.org"]]
        ).getvalue()
    )  # noqa: E501
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_file", "offres", str(path), stdout=out, stderr=err)
    assert "Commune inconnue : « Atlantide »" in out.getvalue() + err.getvalue() + str(refused.value)
    assert not JobOffer.objects.filter(slug="autre").exists()
