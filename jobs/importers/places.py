"""From what a source says of a place (INSEE commune code, postcode, a label) to our city and region."""

import re

from core.geography import Region

# Each département's region, by their INSEE codes (the official geographic code, 2024 edition).
REGION_DEPARTEMENTS = {
    Region.AUVERGNE_RHONE_ALPES: "01 03 07 15 26 38 42 43 63 69 73 74",
    Region.BOURGOGNE_FRANCHE_COMTE: "21 25 39 58 70 71 89 90",
    Region.BRETAGNE: "22 29 35 56",
    Region.CENTRE_VAL_DE_LOIRE: "18 28 36 37 41 45",
    Region.CORSE: "2A 2B",
    Region.GRAND_EST: "08 10 51 52 54 55 57 67 68 88",
    Region.HAUTS_DE_FRANCE: "02 59 60 62 80",
    Region.ILE_DE_FRANCE: "75 77 78 91 92 93 94 95",
    Region.NORMANDIE: "14 27 50 61 76",
    Region.NOUVELLE_AQUITAINE: "16 17 19 23 24 33 40 47 64 79 86 87",
    Region.OCCITANIE: "09 11 12 30 31 32 34 46 48 65 66 81 82",
    Region.PAYS_DE_LA_LOIRE: "44 49 53 72 85",
    Region.PROVENCE_ALPES_COTE_D_AZUR: "04 05 06 13 83 84",
    Region.GUADELOUPE: "971",
    Region.MARTINIQUE: "972",
    Region.GUYANE: "973",
    Region.LA_REUNION: "974",
    Region.MAYOTTE: "976",
}
DEPARTEMENT_REGION = {code: region for region, codes in REGION_DEPARTEMENTS.items() for code in codes.split()}
DEPARTEMENTS = sorted(DEPARTEMENT_REGION)

# "51 - REIMS", "2A - AJACCIO", "974 - ST DENIS": the département, then the commune (or the département's name).
LABEL = re.compile(r"^\s*(?P<code>97\d|2[AB]|\d{2})\s*-\s*(?P<name>.+?)\s*$", re.IGNORECASE)
# Words left in lower case inside a commune's name.
PARTICLES = {"de", "du", "des", "la", "le", "les", "en", "sur", "sous", "et", "lès", "d", "l", "aux", "au"}


def departement_of(code: str, *, postcode: bool = False) -> str:
    """The département of an INSEE commune code ("51454" -> "51", "97411" -> "974", "2A004" -> "2A"), or of a
    postcode where the postcode alone says it (Corsica's 20xxx does not: "")."""
    code = (code or "").strip().upper()
    if len(code) != 5 or (postcode and (not code.isdigit() or code.startswith("20"))):
        return ""
    departement = code[:3] if code.startswith("97") else code[:2]
    return departement if departement in DEPARTEMENT_REGION else ""


def commune_name(text: str) -> str:
    """A name written in capitals made readable ("ST ETIENNE" -> "St Etienne"); mixed case is kept."""
    if not text.isupper():
        return text

    def word(part: str, first: bool) -> str:
        lower = part.lower()
        return lower if lower in PARTICLES and not first else lower[:1].upper() + lower[1:]

    words = re.split(r"([ \-'’])", text.strip())
    return "".join(part if part in " -'’" else word(part, first=index == 0) for index, part in enumerate(words))


def city_and_region(label: str, postcode: str, commune: str) -> tuple[str, str]:
    """Our city (a commune's name, "" when the source gives only a département or a region) and region code."""
    match = LABEL.match(label or "")
    departement = (
        departement_of(commune)
        or (match.group("code").upper() if match else "")
        or departement_of(postcode, postcode=True)
    )
    region = DEPARTEMENT_REGION.get(departement, "")
    # Without a commune code or a postcode, the name after the dash is a département's ("49 - Maine et Loire").
    city = commune_name(match.group("name")) if match and (commune or postcode) else ""
    return city, str(region.value) if region else ""
