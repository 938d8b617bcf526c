"""Programmes from the two open catalogues French users trust: the CPF catalogue and ONISEP's.

``import_catalogue`` streams an export, keeps the records that lead to the portal's careers and upserts them
by their catalogue id, in one transaction. Staff edits win: ``source_values`` keeps what the last import
wrote, and a field that no longer holds it was edited in the admin, so later runs leave it alone.
"""

import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from careers.models import Career
from core.geography import Region
from core.models import DataSource, ImportRun
from core.text import fold
from core.validators import forbidden_character
from training.catalogue_files import Record, UnreadableFile, read_records
from training.models import City, Path, Programme, Provider

BATCH = 500
SLUG_TITLE_CHARS = 80
REGIONS = {member.value for member in Region}
REGION_BY_NAME = {fold(member.label): member.value for member in Region}
DEPARTMENT = re.compile(r"^(?:\d{2,3}|2[AB])$")
RNCP_LEVEL = re.compile(r"niveau\s*([3-8])\b")
BAC_PLUS = re.compile(r"bac\s*\+\s*(\d)")
# Bac+N to the RNCP level (the European framework): bac+2 is 5, bac+3 and 4 are 6, bac+5 is 7, beyond 8.
LEVEL_OF_BAC_PLUS = {0: 4, 1: 5, 2: 5, 3: 6, 4: 6, 5: 7, 6: 8, 7: 8, 8: 8}
DURATION = re.compile(r"(\d+)\s*(ans?|années?|mois|semaines?)")


class RowRefused(Exception):
    """One record cannot be imported; its message is the reason, in French."""


class ImportFailed(Exception):
    """The whole run stops and nothing is written (the file cannot be read, the content is missing)."""


# -- reading values ------------------------------------------------------------------------------------------


def text(values: dict, name: str, *, max_length: int | None = None, label: str = "", required=False) -> str:
    value = values.get(name)
    value = "" if value is None else " ".join(str(value).split())
    if forbidden_character(value, multiline=False):
        raise RowRefused(_("%(column)s contient un caractère de contrôle.") % {"column": label or name})
    if max_length and len(value) > max_length:
        raise RowRefused(_("%(column)s dépasse %(max)s caractères.") % {"column": label or name, "max": max_length})
    if required and not value:
        raise RowRefused(_("%(column)s est vide.") % {"column": label or name})
    return value


def amount(values: dict, name: str) -> int | None:
    """A whole number of euros or hours; empty is unknown, anything else not a number is refused."""
    raw = values.get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    shown = {"column": name, "value": str(raw)[:40]}
    try:
        number = Decimal(str(raw).strip().replace(",", ".").replace("\xa0", "").replace(" ", ""))
    except InvalidOperation:
        raise RowRefused(_("%(column)s n’est pas un nombre : « %(value)s ».") % shown) from None
    if not number.is_finite() or number < 0:
        raise RowRefused(_("%(column)s doit être un nombre positif : « %(value)s ».") % shown)
    return int(number.to_integral_value())


def iso_date(values: dict, name: str) -> datetime.date | None:
    raw = text(values, name)
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw[:10])
    except ValueError:
        raise RowRefused(
            _("%(column)s n’est pas une date AAAA-MM-JJ : « %(value)s ».") % {"column": name, "value": raw[:40]}
        ) from None


def codes(values: dict, prefix: str, count: int = 5) -> set[str]:
    found = (values.get(f"{prefix}{number}") for number in range(1, count + 1))
    return {str(value).strip().upper().removesuffix(".0") for value in found if value not in (None, "")}


def rncp_level_of(label: str) -> int | None:
    """ "Niveau 6 (Licence…)" or "Bac + 3" to the RNCP level; None when the label names neither."""
    folded = fold(label)
    if match := RNCP_LEVEL.search(folded):
        return int(match[1])
    if match := BAC_PLUS.search(folded):
        return LEVEL_OF_BAC_PLUS.get(int(match[1]))
    return None


def duration_of(label: str) -> tuple[int | None, int | None]:
    """ "3 ans" -> (36, None), "6 mois" -> (6, None), "12 semaines" -> (None, 12); unknown -> (None, None)."""
    match = DURATION.search(fold(label))
    if not match:
        return None, None
    number, unit = int(match[1]), match[2]
    if unit.startswith("semaine"):
        return None, number
    return (number * 12 if unit.startswith(("an", "annee")) else number), None


# -- matching the portal's careers ---------------------------------------------------------------------------


class CareerMatcher:
    """Which careers a record leads to, by the ROME codes, formacodes and keywords each career holds."""

    def __init__(self):
        self.by_rome: dict[str, set[int]] = {}
        self.by_formacode: dict[str, set[int]] = {}
        self.by_keyword: dict[str, set[int]] = {}
        for career in Career.objects.published().only("pk", "rome_codes", "formacodes", "search_keywords"):
            for code in career.rome_code_list:
                self.by_rome.setdefault(code, set()).add(career.pk)
            for code in career.formacode_list:
                self.by_formacode.setdefault(code, set()).add(career.pk)
            for keyword in career.keyword_list:
                if fold(keyword):
                    self.by_keyword.setdefault(fold(keyword), set()).add(career.pk)
        alternatives = "|".join(re.escape(keyword) for keyword in sorted(self.by_keyword, key=len, reverse=True))
        self.keywords = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if alternatives else None

    def careers(self, *, rome: set[str] = frozenset(), formacodes: set[str] = frozenset(), words: str = "") -> set[int]:
        found: set[int] = set()
        for code in rome:
            found |= self.by_rome.get(code, set())
        for code in formacodes:
            found |= self.by_formacode.get(code, set())
        if self.keywords is not None and words:
            for keyword in self.keywords.findall(fold(words)):
                found |= self.by_keyword[keyword]
        return found


# -- the two catalogues ---------------------------------------------------------------------------------------


@dataclass
class Row:
    """A record turned into a programme's fields, with what the importer resolves in batches."""

    ref: str
    fields: dict
    careers: set[int]
    provider_key: tuple[str, str]  # ("siret", "…") or ("uai", "…") or ("name", slug)
    provider_fields: dict
    cities: list[str] = field(default_factory=list)


@dataclass
class Catalogue:
    key: str
    name: str
    publisher: str
    url: str
    licence: str
    required_columns: tuple[str, ...]
    to_row: Callable  # (values, matcher, catalogue, extracted_on) -> Row | None (None: leads to no career)
    path_slugs: dict = field(default_factory=dict)
    paths: dict = field(default_factory=dict)

    def data_source(self) -> DataSource:
        defaults = {"name": self.name, "publisher": self.publisher, "url": self.url, "licence": self.licence}
        return DataSource.objects.get_or_create(key=self.key, defaults=defaults)[0]

    def load_paths(self) -> None:
        found = {path.slug: path for path in Path.objects.filter(slug__in=self.path_slugs.values())}
        missing = sorted(set(self.path_slugs.values()) - set(found))
        if missing:
            raise ImportFailed(
                _("Parcours absents : %(slugs)s. Chargez d’abord le contenu (manage.py load_content).")
                % {"slugs": ", ".join(missing)}
            )
        self.paths = {route: found[slug] for route, slug in self.path_slugs.items()}


@functools.cache
def cpf_phrases(language: str) -> dict:
    """The summary's words, translated once per language rather than once per row."""
    return {
        "summary": _("Formation de %(provider)s inscrite au catalogue Mon Compte Formation, éligible au CPF."),
        "certification": _("Certification visée :"),
    }


def cpf_row(values: dict, matcher: CareerMatcher, catalogue: Catalogue, extracted_on) -> Row | None:
    ref = text(values, "numero_formation", max_length=100, required=True)
    title = text(values, "intitule_formation", max_length=160, required=True)
    certification = text(values, "intitule_certification", max_length=200)
    careers = matcher.careers(
        rome=codes(values, "code_rome_"), formacodes=codes(values, "code_formacode_"), words=f"{title} {certification}"
    )
    if not careers:
        return None
    siret = re.sub(r"\D", "", text(values, "siret"))
    if len(siret) != 14:
        raise RowRefused(_("siret doit compter 14 chiffres : « %(value)s ».") % {"value": text(values, "siret")[:20]})
    provider_name = text(values, "nom_of", max_length=160, required=True)
    price_low, price_high = amount(values, "frais_ttc_tot_min"), amount(values, "frais_ttc_tot_max")
    hours_low, hours_high = amount(values, "nombre_heures_total_min"), amount(values, "nombre_heures_total_max")
    for low, high, column in ((price_low, price_high, "frais_ttc_tot"), (hours_low, hours_high, "nombre_heures_total")):
        if low is not None and high is not None and low > high:
            raise RowRefused(_("%(column)s_min dépasse %(column)s_max.") % {"column": column})
    sessions, remote = amount(values, "nb_session_active"), amount(values, "nb_session_a_distance")
    teaching_format, remote_possible = "", None
    if remote is not None:
        remote_possible = remote > 0
        if sessions and remote >= sessions:
            teaching_format = Programme.Format.ONLINE
        elif sessions and remote == 0:
            teaching_format = Programme.Format.ON_SITE
    region = text(values, "code_region").removesuffix(".0").zfill(2) if text(values, "code_region") else ""
    if region not in REGIONS:
        region = REGION_BY_NAME.get(fold(text(values, "nom_region")), "")
    department = text(values, "code_departement").removesuffix(".0").upper()
    department = department.zfill(2) if department.isdigit() else department
    if department and not DEPARTMENT.match(department):
        department = ""
    rncp = text(values, "code_rncp").removesuffix(".0").upper().removeprefix("RNCP")
    row_date = iso_date(values, "date_extract") or extracted_on
    phrases = cpf_phrases(get_language())
    summary = phrases["summary"] % {"provider": provider_name}
    if certification:
        summary = f"{summary} {phrases['certification']} {certification}."
    return Row(
        ref=ref,
        fields={
            "title": title,
            "summary": summary[:600],
            "award_title": certification,
            "rncp_code": f"RNCP{rncp}" if rncp.isdigit() else "",
            "rncp_level": rncp_level_of(text(values, "libelle_niveau_sortie_formation")),
            "price": price_low,
            "price_high": price_high,
            "duration_hours": hours_low,
            "duration_hours_high": hours_high,
            "format": teaching_format,
            "remote_possible": remote_possible,
            "region": region,
            "department": department,
            "cpf_eligible": True,
            "path_id": catalogue.paths["cpf"].pk,
            "source_extracted_on": row_date,
        },
        careers=careers,
        provider_key=("siret", siret),
        provider_fields={"name": provider_name, "kind": Provider.Kind.TRAINING_BODY, "siret": siret},
    )


def first(values: dict, *names: str) -> str:
    """The first of these columns that holds something: ONISEP names a field differently in each data set."""
    return next((text(values, name) for name in names if values.get(name) not in (None, "")), "")


def onisep_route(kind: str) -> str | None:
    folded = fold(kind)
    if "ingenieur" in folded:
        return "engineering"
    if re.search(r"\bbut\b|bachelor universitaire|licence|master|\bdut\b", folded):
        return "university"
    return None


def onisep_row(values: dict, matcher: CareerMatcher, catalogue: Catalogue, extracted_on) -> Row | None:
    url = first(values, "for_url_et_id_onisep", "url_et_id_onisep")
    ref = first(values, "action_de_formation_af_identifiant_onisep") or url.rstrip("/").rsplit("/", 1)[-1]
    if not ref:
        raise RowRefused(_("Ni identifiant d’action de formation ni lien ONISEP."))
    if len(ref) > 100:
        raise RowRefused(_("L’identifiant dépasse 100 caractères."))
    title = first(values, "formation_for_libelle", "libelle_formation_principal")
    if not title:
        raise RowRefused(_("L’intitulé de la formation est vide."))
    if len(title) > 160:
        raise RowRefused(_("L’intitulé dépasse 160 caractères."))
    careers = matcher.careers(words=title)
    if not careers:
        return None
    kind = first(values, "for_type", "libelle_type_formation")
    route = onisep_route(kind)
    if route is None:
        return None  # a kind of programme the portal's paths do not cover (CAP, bac pro…)
    institution = text(values, "lieu_denseignement_ens_libelle", max_length=160, label=_("L’établissement"))
    if not institution:
        raise RowRefused(_("Pas d’établissement : ce fichier est-il celui des actions de formation de l’ONISEP ?"))
    city = text(values, "ens_commune", max_length=120)
    schooling = fold(first(values, "af_modalites_scolarite"))
    work_study = True if "apprentissage" in schooling or "alternance" in schooling else None
    months, weeks = duration_of(first(values, "af_duree_cycle_standard", "duree"))
    uai = re.sub(r"\W", "", text(values, "ens_code_uai")).upper()[:8]
    cost = values.get("af_cout_scolarite")
    price = (
        amount(values, "af_cout_scolarite")
        if isinstance(cost, int | float) or str(cost or "").strip().isdigit()
        else None
    )
    summary = _("%(kind)s à %(institution)s, référencée par l’ONISEP.") % {
        "kind": kind[:1].upper() + kind[1:] if kind else _("Formation"),
        "institution": institution,
    }
    return Row(
        ref=ref,
        fields={
            "title": title,
            "summary": summary[:600],
            "award_title": kind[:200],
            "rncp_code": "",
            "rncp_level": rncp_level_of(
                first(values, "for_niveau_de_sortie", "libelle_niveau_de_certification", "niveau_de_sortie_indicatif")
            ),
            "duration_months": months,
            "duration_weeks": weeks,
            "price": price,
            "work_study": work_study,
            "url": url[:500] if url.startswith(("http://", "https://")) else "",
            "region": REGION_BY_NAME.get(fold(first(values, "ens_region")), ""),
            "path_id": catalogue.paths[route].pk,
            "source_extracted_on": extracted_on,
        },
        careers=careers,
        provider_key=("uai", uai) if uai else ("name", slugify(f"{institution} {city}")[:120]),
        provider_fields={
            "name": institution,
            "kind": Provider.Kind.ENGINEERING_SCHOOL if route == "engineering" else Provider.Kind.UNIVERSITY,
            "city": city,
            "uai": uai or None,
        },
        cities=[city] if city else [],
    )


CATALOGUES = {
    "cpf": Catalogue(
        key="cpf",
        name="Catalogue des formations éligibles au CPF (Mon Compte Formation)",
        publisher="Caisse des Dépôts",
        url="https://opendata.caissedesdepots.fr/api/explore/v2.1/catalog/datasets/moncompteformation_catalogueformation",
        licence="Licence Ouverte",
        required_columns=("numero_formation", "intitule_formation", "siret", "nom_of"),
        to_row=cpf_row,
        path_slugs={"cpf": "reconversion"},
    ),
    "onisep": Catalogue(
        key="onisep",
        name="Idéo : formations initiales et actions de formation (ONISEP)",
        publisher="ONISEP",
        url="https://opendata.onisep.fr/data/5fa591127f501/2-ideo-formations-initiales-en-france.htm",
        licence="ODbL",
        required_columns=(),
        to_row=onisep_row,
        path_slugs={"university": "universite", "engineering": "ecole-ingenieurs"},
    ),
}


# -- the run ---------------------------------------------------------------------------------------------------

# The fields an import owns; source_values keeps what it last wrote to each.
OWNED = [
    "title",
    "summary",
    "award_title",
    "rncp_code",
    "rncp_level",
    "price",
    "price_high",
    "duration_hours",
    "duration_hours_high",
    "duration_months",
    "duration_weeks",
    "format",
    "remote_possible",
    "region",
    "department",
    "cpf_eligible",
    "work_study",
    "url",
    "path_id",
    "provider_id",
    "source_extracted_on",
]


def stored(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def source_values(values: dict, careers: set[int]) -> dict:
    """What an import writes, as ``source_values`` keeps it."""
    return {name: stored(values.get(name)) for name in OWNED} | {"careers": sorted(careers)}


class Importer:
    def __init__(self, catalogue: Catalogue, run: ImportRun, *, extracted_on, progress=None):
        self.catalogue = catalogue
        self.run = run
        self.source = run.source
        self.extracted_on = extracted_on
        self.progress = progress or (lambda read, kept: None)
        self.matcher = CareerMatcher()
        self.providers: dict[tuple[str, str], int] = {}
        self.today = timezone.localdate()
        self.initial_status = Programme.Status.PUBLISHED if self.source.publish_at_once else Programme.Status.REVIEW
        self.read = self.kept = 0  # records read, and those leading to the portal's careers

    def import_file(self, location: str, file_format: str | None) -> None:
        self.catalogue.load_paths()
        batch: list[tuple[Record, Row]] = []
        for record in read_records(location, file_format):
            self.read += 1
            if self.read == 1:
                self.check_columns(record)
            try:
                if "__error__" in record.values:
                    raise RowRefused(record.values["__error__"])
                row = self.catalogue.to_row(record.values, self.matcher, self.catalogue, self.extracted_on)
            except RowRefused as refusal:
                self.run.refuse(record.where, str(refusal))
                continue
            if row is None:
                continue
            self.kept += 1
            batch.append((record, row))
            if len(batch) >= BATCH:
                self.write(batch)
                batch = []
            if self.read % 5000 == 0:
                self.progress(self.read, self.kept)
        if not self.read:
            raise ImportFailed(_("Le fichier ne contient aucun enregistrement."))
        self.write(batch)
        self.progress(self.read, self.kept)

    def check_columns(self, record: Record) -> None:
        missing = [name for name in self.catalogue.required_columns if name not in record.values]
        if missing and "__error__" not in record.values:
            raise ImportFailed(
                _("Colonnes absentes : %(columns)s. Est-ce bien l’export « %(name)s » ?")
                % {"columns": ", ".join(missing), "name": self.catalogue.name}
            )

    def write(self, batch: list[tuple[Record, Row]]) -> None:
        if not batch:
            return
        rows = {}
        for record, row in batch:
            if row.ref in rows:  # the same id twice: the later record wins, as it would on a re-run
                self.run.refuse(record.where, _("Identifiant %(ref)s déjà lu plus haut.") % {"ref": row.ref})
            rows[row.ref] = row
        self.resolve_providers(rows.values())
        existing = {
            programme.source_ref: programme
            for programme in Programme.objects.filter(source=self.source, source_ref__in=list(rows))
        }
        existing_ids = [programme.pk for programme in existing.values()]
        careers_of = {}
        for link in Programme.careers.through.objects.filter(programme__in=existing_ids):
            careers_of.setdefault(link.programme_id, set()).add(link.career_id)
        new, changed, links, drop_links = [], [], [], []
        for ref, row in rows.items():
            values = {**row.fields, "provider_id": self.providers[row.provider_key]}
            programme = existing.get(ref)
            if programme is None:
                programme = Programme(
                    source=self.source,
                    source_ref=ref,
                    source_run=self.run.pk,
                    slug=f"{slugify(row.fields['title'])[:SLUG_TITLE_CHARS]}-{self.source.key}-{slugify(ref)}"[:120],
                    status=self.initial_status,
                    **values,
                )
                programme.source_values = source_values(values, row.careers)
                new.append((programme, row))
                continue
            if self.merge(programme, values, row, careers_of.get(programme.pk, set()), links, drop_links):
                changed.append(programme)
            else:
                self.run.unchanged += 1
        Programme.objects.bulk_create([programme for programme, _row in new], batch_size=BATCH)
        self.run.created += len(new)
        for programme, row in new:
            links.extend((programme.pk, career) for career in row.careers)
        # A stamp, not content: no history row, no cache purge (plain QuerySet.update, not the publishable one).
        models.QuerySet.update(Programme.objects.filter(pk__in=existing_ids), source_run=self.run.pk)
        Programme.objects.bulk_update(changed, [*OWNED, "source_values", "status", "closed_on", "updated_at"])
        through = Programme.careers.through
        for programme_id, careers in drop_links:
            through.objects.filter(programme_id=programme_id).exclude(career_id__in=careers).delete()
        through.objects.bulk_create(
            [through(programme_id=programme_id, career_id=career) for programme_id, career in links],
            ignore_conflicts=True,
        )
        self.link_cities(new)

    def merge(self, programme, values, row, current_careers, links, drop_links) -> bool:
        """Apply the catalogue's new values where staff have not changed the last imported ones."""
        last = programme.source_values or {}
        dirty = False
        for name in OWNED:
            value = values.get(name)
            current = getattr(programme, name)
            if name in last and stored(current) != last[name]:
                continue  # edited in the admin: staff win
            if current != value:
                setattr(programme, name, value)
                dirty = True
        new_last = source_values(values, row.careers)
        if sorted(current_careers) == last.get("careers", sorted(current_careers)) and current_careers != row.careers:
            links.extend((programme.pk, career) for career in row.careers)
            drop_links.append((programme.pk, row.careers))
            dirty = True
        if programme.closed_on is not None:
            programme.closed_on = None
            programme.status = self.initial_status
            self.run.reopened += 1
            dirty = True
        if new_last != last:
            programme.source_values = new_last
            dirty = True
        if dirty:
            programme.updated_at = timezone.now()
            self.run.updated += 1
        return dirty

    def resolve_providers(self, rows) -> None:
        wanted = {row.provider_key: row.provider_fields for row in rows if row.provider_key not in self.providers}
        for kind, column in (("siret", "siret"), ("uai", "uai"), ("name", "slug")):
            keys = [key for (k, key) in wanted if k == kind]
            for pk, key in Provider.objects.filter(**{f"{column}__in": keys}).values_list("pk", column):
                self.providers[(kind, key)] = pk
        slugs = {key: self.provider_slug(key, fields) for key, fields in wanted.items() if key not in self.providers}
        if not slugs:
            return
        taken = set(Provider.objects.filter(slug__in=list(slugs.values())).values_list("slug", flat=True))
        created = {}
        for key, slug in slugs.items():
            if slug in taken:
                slug = f"{slug[:100]}-{self.source.key}-{len(self.providers) + len(created)}"
            taken.add(slug)
            created[key] = Provider(slug=slug, **wanted[key])
        Provider.objects.bulk_create(created.values(), batch_size=BATCH)
        for key, provider in created.items():
            self.providers[key] = provider.pk

    def provider_slug(self, key, fields) -> str:
        if key[0] == "name":
            return key[1]
        return f"{slugify(fields['name'])[:90]}-{key[1].lower()}"[:120]

    def link_cities(self, pairs) -> None:
        names = {name for _programme, row in pairs for name in row.cities}
        cities = {city.name: city.pk for city in City.objects.filter(name__in=names)}
        missing = [name for name in names if name not in cities]
        taken = set(City.objects.filter(slug__in=[slugify(name) for name in missing]).values_list("slug", flat=True))
        fresh = []
        for name in missing:
            slug = slugify(name)[:110] or "ville"
            if slug in taken:
                slug = f"{slug}-{len(taken)}"
            taken.add(slug)
            fresh.append(City(name=name, slug=slug))
        cities.update({city.name: city.pk for city in City.objects.bulk_create(fresh)})
        through = Programme.cities.through
        through.objects.bulk_create(
            [
                through(programme_id=programme.pk, city_id=cities[name])
                for programme, row in pairs
                for name in row.cities
            ],
            ignore_conflicts=True,
        )

    def close_missing(self) -> int:
        """Archive this source's programmes the run did not find (a full run only); never delete them."""
        gone = Programme.objects.filter(source=self.source, closed_on__isnull=True).exclude(source_run=self.run.pk)
        return gone.update(status=Programme.Status.ARCHIVED, closed_on=self.today, updated_at=timezone.now())


def import_catalogue(
    key: str, location: str, *, file_format=None, dry_run=False, close=True, extracted_on=None, progress=None
) -> Importer:
    """Import one catalogue file; the run is recorded whatever happens.

    A run that refused records does not close anything (it may have missed
    some); a file that cannot be read writes nothing and raises ``ImportFailed``.
    """
    catalogue = CATALOGUES[key]
    run = ImportRun.start(catalogue.data_source(), dry_run=dry_run)
    importer = Importer(catalogue, run, extracted_on=extracted_on or timezone.localdate(), progress=progress)
    try:
        with transaction.atomic():
            importer.import_file(location, file_format)
            if close and run.refused == 0:
                run.closed = importer.close_missing()
            if dry_run:
                transaction.set_rollback(True)
    except (UnreadableFile, ImportFailed) as exc:
        for counter in ("created", "updated", "unchanged", "closed", "reopened"):
            setattr(run, counter, 0)
        run.finish(ImportRun.Status.FAILED, str(exc))
        raise ImportFailed(str(exc)) from exc
    except BaseException:
        run.finish(ImportRun.Status.FAILED, _("Erreur inattendue : voir le journal du serveur."))
        raise
    status = ImportRun.Status.COMPLETE if run.refused == 0 else ImportRun.Status.PARTIAL
    run.finish(status, _("%(read)s enregistrements lus, %(kept)s menant aux métiers du portail.") % vars(importer))
    return importer
