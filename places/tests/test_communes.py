import math

import pytest

from places.geo import distance_km
from places.models import Commune, name_key

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Villeurbanne", "69266"),
        ("  VILLEURBANNE ", "69266"),
        ("69100", "69266"),
        ("Lyon", "69123"),
        ("lyon", "69123"),
        ("Lyon 3e", "69383"),
        ("Lyon 3ème", "69383"),
        ("lyon 03", "69383"),
        ("Lyon 3e arrondissement", "69383"),
        ("69003", "69383"),  # the arrondissement, not Lyon, which holds every postcode of its arrondissements
        ("Paris 1er", "75101"),
        ("75001", "75101"),
        ("Saint-Denis (93)", "93066"),
        ("saint denis 93", "93066"),
        ("Saint-Denis 974", "97411"),
        ("l'abergement-clemenciat", "01001"),
    ],
)
def test_resolves_a_place_as_people_type_it(communes, typed, code):
    place = Commune.objects.resolve(typed)
    assert place is not None and place.commune.code == code
    assert place.others == 0


def test_a_city_with_arrondissements_covers_them(communes):
    place = Commune.objects.resolve("Lyon")
    assert sorted(place.commune_ids) == sorted(Commune.objects.filter(code__startswith="69").exclude(
        code__in=["69266", "69029"]).values_list("pk", flat=True))  # fmt: skip


def test_homonyms_choose_the_most_populous_and_count_the_others(communes):
    place = Commune.objects.resolve("Saint-Denis")
    assert place.commune.code == "97411"  # 155 634 inhabitants, before Saint-Denis (93) and its 149 077
    assert place.others == 1


@pytest.mark.parametrize("typed", ["Atlantide", "99999", "Lyon 42e", ""])
def test_unknown_place_is_none(communes, typed):
    assert Commune.objects.resolve(typed) is None


def test_name_key_folds_accents_case_and_punctuation():
    assert name_key("Saint-Étienne") == name_key("SAINT ETIENNE") == "saint etienne"
    assert name_key("Marseille 13ème Arrondissement") == "marseille 13"


def haversine(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def test_database_distance_is_the_haversine_distance(communes):
    lyon = communes["69123"]
    found = dict(
        Commune.objects.filter(latitude__isnull=False)
        .annotate(km=distance_km("latitude", "longitude", lyon))
        .values_list("code", "km")
    )
    assert found["69123"] == pytest.approx(0, abs=1e-6)
    assert found["69266"] == pytest.approx(3.09, abs=0.01)  # Villeurbanne
    for code, km in found.items():
        assert km == pytest.approx(haversine(lyon, communes[code]), abs=1e-6), code
    assert 90 < found["38185"] < 100  # Grenoble
    assert 8900 < found["97411"] < 9100  # Saint-Denis de La Réunion
