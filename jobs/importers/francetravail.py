"""France Travail's "Offres d'emploi v2" API: the client (token, search, paging, retries) and the mapping of
one of its offers onto ours.

The API answers a search 150 offers at a time (``range=0-149``) and no further than the 1 150th: a search
that finds more is split by département, then by creation window, until each slice fits. A slice that still
does not fit is logged, and the run is then partial (it closes nothing).
"""

import email.utils
import http.client
import json
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.utils.dateparse import parse_datetime

from core.validators import forbidden_character
from jobs.importers.places import DEPARTEMENTS, city_and_region
from jobs.models import JobOffer

logger = logging.getLogger(__name__)

SOURCE_KEY = "france-travail"
SOURCE_DEFAULTS = {
    "name": "Offres d’emploi France Travail",
    "publisher": "France Travail",
    "url": "https://francetravail.io/data/api/offres-emploi",
}
SCOPE = "api_offresdemploiv2 o2dsoffre"
OFFER_PAGE = "https://candidat.francetravail.fr/offres/recherche/detail/{id}"

PAGE_SIZE = 150  # the most one call returns
RESULT_CAP = 1150  # the API serves a search's first 1 150 offers, and no further
LAST_START = 1000  # the highest first index ``range`` accepts
MIN_WINDOW = timedelta(hours=1)  # a creation window is not split below this
OLDEST = datetime(2000, 1, 1, tzinfo=UTC)  # the first creation window starts here
DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

TIMEOUT = 30.0  # seconds
MAX_ATTEMPTS = 5  # per call, the first included
MAX_WAIT = 60.0  # seconds: a longer Retry-After fails the run rather than hold it
BACKOFF = 2.0  # seconds before the second attempt after a failure, doubled each time
# After a 429 the client spaces its calls, from a quarter of a second up to two, so that one burst of
# refusals does not spend every call's retries.
PACING = (0.25, 2.0)
CONTENT_RANGE = re.compile(r"(\d+)-(\d+)/(\d+)\s*$")


class SourceError(Exception):
    """The source could not be read whole (network, 5xx, 429 past the retries, 400, malformed answer):
    the run writes nothing."""


class Refused(Exception):
    """One record the portal cannot carry; the reason is said in French, for staff."""


# --- The client ----------------------------------------------------------------------------------------------


@dataclass
class Page:
    total: int
    results: list


@dataclass
class Search:
    """One query for one career: its label in the log, and its parameters."""

    label: str
    params: dict
    career_id: int | None = None


@dataclass
class Harvest:
    """What the searches found: each record once, by its id, with the career whose search found it first."""

    records: dict = field(default_factory=dict)
    careers: dict = field(default_factory=dict)
    capped: list = field(default_factory=list)  # slices that still held more than RESULT_CAP
    short: list = field(default_factory=list)  # slices whose pages ran out before their announced count
    calls: int = 0

    @property
    def complete(self) -> bool:
        """Every offer the searches announced was read: what was not found has gone from the source."""
        return not self.capped and not self.short

    def add(self, record, career_id):
        key = record.get("id") if isinstance(record, dict) else None
        key = str(key) if key not in (None, "") else f"#sans-identifiant-{len(self.records) + 1}"
        self.records.setdefault(key, record)
        self.careers.setdefault(key, career_id)


class Client:
    """Calls the API with a client-credentials token, retrying what a retry may cure, a bounded number of times."""

    def __init__(self, *, client_id: str, client_secret: str, token_url: str, api_url: str):
        for url in (token_url, api_url):
            if urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
                raise SourceError(f"adresse qui n’est pas en http(s) : {url[:100]}")
        self.client_id = client_id
        self.client_secret = client_secret
        self.token_url = token_url
        self.search_url = f"{api_url.rstrip('/')}/offres/search"
        self._token = None
        self._token_expires = 0.0
        self.interval = 0.0  # seconds kept between calls, raised by each 429
        self._last_call = 0.0

    def token(self, *, renew: bool = False) -> str:
        if self._token and not renew and time.monotonic() < self._token_expires:
            return self._token
        body = urllib.parse.urlencode(
            {
                "grant_type": "client_credentials",
                "client_id": self.client_id,
                "client_secret": self.client_secret,
                "scope": SCOPE,
            }
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - http(s) only, checked in __init__
            self.token_url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        status, _headers, payload = self.send(request, "jeton")
        try:
            answer = json.loads(payload)
            token, lifetime = answer["access_token"], float(answer.get("expires_in", 300))
        except (ValueError, KeyError, TypeError):
            token = None
        if not isinstance(token, str) or not token:
            raise SourceError("le service de jetons a répondu sans jeton lisible")
        self._token = token
        # Renewed a minute early, so no call goes out with a token about to lapse.
        self._token_expires = time.monotonic() + max(lifetime - 60, 0)
        return token

    def send(self, request, what: str, *, authorised: bool = False) -> tuple[int, dict, bytes]:
        """One call, retried on 429 (after its ``Retry-After``), 5xx and network failures; 401 renews the token
        once. Anything else outside 2xx, or the retries spent, raises ``SourceError``."""
        renewed = renew_now = False
        for attempt in range(1, MAX_ATTEMPTS + 1):
            if authorised:
                request.headers["Authorization"] = f"Bearer {self.token(renew=renew_now)}"
                renew_now = False
            if self.interval:
                pace(self._last_call + self.interval - time.monotonic())
            self._last_call = time.monotonic()
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - our settings
                    return response.status, dict(response.headers), response.read()
            except urllib.error.HTTPError as error:
                status, headers = error.code, error.headers
                detail = error.read()[:300].decode("utf-8", "replace")
                error.close()
                if status == 401 and authorised and not renewed:
                    renewed = renew_now = True
                    continue
                if status == 429:
                    self.interval = min(max(self.interval * 2, PACING[0]), PACING[1])
                    wait = retry_after(headers.get("Retry-After"), attempt)
                    if wait > MAX_WAIT:
                        raise SourceError(
                            f"{what} : trop de requêtes (429), attente demandée de {wait:.0f} s"
                        ) from None
                elif status >= 500:
                    wait = BACKOFF * 2 ** (attempt - 1)
                else:
                    raise SourceError(f"{what} : réponse {status} ({one_line(detail)})") from None
                reason = f"réponse {status}"
            except (http.client.HTTPException, OSError) as error:  # refused, reset, timed out, cut short
                reason = f"réseau ({one_line(str(getattr(error, 'reason', error)))})"
                wait = BACKOFF * 2 ** (attempt - 1)
            if attempt == MAX_ATTEMPTS:
                break
            logger.warning("France Travail, %s : %s, nouvel essai dans %.0f s", what, reason, wait)
            pause(wait)
        raise SourceError(f"{what} : {reason}, après {MAX_ATTEMPTS} essais")

    def page(self, params: dict, start: int, label: str) -> Page:
        end = min(start + PAGE_SIZE, RESULT_CAP) - 1
        query = urllib.parse.urlencode({**params, "range": f"{start}-{end}"})
        url = f"{self.search_url}?{query}"
        request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 - see __init__
        status, headers, payload = self.send(request, f"recherche {label} ({start}-{end})", authorised=True)
        if status == 204 or not payload.strip():
            return Page(total=0, results=[])
        try:
            body = json.loads(payload)
        except ValueError:
            raise SourceError(f"recherche {label} : réponse qui n’est pas du JSON") from None
        results = body.get("resultats") if isinstance(body, dict) else None
        if not isinstance(results, list):
            raise SourceError(f"recherche {label} : réponse sans liste « resultats »")
        content_range = {k.lower(): v for k, v in headers.items()}.get("content-range", "")
        found = CONTENT_RANGE.search(content_range)
        if found:
            total = int(found.group(3))
        elif status == 200:  # everything in one answer: the count is the list's
            total = start + len(results)
        else:
            raise SourceError(f"recherche {label} : réponse {status} sans Content-Range lisible")
        return Page(total=total, results=results)

    def collect(self, search: Search, harvest: Harvest, progress: Callable[[str], None]) -> None:
        """Every offer of ``search``, split into slices until each fits under the API's cap."""
        params, label = search.params, describe(search.label, search.params)
        first = self.page(params, 0, label)
        harvest.calls += 1
        if first.total > RESULT_CAP:
            slices = split(params)
            if slices:
                progress(f"  {label} : {first.total} offres, au-delà de {RESULT_CAP} ; découpée en {len(slices)}")
                for sliced in slices:
                    self.collect(Search(search.label, sliced, search.career_id), harvest, progress)
                return
            logger.warning(
                "France Travail : %s trouve encore %s offres, au-delà des %s servies ; l’import sera partiel",
                label,
                first.total,
                RESULT_CAP,
            )
            harvest.capped.append(f"{label} ({first.total} offres)")
        for record in first.results:
            harvest.add(record, search.career_id)
        # 150, 300… 900, then 1000 (the last first index allowed), which reads 1000-1149.
        starts = sorted({min(start, LAST_START) for start in range(PAGE_SIZE, min(first.total, RESULT_CAP), PAGE_SIZE)})
        for start in starts:
            page = self.page(params, start, label)
            harvest.calls += 1
            if not page.results:  # fewer offers than announced: what is missing may still be there
                harvest.short.append(f"{label} (rien à partir de {start} sur {first.total})")
                break
            for record in page.results:
                harvest.add(record, search.career_id)
        if first.total:
            progress(f"  {label} : {first.total} offre(s)")


def describe(label: str, params: dict) -> str:
    """A slice in words, for the log: "Data scientist : « data », département 69, créées du … au …"."""
    if "departement" in params:
        label += f", département {params['departement']}"
    if "minCreationDate" in params:
        low, high = parse_datetime(params["minCreationDate"]), parse_datetime(params["maxCreationDate"])
        label += f", créées du {low:%d/%m/%Y %H:%M} au {high:%d/%m/%Y %H:%M} UTC"
    return label


def split(params: dict) -> list[dict]:
    """The slices a search over the cap is cut into: its départements, then halves of its creation window."""
    if "departement" not in params:
        return [{**params, "departement": code} for code in DEPARTEMENTS]
    low = parse_datetime(params["minCreationDate"]) if "minCreationDate" in params else OLDEST
    high = parse_datetime(params["maxCreationDate"]) if "maxCreationDate" in params else now_utc()
    if high - low < MIN_WINDOW * 2:
        return []
    middle = low + (high - low) / 2
    halves = [(low, middle), (middle + timedelta(seconds=1), high)]
    return [
        {**params, "minCreationDate": a.strftime(DATE_FORMAT), "maxCreationDate": b.strftime(DATE_FORMAT)}
        for a, b in halves
    ]


def pause(seconds: float) -> None:
    time.sleep(seconds)


def pace(seconds: float) -> None:
    if seconds > 0:
        time.sleep(seconds)


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def retry_after(value, attempt: int) -> float:
    """Seconds to wait after a 429: its ``Retry-After`` (seconds or an HTTP date), else the backoff."""
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except ValueError:  # not an HTTP date
            return BACKOFF * 2 ** (attempt - 1)
        # A date with no zone ("-0000") comes back naive: HTTP dates are in UTC.
        return max((when.replace(tzinfo=when.tzinfo or UTC) - datetime.now(UTC)).total_seconds(), 0.0)
    return BACKOFF * 2 ** (attempt - 1)


def one_line(text: str) -> str:
    return " ".join(str(text).split())[:200]


def searches(careers) -> list[Search]:
    """One search per keyword of each career, within its ROME codes when it has some; its ROME codes alone
    when it has no keyword. A career with neither is not searched."""
    found = []
    for career in careers:
        codes = career.rome_code_list
        base = {"codeROME": ",".join(codes)} if codes else {}
        keywords = career.keyword_list
        for keyword in keywords:
            label = f"{career.title} : « {keyword} »" + (f" ({', '.join(codes)})" if codes else "")
            found.append(Search(label, {**base, "motsCles": keyword}, career.pk))
        if codes and not keywords:
            found.append(Search(f"{career.title} : {', '.join(codes)}", base, career.pk))
    return found


def read_file(path) -> Harvest:
    """A saved search answer (the API's JSON: an object with ``resultats``), as a harvest without careers."""
    try:
        with open(path, encoding="utf-8") as handle:
            body = json.load(handle)
    except OSError as error:
        raise SourceError(f"{path} : fichier illisible ({error.strerror})") from None
    except ValueError as error:
        raise SourceError(f"{path} : ce n’est pas du JSON ({error})") from None
    results = body.get("resultats") if isinstance(body, dict) else None
    if not isinstance(results, list):
        raise SourceError(f"{path} : pas de liste « resultats », ce n’est pas une réponse de recherche")
    harvest = Harvest()
    for record in results:
        harvest.add(record, None)
    return harvest


# --- The mapping ---------------------------------------------------------------------------------------------

# typeContrat codes. An apprenticeship or a professionalisation contract is said by natureContrat (or the
# ``alternance`` flag), whatever its type; other types (franchise, commercial agent…) are not jobs we list.
CONTRACTS = {
    "CDI": JobOffer.Contract.CDI,
    "CDD": JobOffer.Contract.CDD,
    "MIS": JobOffer.Contract.INTERIM,
    "SAI": JobOffer.Contract.CDD,  # a seasonal contract is a fixed-term one
    "LIB": JobOffer.Contract.FREELANCE,
}
WORK_STUDY_NATURES = {"E2", "FS"}
WORK_STUDY_WORDS = ("apprentissage", "professionnalisation")

# "Annuel de 45000,00 Euros à 55000,00 Euros sur 12 mois", "Annuel de 40000.0 Euros": the only labels that
# state a yearly amount. Monthly and hourly pay is kept as its label, never converted.
AMOUNT = r"(\d{4,7}(?:[.,]\d{1,2})?)"
YEARLY = re.compile(rf"^Annuel de {AMOUNT} Euros(?: à {AMOUNT} Euros)?(?: sur \d{{1,2}}(?:[.,]\d+)? mois)?$")
YEARS = re.compile(r"(\d+)\s*An", re.IGNORECASE)
MONTHS = re.compile(r"(\d+)\s*Mois", re.IGNORECASE)


def text(value, limit: int | None = None, what: str = "") -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Refused(f"{what} n’est pas un texte")
    value = value.strip()
    if limit is not None and len(value) > limit:
        raise Refused(f"{what} dépasse {limit} caractères")
    return value


def single_line(value, limit, what) -> str:
    value = " ".join(text(value, None, what).split())
    if len(value) > limit:
        raise Refused(f"{what} dépasse {limit} caractères")
    if forbidden_character(value, multiline=False):
        raise Refused(f"{what} contient un caractère de contrôle")
    return value


def moment(value, what: str, *, required: bool = False):
    if value in (None, "") and not required:
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise Refused(f"{what} illisible : {str(value)[:40]!r}")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def coordinate(value, low: float, high: float):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def contract(record) -> str:
    nature = text(record.get("natureContrat"), None, "natureContrat")
    if record.get("alternance") is True or nature.upper() in WORK_STUDY_NATURES:
        return JobOffer.Contract.ALTERNANCE
    if any(word in nature.casefold() for word in WORK_STUDY_WORDS):
        return JobOffer.Contract.ALTERNANCE
    code = text(record.get("typeContrat"), None, "typeContrat").upper()
    if code not in CONTRACTS:
        raise Refused(f"type de contrat {code or 'absent'} : pas un emploi que le portail liste")
    return CONTRACTS[code]


def experience(code: str, label: str) -> str:
    """D (beginners accepted) is junior; E and S (required, wished) by the years the label gives."""
    if code == "D":
        return JobOffer.Experience.JUNIOR
    if years := YEARS.search(label):
        count = int(years.group(1))
        if count >= 5:
            return JobOffer.Experience.SENIOR
        return JobOffer.Experience.CONFIRMED if count >= 2 else JobOffer.Experience.JUNIOR
    if MONTHS.search(label):
        return JobOffer.Experience.JUNIOR
    return JobOffer.Experience.CONFIRMED if code in {"E", "S"} else JobOffer.Experience.ANY


def yearly_pay(label: str) -> tuple[int | None, int | None]:
    """The yearly low and high a label states, or (None, None): a single amount is both."""
    found = YEARLY.match(label)
    if not found:
        return None, None
    low = round(float(found.group(1).replace(",", ".")))
    high = round(float(found.group(2).replace(",", "."))) if found.group(2) else low
    return (low, high) if low <= high else (None, None)


MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|])")
MARKDOWN_LINE_START = re.compile(r"^(\s*)([-+#>]|\d+[.)])")


def plain_text_markdown(value: str) -> str:
    """Plain text that our Markdown renders as written: nothing it holds becomes a title, a list or a tag, and
    each of its line breaks stays one."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("&", "&amp;").replace("<", "&lt;")
    paragraphs = []
    for block in re.split(r"\n\s*\n", value.strip()):
        lines = []
        for line in block.split("\n"):
            line = MARKDOWN_INLINE.sub(r"\\\1", line.strip())
            lines.append(MARKDOWN_LINE_START.sub(r"\1\\\2", line))
        paragraphs.append("  \n".join(line for line in lines if line))
    return "\n\n".join(p for p in paragraphs if p)


def offer_page(external_id: str) -> str:
    return OFFER_PAGE.format(id=urllib.parse.quote(external_id, safe=""))


def http_url(value) -> str:
    value = text(value, None, "origineOffre.urlOrigine")
    parsed = urllib.parse.urlsplit(value)
    if parsed.scheme in {"http", "https"} and parsed.netloc and len(value) <= 500 and " " not in value:
        return value
    return ""


@dataclass
class Mapped:
    """An offer as the source gives it, in our fields; ``employer_name`` and ``rome_code`` still to resolve."""

    external_id: str
    employer_name: str
    rome_code: str
    fields: dict


def map_record(record) -> Mapped:
    """Our fields for one offer of the API, or ``Refused`` with the reason."""
    if not isinstance(record, dict):
        raise Refused("l’offre n’est pas un objet JSON")
    external_id = record.get("id")
    if not isinstance(external_id, str | int) or not str(external_id).strip():
        raise Refused("identifiant absent")
    external_id = single_line(str(external_id), 40, "l’identifiant")
    title = single_line(record.get("intitule"), 160, "l’intitulé")
    if not title:
        raise Refused("intitulé absent")
    description = text(record.get("description"), 20000, "la description")
    if not description:
        raise Refused("description absente")
    if forbidden_character(description, multiline=True):
        raise Refused("la description contient un caractère de contrôle")
    created = moment(record.get("dateCreation"), "dateCreation", required=True)
    updated = moment(record.get("dateActualisation"), "dateActualisation")
    employer = record.get("entreprise") or {}
    if not isinstance(employer, dict):
        raise Refused("« entreprise » n’est pas un objet")
    employer_name = single_line(employer.get("nom"), 160, "le nom de l’employeur")
    if not employer_name:
        raise Refused("employeur non communiqué par la source")
    place = record.get("lieuTravail") or {}
    if not isinstance(place, dict):
        raise Refused("« lieuTravail » n’est pas un objet")
    label = single_line(place.get("libelle"), 120, "le lieu")
    postcode = single_line(place.get("codePostal"), 5, "le code postal")
    commune = single_line(place.get("commune"), 5, "le code commune")
    city, region = city_and_region(label, postcode, commune)
    pay = record.get("salaire") or {}
    if not isinstance(pay, dict):
        raise Refused("« salaire » n’est pas un objet")
    salary_label = single_line(pay.get("libelle") or pay.get("commentaire"), 200, "le salaire")
    low, high = yearly_pay(single_line(pay.get("libelle"), 200, "le salaire"))
    origin = record.get("origineOffre") or {}
    apply_url = http_url(origin.get("urlOrigine")) if isinstance(origin, dict) else ""
    converted = single_line(record.get("dureeTravailLibelleConverti"), 60, "le temps de travail")
    hours = single_line(record.get("dureeTravailLibelle"), 60, "le temps de travail")
    experience_label = single_line(record.get("experienceLibelle"), 120, "l’expérience")
    experience_code = single_line(record.get("experienceExige"), 2, "l’expérience").upper()
    return Mapped(
        external_id=external_id,
        employer_name=employer_name,
        rome_code=single_line(record.get("romeCode"), 5, "le code ROME").upper(),
        fields={
            "title": title,
            "description": plain_text_markdown(description),
            "contract": contract(record),
            "experience": experience(experience_code, experience_label),
            "experience_label": experience_label,
            "working_time": " · ".join(part for part in (converted, hours) if part),
            "remote": JobOffer.Remote.UNKNOWN,
            "location_label": label,
            "postcode": postcode,
            "insee_code": commune,
            "latitude": coordinate(place.get("latitude"), -90, 90),
            "longitude": coordinate(place.get("longitude"), -180, 180),
            "city": city[:120],
            "region": region,
            "salary_label": salary_label,
            "salary_low": low,
            "salary_high": high,
            "apply_url": apply_url or offer_page(external_id),
            "source_url": offer_page(external_id),
            "source_created_at": created,
            "source_updated_at": updated,
        },
    )
