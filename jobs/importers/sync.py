"""Writing a source's offers onto the board: upsert by the source's id, close what a complete run no longer
finds, reopen what comes back, and leave alone what staff edited or withdrew.

``sync`` runs inside the caller's transaction: the whole board moves at once, or not at all.
"""

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from careers.models import Career
from core.models import DataSource, ImportRun
from core.signals import content_changed
from core.text import fold
from jobs.importers.francetravail import Harvest, Mapped, Refused, map_record
from jobs.models import DEFAULT_LIFETIME, Employer, JobOffer
from places.linking import link

BATCH_SIZE = 500
# A published offer still found keeps a expiry this far ahead at least: renewed once a month, not every hour.
RENEW_BELOW = timedelta(days=30)

# The fields an import writes and staff may edit: a row whose values no longer hash to what the importer
# last wrote was changed by someone, and keeps their change.
OWNED_FIELDS = (
    "title",
    "description",
    "employer_id",
    "career_id",
    "contract",
    "experience",
    "experience_label",
    "working_time",
    "remote",
    "location_label",
    "postcode",
    "insee_code",
    "latitude",
    "longitude",
    "city",
    "region",
    "salary_label",
    "salary_low",
    "salary_high",
    "apply_url",
    "source_url",
    "source_created_at",
    "source_updated_at",
)
# Fields the model validates on their own (lengths, choices, URLs, control characters); relations are ours.
UNCHECKED = ("employer", "career", "data_source", "slug", "search_vector", "search_words", "salary_top")


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    reopened: int = 0
    kept: int = 0  # edited or withdrawn by staff, left as they are
    duplicates: int = 0
    employers: int = 0


def plain(value) -> str:
    """What JSON cannot hold, as text: a datetime in UTC, so that its zone does not change the fingerprint."""
    return value.astimezone(UTC).isoformat() if isinstance(value, datetime) else str(value)


def fingerprint(values) -> str:
    encoded = json.dumps([values[name] for name in OWNED_FIELDS], ensure_ascii=False, default=plain)
    return hashlib.md5(encoded.encode(), usedforsecurity=False).hexdigest()


def row_values(offer: JobOffer) -> dict:
    return {name: getattr(offer, name) for name in OWNED_FIELDS}


def withdrawn(offer: JobOffer, now) -> bool:
    """Taken off by staff: back to draft, or archived before its expiry and not by an import."""
    if offer.closed_at_source is not None:
        return False
    if offer.status == JobOffer.Status.DRAFT:
        return True
    return offer.status == JobOffer.Status.ARCHIVED and (offer.expires_at is None or offer.expires_at > now)


def edited(offer: JobOffer) -> bool:
    return bool(offer.import_fingerprint) and fingerprint(row_values(offer)) != offer.import_fingerprint


def duplicate_key(employer: str, title: str, city: str) -> tuple:
    return fold(employer), fold(title), fold(city)


def unique_slug(base: str, taken: set) -> str:
    """``base``, else ``base-2``, ``base-3``…: the first not yet taken, which it then is."""
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


class Sync:
    def __init__(self, source: DataSource, run: ImportRun, progress: Callable[[str], None]):
        self.source = source
        self.run = run
        self.progress = progress
        self.now = timezone.now()
        self.outcome = Outcome()

    # --- reading what is there ---

    def load(self):
        self.existing = {offer.external_id: offer for offer in JobOffer.objects.filter(data_source=self.source)}
        self.slugs = set(JobOffer.objects.values_list("slug", flat=True))
        self.employers = {}
        for pk, name in Employer.objects.order_by("pk").values_list("pk", "name"):
            self.employers.setdefault(fold(name), pk)
        self.employer_slugs = set(Employer.objects.values_list("slug", flat=True))
        self.rome_careers = {}
        for career in Career.objects.published().only("pk", "rome_codes").order_by("title", "pk"):
            for code in career.rome_code_list:
                self.rome_careers.setdefault(code, career.pk)
        self.published_careers = set(Career.objects.published().values_list("pk", flat=True))
        # Offers on the board from elsewhere (typed by staff, another source): an import does not repeat them.
        self.elsewhere = {
            duplicate_key(employer, title, city)
            for employer, title, city in JobOffer.objects.exclude(data_source=self.source)
            .exclude(status=JobOffer.Status.ARCHIVED)
            .values_list("employer__name", "title", "city")
        }

    # --- the run ---

    def apply(self, harvest: Harvest, *, complete: bool) -> Outcome:
        self.load()
        mapped = self.map(harvest)
        kept, seen = self.deduplicate(mapped, set(harvest.records))
        new, changed, read = [], [], []
        for count, (item, career_id) in enumerate(kept, start=1):
            offer = self.existing.get(item.external_id)
            if offer is None:
                created = self.build(item, career_id)
                if created is not None:
                    new.append(created)
            elif self.refresh(offer, item, career_id):
                changed.append(offer)
            else:
                read.append(offer.pk)
            if count % 1000 == 0:
                self.progress(f"  {count} / {len(kept)} offres comparées")
        self.write(new, changed, read)
        # Offers are written in bulk, past clean(): their commune comes from the INSEE code the source gave.
        link(JobOffer._base_manager.filter(data_source=self.source), "city", "region", code_field="insee_code")
        if complete:
            self.close(seen)
        if changed or self.outcome.closed:
            content_changed.send(sender=JobOffer)
        return self.outcome

    def map(self, harvest: Harvest) -> list[tuple[Mapped, int | None]]:
        mapped = []
        for key, record in harvest.records.items():
            try:
                item = map_record(record)
            except Refused as refusal:
                self.run.refuse(key, str(refusal))
                continue
            career_id = self.rome_careers.get(item.rome_code) or harvest.careers.get(key)
            mapped.append((item, career_id if career_id in self.published_careers else None))
        return mapped

    def deduplicate(self, mapped, found_ids: set) -> tuple[list, set]:
        """One offer per employer, title and city: the one already on the board, else the latest updated.

        Returns what to write, and the ids the source still holds (refused records included: they are still
        there, only unreadable now); the duplicates dropped are not among them, so a complete run closes
        their earlier copies."""
        groups = defaultdict(list)
        for item, career_id in mapped:
            # Without a commune, the place the source names stands for it ("49 - Maine et Loire").
            place = item.fields["city"] or item.fields["location_label"]
            groups[duplicate_key(item.employer_name, item.fields["title"], place)].append((item, career_id))
        kept, dropped = [], set()
        for key, items in groups.items():
            chosen = None if key in self.elsewhere else max(items, key=self.preference)
            if chosen is not None:
                kept.append(chosen)
            dropped.update(pair[0].external_id for pair in items if pair is not chosen)
        self.outcome.duplicates = len(dropped)
        return kept, found_ids - dropped

    def preference(self, pair) -> tuple:
        """Among copies of one offer: the one on the board, else one known, else the latest updated."""
        item = pair[0]
        offer = self.existing.get(item.external_id)
        on_board = offer is not None and offer.status != JobOffer.Status.ARCHIVED
        stamp = item.fields["source_updated_at"] or item.fields["source_created_at"]
        return (on_board, offer is not None, stamp, item.external_id)

    # --- employers ---

    def employer_for(self, name: str) -> int | str:
        """The employer's id, matched by name whatever the case and accents; a name not yet known is its
        folded self until ``write`` creates it."""
        return self.employers.get(fold(name), fold(name))

    def create_employers(self, offers) -> None:
        """The employers of ``offers`` not known yet (their ``employer_id`` still a name), created and set."""
        names = {}
        for offer in offers:
            if isinstance(offer.employer_id, str):
                names.setdefault(offer.employer_id, offer._employer_name)
        created = [
            Employer(name=name, slug=unique_slug(slugify(name)[:150] or "employeur", self.employer_slugs))
            for name in names.values()
        ]
        # Returns the rows with their ids, on any database.
        for employer in bulk_create_with_history(created, Employer, batch_size=BATCH_SIZE):
            self.employers[fold(employer.name)] = employer.pk
        self.outcome.employers = len(created)
        for offer in offers:
            if isinstance(offer.employer_id, str):
                offer.employer_id = self.employers[offer.employer_id]

    # --- one offer ---

    def validated(self, offer: JobOffer, reference: str) -> bool:
        try:
            offer.clean_fields(exclude=UNCHECKED)
        except ValidationError as error:
            reasons = "; ".join(f"{name} : {' '.join(messages)}" for name, messages in error.message_dict.items())
            self.run.refuse(reference, reasons)
            return False
        return True

    def build(self, item: Mapped, career_id) -> JobOffer | None:
        fields = item.fields
        slug = f"{slugify(fields['title'])[:150].strip('-') or 'offre'}-{slugify(item.external_id)}"
        offer = JobOffer(
            **fields,
            employer_id=self.employer_for(item.employer_name),
            career_id=career_id,
            data_source=self.source,
            external_id=item.external_id,
            source=JobOffer.Source.FRANCE_TRAVAIL,
            read_at=self.now,
            slug=unique_slug(slug, self.slugs),
            created_at=self.now,
            updated_at=self.now,
        )
        offer._employer_name = item.employer_name
        self.set_open(offer)
        return offer if self.validated(offer, item.external_id) else None

    def set_open(self, offer: JobOffer) -> None:
        """Published at once, dated when the source created it, or waiting in review, as staff chose."""
        offer.closed_at_source = None
        if self.source.publish_at_once:
            offer.status = JobOffer.Status.PUBLISHED
            if offer.published_at is None:
                created = offer.source_created_at
                offer.published_at = min(created, self.now) if created else self.now
            offer.expires_at = self.now + DEFAULT_LIFETIME
        else:
            offer.status = JobOffer.Status.REVIEW

    def refresh(self, offer: JobOffer, item: Mapped, career_id) -> bool:
        """Bring a known offer up to date; True when the row changed beyond its read date."""
        offer.read_at = self.now
        if withdrawn(offer, self.now):
            self.outcome.kept += 1
            return False
        changed = False
        if edited(offer):
            offer._kept_by_staff = True
            self.outcome.kept += 1
        else:
            employer_id = self.employer_for(item.employer_name)
            values = {**item.fields, "employer_id": employer_id, "career_id": career_id}
            if isinstance(employer_id, str) or fingerprint(values) != offer.import_fingerprint:
                previous = row_values(offer)
                for name, value in values.items():
                    setattr(offer, name, value)
                offer._employer_name = item.employer_name
                if not self.validated(offer, item.external_id):
                    for name, value in previous.items():
                        setattr(offer, name, value)
                    return False
                changed = True
                self.outcome.updated += 1
        if offer.status == JobOffer.Status.ARCHIVED:  # closed at the source, or expired: it is back
            self.set_open(offer)
            self.outcome.reopened += 1
            changed = True
        elif offer.status == JobOffer.Status.PUBLISHED and offer.expires_at - self.now < RENEW_BELOW:
            offer.expires_at = self.now + DEFAULT_LIFETIME
            changed = True
        if not changed:
            self.outcome.unchanged += 1
        return changed

    # --- writing ---

    def write(self, new, changed, read) -> None:
        self.create_employers(new + changed)
        for offer in new + changed:
            if not getattr(offer, "_kept_by_staff", False):
                offer.import_fingerprint = fingerprint(row_values(offer))
            offer.updated_at = self.now
        for start in range(0, len(new), BATCH_SIZE):
            bulk_create_with_history(new[start : start + BATCH_SIZE], JobOffer, batch_size=BATCH_SIZE)
            self.progress(f"  {min(start + BATCH_SIZE, len(new))} / {len(new)} offres créées")
        self.outcome.created = len(new)
        fields = [
            *OWNED_FIELDS,
            "status",
            "published_at",
            "expires_at",
            "closed_at_source",
            "read_at",
            "import_fingerprint",
            "updated_at",
        ]
        # One UPDATE per row: Django's bulk_update builds a CASE over the batch for every field, which SQLite
        # evaluated for every row (bench/README.md, "France Travail import").
        rows = JobOffer._base_manager.all()
        for count, offer in enumerate(changed, start=1):
            rows.filter(pk=offer.pk).update(**{name: getattr(offer, name) for name in fields})
            if count % 1000 == 0:
                self.progress(f"  {count} / {len(changed)} offres mises à jour")
        JobOffer.history.bulk_history_create(changed, batch_size=BATCH_SIZE, update=True)
        # The read date alone: no history row, no page cache to empty.
        for start in range(0, len(read), BATCH_SIZE):
            JobOffer._base_manager.filter(pk__in=read[start : start + BATCH_SIZE]).update(read_at=self.now)

    def close(self, seen: set) -> None:
        """A complete run archives the offers it no longer found, and says so on them (they may come back)."""
        gone = [
            offer.pk
            for external_id, offer in self.existing.items()
            if external_id not in seen and offer.status in (JobOffer.Status.PUBLISHED, JobOffer.Status.REVIEW)
        ]
        for start in range(0, len(gone), BATCH_SIZE):
            self.outcome.closed += JobOffer.objects.filter(pk__in=gone[start : start + BATCH_SIZE]).update(
                status=JobOffer.Status.ARCHIVED, closed_at_source=self.now, updated_at=self.now
            )
