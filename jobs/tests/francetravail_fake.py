"""TEST DATA ONLY, never shipped as content: a local fake of France Travail's "Offres d'emploi v2" API.

It answers as the documented API does (OAuth2 token endpoint; ``/offres/search`` with ``range``, answering
200 when the whole range is served, 206 with ``Content-Range: offres 0-149/4382`` when more remain, 204 when
nothing matches, 400 for a range past 1 149 or wider than 150, 401 without a token) and filters its offers by
``codeROME``, ``motsCles``, ``departement``, ``minCreationDate`` and ``maxCreationDate``. ``script`` queues
answers (429, 500, a malformed body…) for the next searches. The offers are invented, in the API's format.

Also runs on its own, for the benchmark in bench/README.md::

    python -m jobs.tests.francetravail_fake --offers 10000 --port 8765
"""

import argparse
import json
import threading
import urllib.parse
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CLIENT_ID = "client-de-test"
CLIENT_SECRET = "secret-de-test"

PLACES = [  # label, postcode, INSEE code, latitude, longitude
    ("69 - LYON 03", "69003", "69383", 45.7597, 4.8422),
    ("75 - PARIS 11", "75011", "75111", 48.8590, 2.3800),
    ("31 - TOULOUSE", "31000", "31555", 43.6045, 1.4440),
    ("33 - BORDEAUX", "33000", "33063", 44.8378, -0.5792),
    ("59 - LILLE", "59000", "59350", 50.6292, 3.0573),
    ("44 - NANTES", "44000", "44109", 47.2184, -1.5536),
    ("2A - AJACCIO", "20000", "2A004", 41.9192, 8.7386),
    ("974 - ST DENIS", "97400", "97411", -20.8821, 55.4507),
]


def offer_record(number: int, **overrides) -> dict:
    """One invented offer in the API's format (fields as the API documents them)."""
    label, postcode, commune, latitude, longitude = PLACES[number % len(PLACES)]
    created = datetime(2026, 11, 1, 8, 0, tzinfo=UTC) + timedelta(minutes=number)
    record = {
        "id": f"{190000 + number}X",
        "intitule": f"Data scientist H/F n° {number}",
        "description": f"Offre d’essai {number}.\nConstruire des modèles de machine learning.\n\nPython, SQL.",
        "dateCreation": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "dateActualisation": (created + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "lieuTravail": {
            "libelle": label,
            "latitude": latitude,
            "longitude": longitude,
            "codePostal": postcode,
            "commune": commune,
        },
        "romeCode": "M1405",
        "romeLibelle": "Data scientist",
        "appellationlibelle": "Data scientist",
        "entreprise": {"nom": f"Société d’essai {number % 50}", "entrepriseAdaptee": False},
        "typeContrat": "CDI",
        "typeContratLibelle": "Contrat à durée indéterminée",
        "natureContrat": "Contrat travail",
        "experienceExige": "E",
        "experienceLibelle": "3 An(s)",
        "salaire": {"libelle": "Annuel de 45000,00 Euros à 55000,00 Euros sur 12 mois"},
        "dureeTravailLibelle": "35H Horaires normaux",
        "dureeTravailLibelleConverti": "Temps plein",
        "alternance": False,
        "nombrePostes": 1,
        "accessibleTH": False,
        "qualificationCode": "9",
        "qualificationLibelle": "Cadre",
        "origineOffre": {
            "origine": "1",
            "urlOrigine": f"https://candidat.francetravail.fr/offres/recherche/detail/{190000 + number}X",
        },
    }
    for key, value in overrides.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    return record


def departement(record: dict) -> str:
    commune = (record.get("lieuTravail") or {}).get("commune", "")
    return commune[:3] if commune.startswith("97") else commune[:2]


def fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


class FakeFranceTravail:
    """The fake API on 127.0.0.1, on a free port, in a thread. ``offers``: what it holds, editable between runs."""

    def __init__(self, offers=None):
        self.offers = list(offers or [])
        self.script = []  # (status, headers, body bytes) served, in order, before the next real searches
        self.searches = []  # the query of every search received
        self.tokens = set()
        self.folded = {}  # id -> folded title and description, so a search does not fold every offer again
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def answer(self, status, headers=None, body=b""):
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                if urllib.parse.urlsplit(self.path).path != "/token":
                    return self.answer(HTTPStatus.NOT_FOUND)
                valid = (
                    form.get("grant_type") == ["client_credentials"]
                    and form.get("client_id") == [CLIENT_ID]
                    and form.get("client_secret") == [CLIENT_SECRET]
                )
                if not valid:
                    body = {"error": "invalid_client", "error_description": "Client authentication failed"}
                    return self.answer(
                        HTTPStatus.UNAUTHORIZED, {"Content-Type": "application/json"}, json.dumps(body).encode()
                    )
                with fake.lock:
                    token = f"jeton-{len(fake.tokens) + 1}"
                    fake.tokens.add(token)
                body = {
                    "access_token": token,
                    "scope": form.get("scope", [""])[0],
                    "token_type": "Bearer",
                    "expires_in": 1499,
                }
                self.answer(HTTPStatus.OK, {"Content-Type": "application/json"}, json.dumps(body).encode())

            def do_GET(self):
                url = urllib.parse.urlsplit(self.path)
                if url.path != "/offres/search":
                    return self.answer(HTTPStatus.NOT_FOUND)
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if token not in fake.tokens:
                    return self.answer(HTTPStatus.UNAUTHORIZED)
                query = dict(urllib.parse.parse_qsl(url.query))
                with fake.lock:
                    fake.searches.append(query)
                    scripted = fake.script.pop(0) if fake.script else None
                if scripted is not None:
                    return self.answer(*scripted)
                self.answer(*fake.search(query))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def token_url(self) -> str:
        return f"{self.base_url}/token"

    @property
    def api_url(self) -> str:
        return self.base_url

    def matching(self, query: dict) -> list:
        found = self.offers
        if "codeROME" in query:
            codes = set(query["codeROME"].split(","))
            found = [r for r in found if r.get("romeCode") in codes]
        if "motsCles" in query:
            word = fold(query["motsCles"])
            found = [r for r in found if word in self.text_of(r)]
        if "departement" in query:
            found = [r for r in found if departement(r) == query["departement"]]
        if "minCreationDate" in query:
            low, high = query["minCreationDate"], query["maxCreationDate"]
            found = [r for r in found if low <= r["dateCreation"][:19] + "Z" <= high]
        return found

    def text_of(self, record: dict) -> str:
        key = (record.get("id"), record.get("intitule"), record.get("description"))
        if key not in self.folded:
            self.folded[key] = fold(f"{record.get('intitule', '')} {record.get('description', '')}")
        return self.folded[key]

    def search(self, query: dict):
        found = self.matching(query)
        start, _, end = query.get("range", "0-149").partition("-")
        try:
            start, end = int(start), int(end)
        except ValueError:
            return self.bad_request("Le paramètre range est invalide.")
        if start > 1000 or end > 1149 or end < start or end - start >= 150:
            return self.bad_request("La position de début doit être inférieure ou égale à 1000 et la fin à 1149.")
        page = found[start : end + 1]
        if not page:
            return HTTPStatus.NO_CONTENT, {}, b""
        last = start + len(page) - 1
        status = HTTPStatus.OK if start == 0 and last + 1 >= len(found) else HTTPStatus.PARTIAL_CONTENT
        headers = {
            "Content-Type": "application/json",
            "Content-Range": f"offres {start}-{last}/{len(found)}",
            "Accept-Range": "offres 150",
        }
        return status, headers, json.dumps({"resultats": page}, ensure_ascii=False).encode()

    def bad_request(self, message):
        body = json.dumps({"codeHttp": 400, "message": message}).encode()
        return HTTPStatus.BAD_REQUEST, {"Content-Type": "application/json"}, body


def main():
    parser = argparse.ArgumentParser(description="Serve the fake France Travail API (test data).")
    parser.add_argument("--offers", type=int, default=10000)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    offers = [offer_record(n, entreprise={"nom": f"Société d’essai {n}"}) for n in range(args.offers)]
    fake = FakeFranceTravail(offers)
    fake.server.server_close()
    fake.server = ThreadingHTTPServer(("127.0.0.1", args.port), fake.server.RequestHandlerClass)
    print(f"Fake France Travail on {fake.base_url} ({len(offers)} offers); token at {fake.token_url}")
    fake.server.serve_forever()


if __name__ == "__main__":
    main()
