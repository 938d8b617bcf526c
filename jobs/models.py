"""Job offers, the employers that publish them, and the rule that makes an offer "open"."""

from dataclasses import dataclass
from datetime import timedelta
from functools import reduce
from operator import or_

from django.db import connections, models, transaction
from django.db.models import Case, Count, ExpressionWrapper, F, Max, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import search
from core.aggregates import Median
from core.constraints import low_lte_high, not_negative
from core.geography import Region
from core.models import PublishableModel, PublishableQuerySet, TimeStampedModel
from core.validators import forbidden_character
from places.models import Commune

DEFAULT_LIFETIME = timedelta(days=60)
EXTENSION_DAYS = 30


class EmployerQuerySet(models.QuerySet):
    def holding(self, words: list[str]) -> tuple[list[set[int]], dict[int, tuple[str, str]]]:
        """For each word, the employers whose name holds it, and each one's name and slug, in one query: what an
        offer search adds to the offers' own text (their generated search columns cannot reach the employer)."""
        employers, in_name = search.in_fields(self, "name")
        conditions = [in_name(word) for word in words]
        flags = {
            f"word_{n}": ExpressionWrapper(c, output_field=models.BooleanField()) for n, c in enumerate(conditions)
        }
        rows = employers.filter(reduce(or_, conditions)).annotate(**flags).values_list("pk", "name", "slug", *flags)
        found, names = [set() for _ in words], {}
        for pk, name, slug, *matched in rows:
            names[pk] = (name, slug)
            for index, hit in enumerate(matched):
                if hit:
                    found[index].add(pk)
        return found, names

    def with_open_offer_count(self):
        """Annotate ``open_offer_count``, the employer's open offers, in a subquery per employer: a page of
        employers reads its own offers only, where a grouped join counted all of them (bench/README.md)."""
        offers = JobOffer.objects.open().filter(employer=OuterRef("pk")).order_by().values("employer")
        return self.annotate(
            open_offer_count=Coalesce(Subquery(offers.annotate(count=Count("*")).values("count")), Value(0))
        )


class Employer(TimeStampedModel):
    name = models.CharField(_("nom"), max_length=160)
    slug = models.SlugField(_("identifiant d’URL"), max_length=160, unique=True)
    sector = models.CharField(
        _("secteur d’activité"), max_length=120, blank=True, help_text=_("Par exemple : BTP, enseignement supérieur.")
    )
    city = models.CharField(_("ville"), max_length=120, blank=True, help_text=_("Ville du siège ou du site principal."))
    website = models.URLField(_("site web"), max_length=500, blank=True)
    description = models.TextField(
        _("présentation"), blank=True, help_text=_("Markdown : listes, liens. Le HTML est filtré.")
    )
    search_vector = search.document(name="A")

    objects = EmployerQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        verbose_name = _("employeur")
        verbose_name_plural = _("employeurs")
        ordering = ["name"]
        indexes = [
            search.SearchIndex(fields=["search_vector"], name="employer_search_idx"),
            # /recherche/'s "Vouliez-vous dire" compares a misspelt word with the employers' names.
            search.TrigramIndex("name", index_name="employer_name_trgm_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("jobs:employer_detail", kwargs={"slug": self.slug})


def open_condition(prefix: str = "") -> Q:
    """THE rule, written once: published, dated today or earlier (``now`` read at each call), the expiry still
    ahead. ``prefix`` applies it across a relation (``"offers__"`` from an employer)."""
    now = timezone.now()
    return Q(
        **{
            f"{prefix}status": PublishableModel.Status.PUBLISHED,
            f"{prefix}published_at__lte": now,
            f"{prefix}expires_at__gt": now,
        }
    )


def pay_sort_key():
    """Announced annual pay, unknown (-1) last in a descending sort: not ``NULLS LAST``, which SQLite refuses
    in an index definition, and the pay index is built on this expression."""
    return Coalesce("salary_top", Value(-1))


def pay_bottom():
    """The low end of an offer's announced pay: its low, or its single amount."""
    return Coalesce("salary_low", "salary_high")


@dataclass(frozen=True)
class PaySummary:
    """Annual gross pay (euros) announced by a set of offers, of which ``paid`` state one."""

    total: int
    paid: int = 0
    low: int | None = None
    median: int | None = None
    high: int | None = None


class JobOfferQuerySet(PublishableQuerySet):
    def open(self):
        """Offers the public can apply to. Every page, feed and count goes through here."""
        return self.filter(open_condition())

    def expired(self):
        """Published offers whose expiry has passed: what ``expire_offers`` archives."""
        return self.filter(status=JobOffer.Status.PUBLISHED, expires_at__lte=timezone.now())

    def with_is_open(self):
        """Annotate ``is_open`` with the same rule as ``open()``, for pages that show closed offers too."""
        return self.annotate(is_open=ExpressionWrapper(open_condition(), output_field=models.BooleanField()))

    def visible_to(self, user):
        """Staff see every offer; the public sees published and archived ones (the latter answer 410, not 404)."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        return self.filter(status__in=[JobOffer.Status.PUBLISHED, JobOffer.Status.ARCHIVED])

    def for_career(self, career):
        return self.filter(career=career)

    def matching(self, query, employers: list[set[int]] | None = None):
        """Offers whose title, city, description or employer's name hold every clause of ``query`` (a
        ``core.search.Query`` or its text), as ``core.search`` matches words; ``employers``: ``holding``'s."""
        if not isinstance(query, search.Query):
            query = search.parse(query)
        if not query:  # punctuation alone: nothing to look for, and nothing found
            return self.none()
        vendor = connections[self.db].vendor
        if employers is None:
            employers, _names = Employer.objects.holding(query.words)
        by_word = dict(zip(query.words, employers, strict=True))

        def condition(word):
            found = search.word_matches(vendor, word, folded=("search_words",))
            if by_word[word]:
                found |= Q(employer_id__in=sorted(by_word[word]))
            return found

        return search.matching(self, query, condition)

    def for_list(self):
        """What a list of offers shows: employer and career joined, the long texts left behind."""
        return self.select_related("employer", "career").defer(
            "description", "employer__description", "employer__search_vector", "career__search_vector"
        )

    def for_feed(self):
        """Feed items carry the whole description, so nothing is deferred."""
        return self.select_related("employer", "career")

    def newest(self):
        return self.order_by("-published_at", "-pk")

    def best_paid(self):
        """Highest announced annual pay first; offers without an annual salary last."""
        return self.order_by(pay_sort_key().desc(), "-published_at", "-pk")

    def pay_summary(self) -> PaySummary:
        """Lowest and highest ends of the announced ranges, and the median of their midpoints (each offer once),
        in one query."""
        stats = self.aggregate(
            total=Count("*"),
            paid=Count("salary_top"),
            low=Min(pay_bottom()),
            high=Max("salary_top"),
            # low + high, twice the midpoint: a sum of integers, halved once at the end.
            doubled_median=Median(pay_bottom() + F("salary_top")),
        )
        if not stats["paid"]:
            return PaySummary(total=stats["total"])
        median = round(stats["doubled_median"] / 2)
        return PaySummary(total=stats["total"], paid=stats["paid"], low=stats["low"], median=median, high=stats["high"])

    def publish(self) -> int:
        """Publish every offer not yet published, dated now, with the default expiry unless a later one is set."""
        now = timezone.now()
        with transaction.atomic():
            return self.exclude(status=JobOffer.Status.PUBLISHED).update(
                status=JobOffer.Status.PUBLISHED,
                published_at=now,
                expires_at=Case(When(expires_at__gt=now, then=F("expires_at")), default=Value(now + DEFAULT_LIFETIME)),
                updated_at=now,
            )

    def unpublish(self) -> int:
        with transaction.atomic():
            return self.exclude(status=JobOffer.Status.DRAFT).update(
                status=JobOffer.Status.DRAFT, updated_at=timezone.now()
            )

    def archive(self) -> int:
        """Take offers off the board; their pages then answer 410."""
        with transaction.atomic():
            return self.exclude(status=JobOffer.Status.ARCHIVED).update(
                status=JobOffer.Status.ARCHIVED, updated_at=timezone.now()
            )

    def extend(self, days: int = EXTENSION_DAYS) -> int:
        """Push the expiry back by ``days``, counted from today if it has already passed."""
        now = timezone.now()
        with transaction.atomic():
            return self.update(
                expires_at=Greatest(Coalesce("expires_at", Value(now)), Value(now)) + timedelta(days=days),
                updated_at=now,
            )


class JobOffer(PublishableModel):
    """A job offer: drafted or reviewed by staff, published for a while, then archived."""

    class Contract(models.TextChoices):
        CDI = "cdi", _("CDI")
        CDD = "cdd", _("CDD")
        FREELANCE = "freelance", _("Freelance")
        ALTERNANCE = "alternance", _("Alternance")
        STAGE = "stage", _("Stage")
        INTERIM = "interim", _("Intérim")

    class Experience(models.TextChoices):
        JUNIOR = "junior", _("Débutant ou junior")
        CONFIRMED = "confirme", _("Confirmé")
        SENIOR = "senior", _("Senior ou expert")
        ANY = "tous", _("Ouvert à tous les niveaux")

    class Remote(models.TextChoices):
        NONE = "aucun", _("Sur site")
        PARTIAL = "partiel", _("Télétravail partiel")
        FULL = "complet", _("Télétravail complet")
        # What an import says when its source does not state it (France Travail's API does not).
        UNKNOWN = "inconnu", _("Télétravail non précisé")

    class Source(models.TextChoices):
        LINKEDIN = "linkedin", "LinkedIn"
        APEC = "apec", "Apec"
        INDEED = "indeed", "Indeed"
        WELCOME_TO_THE_JUNGLE = "welcome-to-the-jungle", "Welcome to the Jungle"
        FRANCE_TRAVAIL = "france-travail", "France Travail"
        DIRECT = "direct", _("Directement auprès de Cap IA")
        OTHER = "autre", _("Autre")

    title = models.CharField(_("intitulé du poste"), max_length=160)
    slug = models.SlugField(
        _("identifiant d’URL"),
        max_length=200,
        unique=True,
        help_text=_("Unique : ajoutez la ville ou l’employeur si l’intitulé existe déjà."),
    )
    # The composite indexes below lead with these columns, so the single-column ones would be redundant.
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("employeur"),
        on_delete=models.PROTECT,
        related_name="offers",
        db_index=False,
        help_text=_("Un employeur qui a des offres ne peut pas être supprimé."),
    )
    career = models.ForeignKey(
        "careers.Career",
        verbose_name=_("métier"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="job_offers",
        db_index=False,
        help_text=_("L’offre apparaît sur la fiche de ce métier. Supprimer le métier garde l’offre."),
    )
    contract = models.CharField(_("contrat"), max_length=12, choices=Contract.choices, default=Contract.CDI)
    experience = models.CharField(_("expérience"), max_length=12, choices=Experience.choices, default=Experience.ANY)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # job_offer_commune_idx leads with it
        help_text=_("Place l’offre pour la recherche par ville et rayon. Vide : trouvée d’après la ville."),
    )
    region = models.CharField(_("région"), max_length=2, choices=Region.choices, blank=True)
    remote = models.CharField(_("télétravail"), max_length=8, choices=Remote.choices, default=Remote.NONE)
    salary_low = models.PositiveIntegerField(_("salaire annuel brut minimum (€)"), null=True, blank=True)
    salary_high = models.PositiveIntegerField(
        _("salaire annuel brut maximum (€)"), null=True, blank=True, help_text=_("Seul, il se lit « jusqu’à ».")
    )
    # What "minimum annual pay" and the pay sort compare: the top of the range, or its only amount.
    salary_top = models.GeneratedField(
        expression=Coalesce("salary_high", "salary_low"), output_field=models.IntegerField(), db_persist=True
    )
    day_rate_low = models.PositiveIntegerField(_("tarif journalier minimum (€ HT)"), null=True, blank=True)
    day_rate_high = models.PositiveIntegerField(_("tarif journalier maximum (€ HT)"), null=True, blank=True)
    description = models.TextField(
        _("description"), help_text=_("Markdown : titres ##, listes, liens. Le HTML est filtré.")
    )
    apply_url = models.URLField(_("adresse pour postuler"), max_length=500, blank=True)
    apply_email = models.EmailField(_("e-mail pour postuler"), blank=True)
    source = models.CharField(_("publiée sur"), max_length=24, choices=Source.choices, default=Source.DIRECT)
    source_url = models.URLField(
        _("adresse de l’annonce d’origine"), max_length=500, blank=True, help_text=_("Pour vérifier l’offre.")
    )
    # Provenance of an imported offer (``jobs.importers``): empty for an offer staff typed in. The text
    # columns default to "" in the database too, for the rows portal/demo.py inserts with plain SQL.
    data_source = models.ForeignKey(
        "core.DataSource",
        verbose_name=_("importée de"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="job_offers",
        db_index=False,  # job_offer_source_id_unique leads with it
        editable=False,
        help_text=_("Rempli par l’import ; vide pour une offre saisie à la main."),
    )
    # Provenance is the importer's to write: shown to staff, never edited by them.
    external_id = models.CharField(
        _("identifiant à la source"), max_length=40, blank=True, editable=False, db_default=""
    )
    read_at = models.DateTimeField(_("lue à la source le"), null=True, blank=True, editable=False)
    source_created_at = models.DateTimeField(_("créée à la source le"), null=True, blank=True, editable=False)
    source_updated_at = models.DateTimeField(_("mise à jour à la source le"), null=True, blank=True, editable=False)
    closed_at_source = models.DateTimeField(
        _("fermée à la source le"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Absente du dernier import complet : archivée, puis rouverte si elle revient à la source."),
    )
    location_label = models.CharField(
        _("lieu annoncé"), max_length=120, blank=True, db_default="", help_text=_("Le lieu tel que la source l’écrit.")
    )
    postcode = models.CharField(_("code postal"), max_length=5, blank=True, db_default="")
    insee_code = models.CharField(_("code commune INSEE"), max_length=5, blank=True, db_default="")
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    salary_label = models.CharField(
        _("salaire annoncé"),
        max_length=200,
        blank=True,
        db_default="",
        help_text=_("Le salaire tel que la source l’écrit ; les montants annuels ne sont remplis que s’il les donne."),
    )
    working_time = models.CharField(_("temps de travail"), max_length=120, blank=True, db_default="")
    experience_label = models.CharField(_("expérience demandée"), max_length=120, blank=True, db_default="")
    # What the importer last wrote, hashed: a row that no longer matches it was edited by staff, and is kept.
    import_fingerprint = models.CharField(max_length=32, blank=True, editable=False, db_default="")
    published_at = models.DateTimeField(
        _("publiée le"), null=True, blank=True, help_text=_("Rempli à la publication si vous le laissez vide.")
    )
    expires_at = models.DateTimeField(
        _("expire le"),
        null=True,
        blank=True,
        help_text=_("Par défaut, 60 jours après la publication. L’offre quitte alors le tableau."),
    )
    # ?q= of /offres/ and the offers of /recherche/ (``JobOfferQuerySet.matching``), kept by the database.
    search_vector = search.document(title="A", city="B", description="C")
    search_words = search.folded_words("title", "city", "description")

    objects = JobOfferQuerySet.as_manager()
    # Derived columns are recomputed from the fields; history keeps those.
    # The read date and the fingerprint change on every import: history would grow by a row per offer per run.
    history = HistoricalRecords(
        excluded_fields=["salary_top", "search_vector", "search_words", "read_at", "import_fingerprint"]
    )

    class Meta:
        verbose_name = _("offre d’emploi")
        verbose_name_plural = _("offres d’emploi")
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_joboffer", "Peut publier une offre d’emploi")]
        # Open offers (``open_condition``): the status leads, the publication date orders, the expiry is read
        # from the index for each row passed over on a deep page.
        indexes = [
            # /offres/ newest first (the default sort), the feeds, ?publie=, the home page.
            models.Index(
                F("status"), F("published_at").desc(), F("id").desc(), F("expires_at"), name="job_offer_newest_idx"
            ),
            # /offres/?tri=salaire.
            models.Index(
                F("status"),
                pay_sort_key().desc(),
                F("published_at").desc(),
                F("id").desc(),
                F("expires_at"),
                name="job_offer_pay_idx",
            ),
            # ?metier=, the career profile (five newest, count and pay) and the 410 page's suggestions.
            models.Index(
                F("career"), F("status"), F("published_at").desc(), F("id").desc(), name="job_offer_career_idx"
            ),
            # /employeurs/<slug>/, and the PROTECT check when an employer is deleted.
            models.Index(F("employer"), F("status"), F("published_at").desc(), name="job_offer_employer_idx"),
            # ?region=, newest first.
            models.Index(F("region"), F("status"), F("published_at").desc(), name="job_offer_region_idx"),
            # ?ville= and ?rayon=: the offers of the communes around a place (places.filters), nearest first
            # then newest; the ids of a page are read from the index alone (core.pagination.ids_first).
            models.Index(
                F("commune"),
                F("status"),
                F("published_at").desc(),
                F("id").desc(),
                F("expires_at"),
                name="job_offer_commune_idx",
            ),
            # ?q= on PostgreSQL.
            search.SearchIndex(fields=["search_vector"], name="job_offer_search_idx"),
        ]
        constraints = [
            # The importer finds an offer by its id at the source; this index also answers the run's lookups.
            models.UniqueConstraint(
                fields=["data_source", "external_id"],
                condition=~Q(external_id=""),
                name="job_offer_source_id_unique",
                violation_error_message=_("Cette source a déjà une offre avec cet identifiant."),
            ),
            models.CheckConstraint(
                condition=Q(data_source__isnull=True, external_id="")
                | (Q(data_source__isnull=False) & ~Q(external_id="")),
                name="job_offer_imported_has_id",
                violation_error_message=_("Une offre importée a un identifiant à sa source, et seulement elle."),
            ),
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90))
                & (Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180)),
                name="job_offer_coordinates_valid",
                violation_error_message=_("Latitude entre -90 et 90, longitude entre -180 et 180."),
            ),
            low_lte_high(
                "salary",
                "job_offer_salary_low_lte_high",
                _("Le salaire minimum ne peut pas dépasser le salaire maximum."),
            ),
            low_lte_high(
                "day_rate",
                "job_offer_day_rate_low_lte_high",
                _("Le tarif journalier minimum ne peut pas dépasser le maximum."),
            ),
            not_negative(
                ["salary_low", "salary_high", "day_rate_low", "day_rate_high"],
                "job_offer_pay_not_negative",
                _("Un montant ne peut pas être négatif."),
            ),
            models.CheckConstraint(
                condition=~Q(apply_url="") | ~Q(apply_email=""),
                name="job_offer_has_apply_route",
                violation_error_message=_("Indiquez une adresse web ou un e-mail pour postuler."),
            ),
            models.CheckConstraint(
                condition=~Q(status=PublishableModel.Status.PUBLISHED)
                | Q(published_at__isnull=False, expires_at__isnull=False),
                name="job_offer_published_is_dated",
                violation_error_message=_("Une offre publiée a une date de publication et une date d’expiration."),
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True)
                | Q(expires_at__isnull=True)
                | Q(expires_at__gt=F("published_at")),
                name="job_offer_expires_after_publication",
                violation_error_message=_("L’offre doit expirer après sa date de publication."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jobs:offer_detail", kwargs={"slug": self.slug})

    def clean(self):
        # Not looked up: a code or city its validator refuses (a NUL byte: PostgreSQL fails), or a database default.
        code, city = (
            value if isinstance(value, str) and not forbidden_character(value, multiline=False) else ""
            for value in (self.insee_code, self.city)
        )
        if self.commune_id is None and (code or city):
            by_code = Commune.objects.filter(code=code).first() if code else None
            self.commune = by_code or (Commune.objects.best_for(city, self.region) if city else None)
        # The admin form may set the status to "published" directly: date it as publish() would.
        if self.status == self.Status.PUBLISHED:
            if self.published_at is None:
                self.published_at = timezone.now()
            if self.expires_at is None:
                self.expires_at = self.published_at + DEFAULT_LIFETIME

    def publish(self) -> None:
        """Publish now, expiring in 60 days unless a later expiry is already set."""
        if self.status == self.Status.PUBLISHED:
            return
        now = timezone.now()
        self.published_at = now
        if self.expires_at is None or self.expires_at <= now:
            self.expires_at = now + DEFAULT_LIFETIME
        self.status = self.Status.PUBLISHED
        self.save(update_fields=["status", "published_at", "expires_at", "updated_at"])

    def archive(self) -> None:
        self.status = self.Status.ARCHIVED
        self.save(update_fields=["status", "updated_at"])

    def extend(self, days: int = EXTENSION_DAYS) -> None:
        now = timezone.now()
        self.expires_at = max(self.expires_at or now, now) + timedelta(days=days)
        self.save(update_fields=["expires_at", "updated_at"])

    @property
    def is_imported(self) -> bool:
        return self.data_source_id is not None

    @property
    def has_salary(self) -> bool:
        return self.salary_low is not None or self.salary_high is not None

    @property
    def has_day_rate(self) -> bool:
        return self.day_rate_low is not None or self.day_rate_high is not None

    @property
    def place_label(self) -> str:
        """ "Lyon (Auvergne-Rhône-Alpes)", "Lyon", or the region alone."""
        region = self.get_region_display() if self.region else ""
        if self.city and region:
            return f"{self.city} ({region})"
        return self.city or region
