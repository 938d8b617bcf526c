"""Job offers, the employers that publish them, and the rule that makes an offer "open"."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, models, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest, Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.geography import Region
from core.models import PublishableModel, PublishableQuerySet, TimeStampedModel
from core.text import search_words
from jobs import search_index

DEFAULT_LIFETIME = timedelta(days=60)
EXTENSION_DAYS = 30


class EmployerQuerySet(models.QuerySet):
    def with_open_offer_count(self):
        """Annotate ``open_offer_count``: the employer's offers that ``JobOffer.objects.open()`` lets through.

        Counted in a subquery per employer, so a page of employers reads its own offers only (from
        ``job_offer_employer_idx``). A join grouped by employer counted every offer of every employer before
        the page was cut: 1.1 s for ``/api/v1/employers/`` at 1 000 000 offers.
        """
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
    # Rows made by manage.py generate_demo_data: badged on public pages, removed by purge_demo_data.
    is_demo = models.BooleanField(
        _("donnée de démonstration"),
        default=False,
        editable=False,
        help_text=_("Créée par generate_demo_data ; purge_demo_data la supprime."),
    )

    objects = EmployerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("employeur")
        verbose_name_plural = _("employeurs")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("jobs:employer_detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        """Renaming an employer refreshes the search text of its offers, which contains the name."""
        renamed = self.pk is not None and not Employer.objects.filter(pk=self.pk, name=self.name).exists()
        super().save(*args, **kwargs)
        if renamed:
            offers = list(self.offers.only("pk", "title", "city", "description"))
            for offer in offers:
                offer.employer = self
                offer.search_text = offer.build_search_text()
            JobOffer.objects.bulk_update(offers, ["search_text"], batch_size=500)


def open_condition(prefix: str = "") -> Q:
    """THE rule: published, and the expiry is still ahead. ``now`` is read at each call.

    ``prefix`` applies it across a relation (``"offers__"`` from an employer).
    """
    return Q(**{f"{prefix}status": PublishableModel.Status.PUBLISHED, f"{prefix}expires_at__gt": timezone.now()})


def pay_sort_key():
    """Announced annual pay, unknown pay (-1) last in a descending sort.

    An expression rather than ``NULLS LAST``, which SQLite refuses in an index
    definition; the pay index below is built on this same expression.
    """
    return Coalesce("salary_top", Value(-1))


def expiry_passed_key():
    """The expiry as ``job_offer_expiry_idx`` holds it: ``expires_at``, never null once published."""
    return Coalesce("expires_at", "published_at")


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

    def matching(self, text: str, max_words: int, among: int | None = None):
        """Offers whose title, employer, city or description hold every word of ``text`` (accents and case ignored).

        Words of three letters or more are found anywhere ("ingé" finds
        "ingénieure"); shorter ones only whole ("IA", not the "ia" of
        "spécialiste"). Reads ``search_text`` through its trigram index: an
        FTS5 phrase MATCH on SQLite, pg_trgm's GIN index serving LIKE on
        PostgreSQL. Either way no description is scanned.

        ``among``: how many offers the query would read by their text, when
        known (those the other filters let through, or fewer when it stops
        at a limit sooner). On SQLite, up to ``search_index.SCAN_LIMIT`` they
        are read with a LIKE on their ``search_text`` rather than through the
        index, whose cost grows with the offers holding the word, not with
        those asked for.
        """
        words = search_words(text)[:max_words]
        if not words:  # punctuation alone: nothing to look for, and nothing found
            return self.none()
        queryset = self
        use_index = among is None or among > search_index.SCAN_LIMIT
        for word in words:
            found = search_index.needle(word)
            if connection.vendor == "sqlite" and use_index:
                match = RawSQL(search_index.SQLITE_CONDITION, [search_index.phrase(found)], BooleanField())  # noqa: S611
                queryset = queryset.filter(match)
            else:
                queryset = queryset.filter(search_text__contains=found)
        return queryset

    def for_list(self):
        """What a list of offers shows: employer and career joined, the long description left behind."""
        return self.select_related("employer", "career").defer("description", "employer__description")

    def for_feed(self):
        """Feed items carry the whole description, so nothing is deferred."""
        return self.select_related("employer", "career")

    def newest(self):
        return self.order_by("-published_at", "-pk")

    def best_paid(self):
        """Highest announced annual pay first; offers without an annual salary last."""
        return self.order_by(pay_sort_key().desc(), "-published_at", "-pk")

    def pay_summary(self) -> PaySummary:
        """Lowest, median and highest annual pay among these offers, in at most two queries.

        Low and high are the extreme ends of the announced ranges; the median
        counts each offer once, at the middle of its range (or its single
        amount). It is read with OFFSET/LIMIT instead of loading every row, so
        it costs the same whatever the number of offers.
        """
        stats = self.aggregate(
            total=Count("*"), paid=Count("salary_top"), low=Min(pay_bottom()), high=Max("salary_top")
        )
        paid = stats["paid"]
        if not paid:
            return PaySummary(total=stats["total"])
        # low + high (twice the midpoint) sorts like the midpoint and stays an integer.
        doubled = (
            self.filter(salary_top__isnull=False)
            .annotate(doubled_mid=pay_bottom() + F("salary_top"))
            .order_by("doubled_mid")
        )
        middle = list(doubled.values_list("doubled_mid", flat=True)[(paid - 1) // 2 : paid // 2 + 1])
        median = round(sum(middle) / (2 * len(middle)))
        return PaySummary(total=stats["total"], paid=paid, low=stats["low"], median=median, high=stats["high"])

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

    class Experience(models.TextChoices):
        JUNIOR = "junior", _("Débutant ou junior")
        CONFIRMED = "confirme", _("Confirmé")
        SENIOR = "senior", _("Senior ou expert")
        ANY = "tous", _("Ouvert à tous les niveaux")

    class Remote(models.TextChoices):
        NONE = "aucun", _("Sur site")
        PARTIAL = "partiel", _("Télétravail partiel")
        FULL = "complet", _("Télétravail complet")

    class Source(models.TextChoices):
        LINKEDIN = "linkedin", "LinkedIn"
        APEC = "apec", "Apec"
        INDEED = "indeed", "Indeed"
        WELCOME_TO_THE_JUNGLE = "welcome-to-the-jungle", "Welcome to the Jungle"
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
    published_at = models.DateTimeField(
        _("publiée le"), null=True, blank=True, help_text=_("Rempli à la publication si vous le laissez vide.")
    )
    expires_at = models.DateTimeField(
        _("expire le"),
        null=True,
        blank=True,
        help_text=_("Par défaut, 60 jours après la publication. L’offre quitte alors le tableau."),
    )
    # Rows made by manage.py generate_demo_data: badged on public pages, removed by purge_demo_data.
    is_demo = models.BooleanField(
        _("donnée de démonstration"),
        default=False,
        editable=False,
        help_text=_("Créée par generate_demo_data ; purge_demo_data la supprime."),
    )
    # ?q= of /offres/ and the offers of /recherche/: title, employer name, city and description as folded words
    # between spaces (jobs.search_index.search_text). Kept up to date by save() and Employer.save(); indexed by
    # trigrams (FTS5 on SQLite, pg_trgm on PostgreSQL, migration 0003).
    search_text = models.TextField(_("texte de recherche"), blank=True, default="", editable=False)

    objects = JobOfferQuerySet.as_manager()
    # Derived columns (pay sort, search text) are recomputed from the fields; history keeps those.
    history = HistoricalRecords(excluded_fields=["salary_top", "search_text"])

    class Meta:
        verbose_name = _("offre d’emploi")
        verbose_name_plural = _("offres d’emploi")
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_joboffer", "Peut publier une offre d’emploi")]
        # Open offers are "status = published AND expires_at > now": status leads, expires_at is then checked.
        indexes = [
            # /offres/ newest first (the default sort), the feeds, ?publie=: read in order, stop after a page.
            # expires_at last in the ordered indexes: the open() check reads the index, not the table,
            # for every row skipped on a deep page or counted in the date facet.
            models.Index(
                F("status"), F("published_at").desc(), F("id").desc(), F("expires_at"), name="job_offer_newest_idx"
            ),
            # /offres/?tri=salaire, and ?salaire_min= when sorted by pay.
            models.Index(
                F("status"),
                pay_sort_key().desc(),
                F("published_at").desc(),
                F("id").desc(),
                F("expires_at"),
                name="job_offer_pay_idx",
            ),
            # The facet counts of /offres/ (contract, region, remote, experience, career, publication date,
            # with ?salaire_min=) read from the index alone.
            # expires_at comes last: second, its range made SQLite pick this index for the page query too,
            # then sort every open offer (2 s at 100 000 offers) instead of reading job_offer_newest_idx in order.
            models.Index(
                fields=[
                    "status",
                    "contract",
                    "region",
                    "remote",
                    "experience",
                    "career",
                    "published_at",
                    "salary_top",
                    "expires_at",
                ],
                name="job_offer_facets_idx",
            ),
            # The grouped facet count of /offres/ without a date filter, the most common one: the columns
            # it groups by and the pay filter's, nothing else, so the scan of every open offer reads fewer
            # pages (36 ms to 26 ms at 100 000 offers on SQLite). The wider index above serves ?publie=.
            models.Index(
                fields=["status", "contract", "region", "remote", "experience", "career", "expires_at", "salary_top"],
                name="job_offer_facet_columns_idx",
            ),
            # Published offers past their expiry, which the facet tallies (jobs.facet_tally) subtract until
            # expire_offers archives them. Led by the expiry as an expression that the board's own queries
            # never use (the same value for published offers, which always have one): led by the status, or
            # by a plain expires_at, SQLite without statistics took it for the page query and sorted every
            # open offer (0.5 s at 100 000 offers) instead of reading job_offer_newest_idx in order.
            # The columns the tallies' subtraction reads close it, so PostgreSQL reads the index alone.
            models.Index(
                expiry_passed_key(),
                F("contract"),
                F("region"),
                F("remote"),
                F("experience"),
                F("career"),
                F("published_at"),
                F("expires_at"),
                name="job_offer_expiry_idx",
                condition=Q(status=PublishableModel.Status.PUBLISHED),
            ),
            # ?metier=, the career profile (five newest; count and pay from the index alone) and the 410
            # page's suggestions.
            models.Index(
                F("career"),
                F("status"),
                F("published_at").desc(),
                F("id").desc(),
                F("expires_at"),
                F("salary_low"),
                F("salary_high"),
                F("salary_top"),
                name="job_offer_career_idx",
            ),
            # /employeurs/<slug>/, and the PROTECT check when an employer is deleted.
            models.Index(F("employer"), F("status"), F("published_at").desc(), name="job_offer_employer_idx"),
            # ?region=, newest first.
            models.Index(
                F("region"),
                F("status"),
                F("published_at").desc(),
                F("id").desc(),
                F("expires_at"),
                name="job_offer_region_idx",
            ),
            # ?ville= (case-insensitive exact match: JobOfferFilter.filter_city, UPPER(city) = UPPER(%s)), with
            # what the open check and the facet counts read: a city's offers are counted from the index alone.
            models.Index(
                Upper("city"),
                F("status"),
                F("contract"),
                F("region"),
                F("remote"),
                F("experience"),
                F("career"),
                F("published_at"),
                F("expires_at"),
                name="job_offer_city_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_low__isnull=True)
                | Q(salary_high__isnull=True)
                | Q(salary_low__lte=F("salary_high")),
                name="job_offer_salary_low_lte_high",
                violation_error_message=_("Le salaire minimum ne peut pas dépasser le salaire maximum."),
            ),
            models.CheckConstraint(
                condition=Q(day_rate_low__isnull=True)
                | Q(day_rate_high__isnull=True)
                | Q(day_rate_low__lte=F("day_rate_high")),
                name="job_offer_day_rate_low_lte_high",
                violation_error_message=_("Le tarif journalier minimum ne peut pas dépasser le maximum."),
            ),
            models.CheckConstraint(
                condition=(Q(salary_low__isnull=True) | Q(salary_low__gte=0))
                & (Q(salary_high__isnull=True) | Q(salary_high__gte=0))
                & (Q(day_rate_low__isnull=True) | Q(day_rate_low__gte=0))
                & (Q(day_rate_high__isnull=True) | Q(day_rate_high__gte=0)),
                name="job_offer_pay_not_negative",
                violation_error_message=_("Un montant ne peut pas être négatif."),
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

    def build_search_text(self) -> str:
        return search_index.search_text(
            search_words(f"{self.title} {self.employer.name} {self.city} {self.description}")
        )

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"title", "employer", "city", "description"} & set(update_fields):
            self.search_text = self.build_search_text()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def clean(self):
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
